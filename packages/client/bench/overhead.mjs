#!/usr/bin/env node
// Measures what the client costs per call against bare openapi-fetch in the same run:
// over a real loopback HTTP server (a process of its own), and with `fetch` stubbed so
// that only client code is timed. Prints a table with the budgets; exits 1 when one is
// exceeded. Two rows, for information, hold the client against openapi-fetch doing the same
// per-call work (a time limit and the body read whole within it; see sameWork).
// Run after a build: npm run bench -w @otc-vpcep/client
//
// Shared machines change speed from one second to the next, so the two are called in
// turn, call by call, and the budget is checked against the ratio of the median calls.
import { fork } from "node:child_process";
import createClient from "openapi-fetch";
import { createVpcepClient } from "../dist/node/index.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const LOOPBACK_CALLS = Number(process.env.BENCH_LOOPBACK_CALLS ?? 300);
const STUBBED_CALLS = Number(process.env.BENCH_CALLS ?? 1_500);

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const token = "MIIEXAMPLETOKEN";
const credentials = { accessKey: "AKEXAMPLE", secretKey: "secret-key-example" };
const createBody = { vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4", endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a", subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" };

const server = fork(new URL("./loopback-server.mjs", import.meta.url), { stdio: "inherit" });
const { port } = await new Promise((resolve) => server.once("message", resolve));
const loopbackRoot = `http://127.0.0.1:${port}`;

const stubBody = JSON.stringify({ id: "705290f3-0d00-41f2-aedc-71f09844e879", status: "accepted", marker_id: 16777510, tags: [] });
const stubFetch = async (request) => {
  if (request.body !== null) await request.arrayBuffer();
  return new Response(stubBody, { status: 200, headers: { "content-type": "application/json", "content-length": String(stubBody.length) } });
};

/**
 * A peer that does the work the budgets' design asks of each call, with nothing else: a time limit
 * of its own (an AbortController and a timer, as each attempt has), and the body read whole within
 * it, handed on as a Response (openapi-fetch parses it once). For information beside the budgets.
 */
const sameWork = (fetch) => async (request) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const answer = await fetch(request, { signal: controller.signal });
    return new Response(await answer.arrayBuffer(), answer);
  } finally {
    clearTimeout(timer);
  }
};

/** Bare openapi-fetch and our client at one API root, over one fetch. */
function pair(apiRoot, fetch, auth) {
  const bare = createClient({ baseUrl: `${apiRoot}/v1/${projectId}`, headers: { "X-Auth-Token": token }, ...(fetch ? { fetch } : {}) });
  const peer = createClient({ baseUrl: `${apiRoot}/v1/${projectId}`, headers: { "X-Auth-Token": token }, fetch: sameWork(fetch ?? globalThis.fetch) });
  const client = createVpcepClient({ baseUrl: apiRoot, projectId, ...auth, ...(fetch ? { fetch } : {}) });
  const path = { params: { path: { vpc_endpoint_id: "e1" } } };
  return {
    bareGet: () => bare.GET("/vpc-endpoints/{vpc_endpoint_id}", path),
    peerGet: () => peer.GET("/vpc-endpoints/{vpc_endpoint_id}", path),
    peerPost: () => peer.POST("/vpc-endpoints", { body: createBody }),
    barePost: () => bare.POST("/vpc-endpoints", { body: createBody }),
    bareList: () => bare.GET("/vpc-endpoints", { params: { query: { limit: 1000 } } }),
    clientList: () => client.listEndpoints({ limit: 1000 }),
    clientGet: () => client.getEndpoint("e1"),
    clientPost: () => client.createEndpoint(createBody),
  };
}

const loopToken = pair(loopbackRoot, undefined, { token });
const loopAkSk = pair(loopbackRoot, undefined, { credentials });
const stubbed = pair("https://vpcep.eu-de.otc.t-systems.com", stubFetch, { token });

