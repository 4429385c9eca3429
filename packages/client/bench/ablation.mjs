#!/usr/bin/env node
// Where the client's loopback overhead goes: variants of the built Node client, each with a part
// of its transport replaced, against bare openapi-fetch, all called in turn in one run (GET with a
// token, over the loopback server of the bench). Each variant is the build with one exact snippet
// replaced; a snippet that is not found once fails the run, so that the variants follow the code.
// Then what work done before each request costs here: a fixed amount of hashing, string work and
// pure computation in a custom fetch. Run after a build: node bench/ablation.mjs
import { fork } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import createClient from "openapi-fetch";

const CALLS = Number(process.env.BENCH_ABLATION_CALLS ?? 4_000);
const built = new URL("../dist/node/index.js", import.meta.url);
// Beside the bench, so that the variants resolve openapi-fetch as the build does, and never in the published dist/.
const variantsDir = new URL("./.variants/", import.meta.url);

const WHOLE = "return async (request) => sendCall(await Call.start(underApiRoot(request), clock.now() + config.timeout.totalMs));";
const TIMER = "const timer = setTimeout(() => end(expired = ending()), ms);";
const RACE = "return await limit.race(() => next(";
const attempt = "const attempt = { call, number: 1, request: call.nextRequest(), signal: NOT_YET_LIMITED };";
const withLimits = `return async (request) => { const call = await Call.start(request, clock.now() + config.timeout.totalMs); ${attempt} return policies[0](attempt, async (a) => readBody(await config.fetch(a.request, { signal: a.signal }), a)); };`;

const VARIANTS = {
  "a plain fetch": [[WHOLE, "return (request) => config.fetch(request);"]],
  "bookkeeping and the body read": [[WHOLE, `return async (request) => { const call = await Call.start(request, 0); ${attempt} return readBody(await config.fetch(attempt.request), attempt); };`]],
  "... and attemptLimits": [[WHOLE, withLimits]],
  "... and attemptLimits without its timer": [[WHOLE, withLimits], [TIMER, "const timer = 0;"]],
  "... and attemptLimits without the race": [[WHOLE, withLimits], [RACE, "return await ((start) => start())(() => next("]],
  "the whole transport": [],
};

function variant(name, replacements) {
  let code = readFileSync(built, "utf8");
  for (const [snippet, replacement] of replacements) {
    const count = code.split(snippet).length - 1;
    if (count !== 1) throw new Error(`variant "${name}": the snippet is found ${count} times in dist/node/index.js, not once:\n${snippet}`);
    code = code.replace(snippet, () => replacement);
  }
  const file = new URL(`${Object.keys(VARIANTS).indexOf(name)}.mjs`, variantsDir);
  writeFileSync(file, code);
  return file.href;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Calls every runner in turn, in a new random order each round; the median µs of each. */
async function interleaved(runners) {
  const micros = runners.map(() => []);
  for (let round = 0; round < CALLS; round++) {
    const order = runners.map((_, index) => index).sort(() => Math.random() - 0.5);
    for (const index of order) {
      const start = process.hrtime.bigint();
      const { response } = await runners[index]();
      if (!response.ok) throw new Error(`a call failed with ${response.status}`);
      if (round >= CALLS / 10) micros[index].push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return micros.map(median);
}

const server = fork(new URL("./loopback-server.mjs", import.meta.url), { stdio: "inherit" });
try {
  const { port } = await new Promise((resolve) => server.once("message", resolve));
  const root = `http://127.0.0.1:${port}`;
  const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
  const path = { params: { path: { vpc_endpoint_id: "e1" } } };
  const bare = (fetch) => {
    const client = createClient({ baseUrl: `${root}/v1/${projectId}`, headers: { "X-Auth-Token": "token" }, ...(fetch ? { fetch } : {}) });
    return () => client.GET("/vpc-endpoints/{vpc_endpoint_id}", path);
  };

  rmSync(variantsDir, { recursive: true, force: true });
  mkdirSync(variantsDir, { recursive: true });
  const clients = [];
  for (const [name, replacements] of Object.entries(VARIANTS)) {
    const { createVpcepClient } = await import(variant(name, replacements));
    const client = createVpcepClient({ baseUrl: root, projectId, token: "token" });
    clients.push([name, () => client.getEndpoint("e1")]);
  }
  const [bareMicros, ...clientMicros] = await interleaved([bare(), ...clients.map(([, run]) => run)]);
  console.log(`Node ${process.version}; ${CALLS} calls of each, GET with a token over loopback HTTP\n`);
  console.log("| the client's transport replaced by | µs (median call) | ÷ bare openapi-fetch |\n| --- | ---: | ---: |");
  console.log(`| (bare openapi-fetch) | ${bareMicros.toFixed(1)} | 1.000× |`);
  clients.forEach(([name], index) => console.log(`| ${name} | ${clientMicros[index].toFixed(1)} | ${(clientMicros[index] / bareMicros).toFixed(3)}× |`));

  let sink = "";
  const work = {
    "one SHA-256 and one HMAC (node:crypto)": () => {
      sink = createHmac("sha256", "secret").update(createHash("sha256").update(`GET\n/v1/${projectId}/vpc-endpoints/e1/\n`).digest("hex")).digest("hex");
    },
    "string work": () => {
      let text = "";
      for (let i = 0; i < 200; i++) text += String.fromCharCode(65 + (i % 26));
      sink = text.split("").sort().join("");
    },
    "a loop that touches no memory": () => {
      let x = 0;
      for (let i = 0; i < 20_000; i++) x = (x * 31 + i) | 0;
      sink = String(x);
    },
  };
  const tight = Object.fromEntries(
    Object.entries(work).map(([name, run]) => {
      for (let i = 0; i < 20_000; i++) run();
      const start = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) run();
      return [name, Number(process.hrtime.bigint() - start) / 1000 / 20_000];
    }),
  );
  const withWork = Object.values(work).map((run) => bare((request) => (run(), fetch(request))));
  const [plain, ...worked] = await interleaved([bare(), ...withWork]);
  console.log(`\n| work done in a custom fetch before each call | µs in a tight loop | µs it adds to a loopback call |\n| --- | ---: | ---: |`);
  Object.keys(work).forEach((name, index) => console.log(`| ${name} | ${tight[name].toFixed(1)} | ${(worked[index] - plain).toFixed(1)} |`));
  if (sink === "") throw new Error("the work was optimised away");
} finally {
  server.kill();
  rmSync(variantsDir, { recursive: true, force: true });
}
