#!/usr/bin/env node
// Drives the contract mock with a bounded load on loopback and prints requests per second
// and latency percentiles for a create and a list call. Run: npm run bench:mock
// BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10) tune the load.
import { startMock } from "@otc-vpcep/mock";
import autocannon from "autocannon";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) throw new Error("BENCH_SECONDS must be an integer from 1 to 120");
if (!Number.isInteger(connections) || connections < 1 || connections > 100) {
  throw new Error("BENCH_CONNECTIONS must be an integer from 1 to 100");
}

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const headers = { "content-type": "application/json", "x-auth-token": "bench-token" };
const scenarios = [
  {
    name: "createEndpoint (POST /vpc-endpoints)",
    method: "POST",
    path: `/v1/${projectId}/vpc-endpoints`,
    body: JSON.stringify({ vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4", endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a" }),
  },
  { name: "listEndpoints (GET /vpc-endpoints?limit=10)", method: "GET", path: `/v1/${projectId}/vpc-endpoints?limit=10` },
];

const mock = await startMock();
const rows = [];
try {
  for (const scenario of scenarios) {
    const result = await autocannon({
      url: `${mock.url}${scenario.path}`,
      method: scenario.method,
      headers,
      ...(scenario.body === undefined ? {} : { body: scenario.body }),
      connections,
      duration: seconds,
    });
    const failures = result.errors + result.timeouts + result.non2xx;
    rows.push([
      scenario.name,
      result.requests.average.toFixed(0),
      result.latency.p50,
      result.latency.p90,
      result.latency.p99,
      result.latency.max,
      `${result.requests.total}`,
      `${failures}`,
    ]);
    if (failures > 0) process.exitCode = 1;
  }
} finally {
  await mock.stop();
}

console.log(`Contract mock (Prism 5.14) on loopback, Node ${process.version}, ${connections} connections, ${seconds} s per call\n`);
console.log("| call | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors or non-2xx |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
