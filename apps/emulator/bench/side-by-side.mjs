#!/usr/bin/env node
// The emulator beside the Prism contract mock, on loopback: requests per second and latency
// of getEndpoint under the same bounded load, and how long the emulator takes to start
// (in process, and as the vpcep-emulator command until it prints its URL).
// Run after a build: npm run bench:mock (BENCH_SECONDS, default 10; BENCH_CONNECTIONS, default 10).
// Exits 1 when the emulator answers fewer than 3x the mock's requests per second or starts in 0.5 s or more.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startMock } from "@otc-vpcep/mock";
import autocannon from "autocannon";
import { startEmulator } from "../dist/index.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) throw new Error("BENCH_SECONDS must be an integer from 1 to 120");
if (!Number.isInteger(connections) || connections < 1 || connections > 100) throw new Error("BENCH_CONNECTIONS must be an integer from 1 to 100");

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const headers = { "content-type": "application/json", "x-auth-token": "bench-token" };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function load(url) {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return { result, failures: result.errors + result.timeouts + result.non2xx };
}

async function seededEmulator(strict) {
  const emulator = await startEmulator({ transitions: "immediate", strict });
  const post = (path, body) =>
    fetch(`${emulator.url}/v1/${projectId}/${path}`, { method: "POST", headers, body: JSON.stringify(body) }).then((response) => response.json());
  const service = await post("vpc-endpoint-services", {
    port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
    vpc_id: "v",
    server_type: "LB",
    approval_enabled: false,
    ports: [{ client_port: 443, server_port: 8443 }],
  });
  await fetch(`${emulator.url}/v1/${projectId}/vpc-endpoint-services/${service.id}`, { headers });
  const endpoint = await post("vpc-endpoints", { endpoint_service_id: service.id, vpc_id: "v", subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
  return { emulator, endpointId: endpoint.id };
}

async function inProcessStartMs(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const emulator = await startEmulator();
    times.push(performance.now() - started);
    await emulator.stop();
  }
  return median(times);
}

function commandStartMs() {
  const bin = fileURLToPath(new URL("../bin/vpcep-emulator.js", import.meta.url));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (chunk) => {
      if (!chunk.toString().includes("listening on")) return;
      const elapsed = performance.now() - started;
      child.kill("SIGTERM");
      child.on("exit", () => resolve(elapsed));
    });
    child.on("error", reject);
  });
}

const rows = [];
const mock = await startMock();
let mockRps;
try {
  const { result, failures } = await load(`${mock.url}/v1/${projectId}/vpc-endpoints/705290f3-0d00-41f2-aedc-71f09844e879`);
  mockRps = result.requests.average;
  rows.push(["Prism mock (@otc-vpcep/mock)", result, failures]);
} finally {
  await mock.stop();
}
let emulatorRps = 0;
for (const strict of [false, true]) {
  const { emulator, endpointId } = await seededEmulator(strict);
  try {
    const { result, failures } = await load(`${emulator.url}/v1/${projectId}/vpc-endpoints/${endpointId}`);
    if (!strict) emulatorRps = result.requests.average;
    rows.push([`emulator (@otc-vpcep/emulator)${strict ? ", strict" : ""}`, result, failures]);
  } finally {
    await emulator.stop();
  }
}
const inProcess = await inProcessStartMs(9);
const commandTimes = [];
for (let i = 0; i < 5; i++) commandTimes.push(await commandStartMs());
const command = median(commandTimes);

console.log(`getEndpoint (GET /v1/{project_id}/vpc-endpoints/{id}) on loopback, Node ${process.version}, ${connections} connections, ${seconds} s each\n`);
console.log("| server | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors or non-2xx |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, result, failures] of rows) {
  const l = result.latency;
  console.log(`| ${name} | ${result.requests.average.toFixed(0)} | ${l.p50} | ${l.p90} | ${l.p99} | ${l.max} | ${result.requests.total} | ${failures} |`);
}
const ratio = emulatorRps / mockRps;
console.log(`\n| budget | measured | limit | |`);
console.log(`| --- | ---: | ---: | --- |`);
console.log(`| emulator req/s ÷ mock req/s | ${ratio.toFixed(1)}× | ≥ 3× | ${ratio >= 3 ? "ok" : "UNDER"} |`);
console.log(`| startEmulator() until listening (median of 9) | ${inProcess.toFixed(0)} ms | < 500 ms | ${inProcess < 500 ? "ok" : "OVER"} |`);
console.log(`| vpcep-emulator, spawn until it prints its URL (median of 5) | ${command.toFixed(0)} ms | < 500 ms | ${command < 500 ? "ok" : "OVER"} |`);
if (rows.some(([, , failures]) => failures > 0) || ratio < 3 || inProcess >= 500 || command >= 500) process.exitCode = 1;
