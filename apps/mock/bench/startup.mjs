#!/usr/bin/env node
// The mock's start-up: the time from spawning its child process to the child's "listening"
// message over IPC, for the bundled server (dist/server.cjs, what ships) and the same source
// built without bundling (dependencies loaded from node_modules, faker with all its locales,
// as before issue 13), in interleaved rounds so that the machine's load hits both alike.
//   npm run build && node bench/startup.mjs [rounds]      (from apps/mock; default 9 rounds)
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundledSpecPath } from "@otc-vpcep/spec-model";
import { build } from "esbuild";

const rounds = Number(process.argv[2] ?? 9);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bundled = here("../dist/server.cjs");
const unbundled = here("../dist/server-unbundled.bench.mjs");
const spec = bundledSpecPath();
const settings = JSON.stringify({ spec, host: "127.0.0.1", port: 0, level: "warn", upstreamTimeoutMs: 0 });

/** Milliseconds from spawn to the child's IPC message that it listens. */
function start(script) {
  return new Promise((resolve, reject) => {
    const begin = process.hrtime.bigint();
    const child = spawn(process.execPath, [script, settings], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    child.once("message", (message) => {
      const ms = Number(process.hrtime.bigint() - begin) / 1e6;
      child.once("exit", () => (message.listening === undefined ? reject(new Error(JSON.stringify(message))) : resolve(ms)));
      child.kill();
    });
    child.once("error", reject);
  });
}

const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return `median ${at(0.5)} ms (min ${Math.round(sorted[0])}, max ${Math.round(sorted.at(-1))}, ${sorted.length} runs)`;
};

await build({
  entryPoints: [here("../src/server/main.ts")],
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: unbundled,
  logLevel: "error",
});
try {
  const times = { bundled: [], unbundled: [] };
  for (let round = 0; round < rounds; round += 1) {
    times.unbundled.push(await start(unbundled));
    times.bundled.push(await start(bundled));
  }
  console.log(`Node ${process.version}, ${rounds} rounds`);
  console.log(`unbundled (dependencies from node_modules): ${summary(times.unbundled)}`);
  console.log(`bundled (dist/server.cjs):                  ${summary(times.bundled)}`);
} finally {
  rmSync(unbundled, { force: true });
}
