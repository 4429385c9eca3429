#!/usr/bin/env node
// `npm start`: serves the contract mock, the stateful emulator and the docs page (all
// built beforehand by turbo), prints their URLs, and stops them on Ctrl-C, when the process
// that started it is gone (even by kill -9), or, exiting 1, when the mock dies. Ports: 4010,
// 4011 and 8080 unless taken (then free ones), or VPCEP_MOCK_PORT, VPCEP_EMULATOR_PORT
// and VPCEP_DOCS_PORT (0 picks a free port).
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

/**
 * The process that started this one, read before the servers' packages load (static imports
 * would load first, for a quarter of a second): it may be gone by the time they listen.
 */
const parent = process.ppid;
const { EmulatorError, startEmulator } = await import("@otc-vpcep/emulator");
const { MockError, startMock } = await import("@otc-vpcep/mock");
const { bundledSpecPath } = await import("@otc-vpcep/spec-model");
const HOST = "127.0.0.1";
const PROJECT = "6e9dfd51d1124e8d8498dce894923a0d";
const docsPage = fileURLToPath(new URL("../apps/docs/dist/index.html", import.meta.url));

/** @param {string} name @param {number} fallback @returns {number} */
function portFromEnv(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new Error(`${name} must be an integer from 0 to 65535; got "${text}"`);
  }
  return Number(text);
}

/** @param {number} port */
async function startMockPreferring(port) {
  /** @type {import("@otc-vpcep/mock").MockOptions} */
  const options = { onLog: (line) => console.error(line) };
  if (port === 0) return startMock(options);
  try {
    return await startMock({ ...options, port });
  } catch (error) {
    if (error instanceof MockError && error.code === "EADDRINUSE") return startMock(options);
    throw error;
  }
}

/** @param {number} port */
async function startEmulatorPreferring(port) {
  /** @type {import("@otc-vpcep/emulator").EmulatorOptions} */
  const options = { onLog: (line) => console.error(line) };
  if (port === 0) return startEmulator(options);
  try {
    return await startEmulator({ ...options, port });
  } catch (error) {
    if (error instanceof EmulatorError && error.code === "EADDRINUSE") return startEmulator(options);
    throw error;
  }
}

/** @typedef {{ identity: Buffer, br: Buffer, gzip: Buffer }} Encoded */

/** @param {Buffer} content @returns {Encoded} */
function encodings(content) {
  // Brotli at quality 5 (0.14 s for the page, against 0.42 s at 9 for 4% less) keeps `npm start` quick.
  return { identity: content, br: brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }), gzip: gzipSync(content) };
}

/**
 * The encoding to answer with: brotli, else gzip, if the request accepts it (with a
 * q-value above 0), else none.
 * @param {string | undefined} header
 * @returns {"br" | "gzip" | "identity"}
 */