const cases = [
  { name: "GET, IAM token, loopback HTTP", bare: loopToken.bareGet, client: loopToken.clientGet, calls: LOOPBACK_CALLS, limit: 1.05 },
  { name: "POST, IAM token, loopback HTTP", bare: loopToken.barePost, client: loopToken.clientPost, calls: LOOPBACK_CALLS, limit: 1.05 },
  { name: "GET, AK/SK, loopback HTTP", bare: loopToken.bareGet, client: loopAkSk.clientGet, calls: LOOPBACK_CALLS, limit: 1.3 },
  { name: "POST, AK/SK, loopback HTTP", bare: loopToken.barePost, client: loopAkSk.clientPost, calls: LOOPBACK_CALLS, limit: 1.3 },
  { name: "GET, a chunked page of 1,000 endpoints, IAM token, loopback HTTP", bare: loopToken.bareList, client: loopToken.clientList, calls: LOOPBACK_CALLS / 10, limit: undefined },
  { name: "POST, IAM token, fetch stubbed", bare: stubbed.barePost, client: stubbed.clientPost, calls: STUBBED_CALLS, limit: 1.2 },
  { name: "GET, IAM token, fetch stubbed", bare: stubbed.bareGet, client: stubbed.clientGet, calls: STUBBED_CALLS, limit: undefined },
  // For information: against a peer that does the same per-call work (see sameWork), in the first column.
  { name: "GET, IAM token, loopback HTTP, ÷ openapi-fetch doing the same work", bare: loopToken.peerGet, client: loopToken.clientGet, calls: LOOPBACK_CALLS, limit: undefined },
  { name: "POST, IAM token, fetch stubbed, ÷ openapi-fetch doing the same work", bare: stubbed.peerPost, client: stubbed.clientPost, calls: STUBBED_CALLS, limit: undefined },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** µs of one call of `run`. */
async function timed(run) {
  const start = process.hrtime.bigint();
  const { response } = await run();
  if (!response.ok) throw new Error(`the bench's call failed with ${response.status}`);
  return Number(process.hrtime.bigint() - start) / 1000;
}

/**
 * Calls bare openapi-fetch and the client in turn, one call each (the order alternating),
 * so that both meet the same moment of a machine whose speed drifts; the ratio is the
 * median call's. The first tenth warms up.
 */
async function measure({ bare, client, calls }) {
  const bareMicros = [];
  const clientMicros = [];
  const total = calls * ROUNDS;
  for (let i = 0; i < total; i++) {
    const [first, second] = i % 2 === 0 ? [bare, client] : [client, bare];
    const a = await timed(first);
    const b = await timed(second);
    if (i < total / 10) continue;
    bareMicros.push(first === bare ? a : b);
    clientMicros.push(first === bare ? b : a);
  }
  const bareMedian = median(bareMicros);
  const clientMedian = median(clientMicros);
  return { bare: bareMedian, client: clientMedian, ratio: clientMedian / bareMedian };
}

console.log(`Node ${process.version}; ${LOOPBACK_CALLS * ROUNDS} loopback or ${STUBBED_CALLS * ROUNDS} stubbed calls of each per case\n`);
console.log("| case | bare openapi-fetch (or the peer named) µs, median call | @otc-vpcep/client µs | ratio | budget | |");
console.log("| --- | ---: | ---: | ---: | ---: | --- |");
let over = false;
for (const entry of cases) {
  const { bare, client, ratio } = await measure(entry);
  const ok = entry.limit === undefined || ratio <= entry.limit;
  over ||= !ok;
  const budget = entry.limit === undefined ? "information" : `≤ ${entry.limit.toFixed(2)}×`;
  console.log(`| ${entry.name} | ${bare.toFixed(1)} | ${client.toFixed(1)} | ${ratio.toFixed(3)}× | ${budget} | ${entry.limit === undefined ? "" : ok ? "ok" : "OVER"} |`);
}
server.disconnect();
if (over) process.exitCode = 1;
