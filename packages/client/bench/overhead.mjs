#!/usr/bin/env node
// Measures what the client costs per request, with `fetch` stubbed so that only client
// code is timed, against bare openapi-fetch and a raw fetch call in the same run; and the
// cost of AK/SK signing. Prints a table with the budgets; exits 1 when one is exceeded.
// Run after a build: npm run bench -w @otc-vpcep/client
//
// Shared machines change speed from one second to the next, so the ratio is measured in
// short rounds, each timing the client between two timings of bare openapi-fetch; the
// budget is checked against the median round.
import createClient from "openapi-fetch";
import { createVpcepClient, signRequest } from "../dist/index.js";

const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
const SIGNINGS = Number(process.env.BENCH_SIGNINGS ?? 20_000);

const body = JSON.stringify({ id: "705290f3-0d00-41f2-aedc-71f09844e879", status: "accepted", marker_id: 16777510, tags: [] });
const stubFetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const url = "https://vpcep.eu-de.otc.t-systems.com/v1/6e9dfd51d1124e8d8498dce894923a0d";

const bare = createClient({ baseUrl: url, fetch: stubFetch });
const vpcep = createVpcepClient({ region: "eu-de", projectId: "6e9dfd51d1124e8d8498dce894923a0d", token: "token", fetch: stubFetch });
const credentials = { accessKey: "AKEXAMPLE", secretKey: "secret-key-example" };

const cases = {
  raw: ["raw fetch + JSON.parse", async () => (await stubFetch(new Request(`${url}/vpc-endpoints/e1`))).json()],
  bare: ["bare openapi-fetch", () => bare.GET("/vpc-endpoints/{vpc_endpoint_id}", { params: { path: { vpc_endpoint_id: "e1" } } })],
  client: ["@otc-vpcep/client (IAM token)", () => vpcep.getEndpoint("e1")],
};
const unsigned = () => new Request(`${url}/vpc-endpoints?limit=10&offset=0`, { headers: { "content-type": "application/json" } });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** µs per call of `run` over one round. */
async function round(run) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS_PER_ROUND; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1000 / CALLS_PER_ROUND;
}

async function measureRequests() {
  for (const [, run] of Object.values(cases)) for (let i = 0; i < CALLS_PER_ROUND * 2; i++) await run();
  const micros = { raw: [], bare: [], client: [] };
  const ratios = [];
  for (let i = 0; i < ROUNDS; i++) {
    const before = await round(cases.bare[1]);
    const client = await round(cases.client[1]);
    const after = await round(cases.bare[1]);
    micros.raw.push(await round(cases.raw[1]));
    micros.bare.push(before, after);
    micros.client.push(client);
    ratios.push((2 * client) / (before + after));
  }
  return { micros: Object.fromEntries(Object.entries(micros).map(([key, values]) => [key, median(values)])), ratio: median(ratios) };
}

/** The median of single signings, in ms; building the request to sign is not timed. */
async function measureSigning() {
  for (let i = 0; i < SIGNINGS / 4; i++) await signRequest(unsigned(), credentials);
  const times = [];
  for (let i = 0; i < SIGNINGS; i++) {
    const request = unsigned();
    const start = process.hrtime.bigint();
    await signRequest(request, credentials);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const { micros, ratio } = await measureRequests();
const signingMs = await measureSigning();
const budgets = [
  ["client per request ÷ bare openapi-fetch (median round)", `${ratio.toFixed(2)}×`, "≤ 1.20×", ratio <= 1.2],
  ["signRequest p50", `${signingMs.toFixed(3)} ms`, "≤ 0.100 ms", signingMs <= 0.1],
];

console.log(`Node ${process.version}, ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls, fetch stubbed; ${SIGNINGS} signings\n`);
console.log("| case | µs per call (median round) |\n| --- | ---: |");
for (const [key, [name]] of Object.entries(cases)) console.log(`| ${name} | ${micros[key].toFixed(2)} |`);
console.log(`| signRequest (AK/SK), GET with a query, p50 | ${(signingMs * 1000).toFixed(2)} |`);
console.log("\n| budget | measured | limit | |\n| --- | ---: | ---: | --- |");
for (const [name, measured, limit, ok] of budgets) console.log(`| ${name} | ${measured} | ${limit} | ${ok ? "ok" : "OVER"} |`);
if (budgets.some(([, , , ok]) => !ok)) process.exitCode = 1;
