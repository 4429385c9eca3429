#!/usr/bin/env node
// Measures what the client costs per request, with `fetch` stubbed so that only client
// code is timed, against bare openapi-fetch and a raw fetch call in the same run; and the
// cost of AK/SK signing. Prints a table with the budgets; exits 1 when one is exceeded.
// Run after a build: npm run bench -w @otc-vpcep/client
import createClient from "openapi-fetch";
import { createVpcepClient, signRequest } from "../dist/index.js";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const ROUNDS = 7;
const body = JSON.stringify({ id: "705290f3-0d00-41f2-aedc-71f09844e879", status: "accepted", marker_id: 16777510, tags: [] });
const stubFetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const url = "https://vpcep.eu-de.otc.t-systems.com/v1/6e9dfd51d1124e8d8498dce894923a0d";

const bare = createClient({ baseUrl: url, fetch: stubFetch });
const vpcep = createVpcepClient({ region: "eu-de", projectId: "6e9dfd51d1124e8d8498dce894923a0d", token: "token", fetch: stubFetch });
const credentials = { accessKey: "AKEXAMPLE", secretKey: "secret-key-example" };

const cases = {
  "raw fetch + JSON.parse": async () => (await stubFetch(new Request(`${url}/vpc-endpoints/e1`))).json(),
  "bare openapi-fetch": () => bare.GET("/vpc-endpoints/{vpc_endpoint_id}", { params: { path: { vpc_endpoint_id: "e1" } } }),
  "@otc-vpcep/client (IAM token)": () => vpcep.getEndpoint("e1"),
  "signRequest (AK/SK), GET with a query": () =>
    signRequest(new Request(`${url}/vpc-endpoints?limit=10&offset=0`, { headers: { "content-type": "application/json" } }), credentials),
};

/** Runs every case ROUNDS times, interleaved so that drift hits all alike; per case, the median round's mean in µs. */
async function measureAll() {
  const rounds = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const run of Object.values(cases)) for (let i = 0; i < ITERATIONS / 4; i++) await run();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(cases)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < ITERATIONS; i++) await run();
      rounds[name].push(Number(process.hrtime.bigint() - start) / 1000 / ITERATIONS);
    }
  }
  return Object.fromEntries(Object.entries(rounds).map(([name, times]) => [name, times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]]));
}

const results = await measureAll();

const ratio = results["@otc-vpcep/client (IAM token)"] / results["bare openapi-fetch"];
const signingMs = results["signRequest (AK/SK), GET with a query"] / 1000;
const budgets = [
  ["client per request ÷ bare openapi-fetch", `${ratio.toFixed(2)}×`, "≤ 1.20×", ratio <= 1.2],
  ["signRequest p50", `${signingMs.toFixed(3)} ms`, "≤ 0.100 ms", signingMs <= 0.1],
];

console.log(`Node ${process.version}, ${ITERATIONS} calls × ${ROUNDS} rounds, median round, fetch stubbed\n`);
console.log("| case | µs per call |\n| --- | ---: |");
for (const [name, micros] of Object.entries(results)) console.log(`| ${name} | ${micros.toFixed(2)} |`);
console.log("\n| budget | measured | limit | |\n| --- | ---: | ---: | --- |");
for (const [name, measured, limit, ok] of budgets) console.log(`| ${name} | ${measured} | ${limit} | ${ok ? "ok" : "OVER"} |`);
if (budgets.some(([, , , ok]) => !ok)) process.exitCode = 1;
