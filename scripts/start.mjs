#!/usr/bin/env node
// `npm start`: serves the contract mock and the docs page (both built beforehand by
// turbo), prints their URLs, and stops both on Ctrl-C. Ports: 4010 and 8080 unless
// taken (then free ones), or VPCEP_MOCK_PORT / VPCEP_DOCS_PORT (0 picks a free port).
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { MockError, startMock } from "@otc-vpcep/mock";

const HOST = "127.0.0.1";
const require = createRequire(import.meta.url);
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
  if (port === 0) return startMock();
  try {
    return await startMock({ port });
  } catch (error) {
    if (error instanceof MockError && error.code === "EADDRINUSE") return startMock();
    throw error;
  }
}

/** @param {number} port @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
async function serveDocs(port) {
  /** @type {Record<string, { path: string, type: string }>} */
  const files = {
    "/": { path: docsPage, type: "text/html; charset=utf-8" },
    "/openapi.json": { path: require.resolve("@otc-vpcep/spec/openapi.json"), type: "application/json" },
    "/openapi.yaml": { path: require.resolve("@otc-vpcep/spec/openapi.yaml"), type: "application/yaml" },
  };
  /** @type {Record<string, Buffer>} */
  const bodies = Object.fromEntries(
    await Promise.all(Object.entries(files).map(async ([route, file]) => [route, await readFile(file.path)])),
  );
  const server = createServer((request, response) => {
    const route = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = files[route === "/index.html" ? "/" : route];
    if (file === undefined || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return;
    }
    response.writeHead(200, { "content-type": file.type, "cache-control": "no-cache" });
    response.end(request.method === "HEAD" ? undefined : bodies[route === "/index.html" ? "/" : route]);
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

const mock = await startMockPreferring(portFromEnv("VPCEP_MOCK_PORT", 4010));
const docs = await serveDocs(portFromEnv("VPCEP_DOCS_PORT", 8080)).catch(async (error) => {
  await mock.stop();
  throw error;
});

console.log(`
OTC VPC Endpoint API kit
  Contract mock: ${mock.url}   (API under ${mock.url}/v1/{project_id}/...)
  API docs:      ${docs.url}
Try:
  curl -X POST ${mock.url}/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoints \\
    -H 'Content-Type: application/json' -H 'X-Auth-Token: any' \\
    -d '{"vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a"}'
Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await Promise.all([mock.stop(), docs.stop()]);
  console.log("Stopped the mock and the docs server.");
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