function preferredEncoding(header) {
  const accepted = new Map(
    (header ?? "").split(",").map((part) => {
      const [name = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return [name.trim(), q === undefined ? 1 : Number(q)];
    }),
  );
  const quality = (/** @type {string} */ name) => accepted.get(name) ?? accepted.get("*") ?? 0;
  if (quality("br") > 0) return "br";
  if (quality("gzip") > 0) return "gzip";
  return "identity";
}

/** @param {number} port @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
async function serveDocs(port) {
  /** @type {Record<string, { path: string, type: string }>} */
  const files = {
    "/": { path: docsPage, type: "text/html; charset=utf-8" },
    "/openapi.json": { path: bundledSpecPath("json"), type: "application/json" },
    "/openapi.yaml": { path: bundledSpecPath("yaml"), type: "application/yaml" },
  };
  /** Each file as it is, and compressed once, at start: the page's 1.5 MB are 0.41 MB with brotli. @type {Record<string, Encoded>} */
  const bodies = Object.fromEntries(
    await Promise.all(Object.entries(files).map(async ([route, file]) => [route, encodings(await readFile(file.path))])),
  );
  const server = createServer((request, response) => {
    // The path as sent (of an absolute-form target too, RFC 9112 3.2.2), up to the query: a URL
    // parser would read `//x` as a host, and throw on `//`.
    const path = (request.url ?? "/").replace(/^https?:\/\/[^/?#@]+/i, "").split("?")[0] || "/";
    const route = path === "/index.html" ? "/" : path ?? "/";
    const file = Object.hasOwn(files, route) ? files[route] : undefined;
    if (file === undefined || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return;
    }
    const body = /** @type {Encoded} */ (bodies[route]);
    const encoding = preferredEncoding(request.headers["accept-encoding"]);
    const sent = encoding === "identity" ? body.identity : body[encoding];
    response.writeHead(200, {
      "content-type": file.type,
      "cache-control": "no-cache",
      vary: "accept-encoding",
      "content-length": sent.byteLength,
      ...(encoding === "identity" ? {} : { "content-encoding": encoding }),
    });
    response.end(request.method === "HEAD" ? undefined : sent);
  });
  const listen = (/** @type {number} */ p) =>
    new Promise((/** @type {(value?: void) => void} */ resolve, reject) => {
      server.once("error", reject);
      server.listen(p, HOST, () => {
        server.removeListener("error", reject);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EADDRINUSE") throw error;
    await listen(0);
  }
  const { port: boundPort } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://${HOST}:${boundPort}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ports = {
  mock: portFromEnv("VPCEP_MOCK_PORT", 4010),
  emulator: portFromEnv("VPCEP_EMULATOR_PORT", 4011),
  docs: portFromEnv("VPCEP_DOCS_PORT", 8080),
};
const mock = await startMockPreferring(ports.mock);
const emulator = await startEmulatorPreferring(ports.emulator).catch(async (error) => {
  await mock.stop();
  throw error;
});
const docs = await serveDocs(ports.docs).catch(async (error) => {
  await Promise.all([mock.stop(), emulator.stop()]);
  throw error;
});

const services = `${emulator.url}/v1/${PROJECT}/vpc-endpoint-services`;
const newService = JSON.stringify({
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
  server_type: "VM",
  service_name: "billing",
  ports: [{ client_port: 443, server_port: 8443 }],
});
console.log(`
OTC VPC Endpoint API kit
  Contract mock: ${mock.url}   (API under ${mock.url}/v1/{project_id}/...; answers with the spec's examples)
  Emulator:      ${emulator.url}   (API under ${emulator.url}/v1/{project_id}/...; keeps what you create)
  API docs:      ${docs.url}
Try the mock:
  curl -X POST ${mock.url}/v1/${PROJECT}/vpc-endpoints \\
    -H 'Content-Type: application/json' -H 'X-Auth-Token: any' \\
    -d '{"vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a"}'
Try the emulator (create a service, then list the services):
  curl -s -X POST ${services} -H 'Content-Type: application/json' -H 'X-Auth-Token: any' -d '${newService}' && echo && curl -s ${services} -H 'X-Auth-Token: any'
Press Ctrl-C to stop.`);

let stopping = false;
/** Stops the three servers and exits with `code`. @param {number} code */
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all([mock.stop(), emulator.stop(), docs.stop()]);
  console.log("Stopped the mock, the emulator and the docs server.");
  process.exit(code);
}
process.on("SIGINT", () => shutdown());
process.on("SIGTERM", () => shutdown());
void mock.exited.then(() => {
  if (stopping) return;
  console.error(`npm start: the contract mock at ${mock.url} exited unexpectedly; stopping the emulator and the docs server.`);
  void shutdown(1);
});
// As the mock's server does for its own parent (apps/mock/src/server/parent-watch.ts): the IPC
// channel closes, or, without one, the parent's pid changes (this process was re-parented).
const stopWithParent = (/** @type {string} */ reason) => {
  if (stopping) return;
  console.error(`npm start: ${reason}; stopping the mock, the emulator and the docs server.`);
  void shutdown();
};
if (process.channel !== undefined) process.once("disconnect", () => stopWithParent("the parent process closed the IPC channel"));
setInterval(() => {
  if (process.ppid !== parent) stopWithParent(`the parent process ${parent} is gone`);
}, 500).unref();
