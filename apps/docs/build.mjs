#!/usr/bin/env node
// Builds the docs page, dist/index.html: the bundled spec plus a TypeScript and a curl sample for
// every operation and the generated table of error codes (lib/page-spec.mjs), rendered by Redoc
// into one HTML file with its scripts inlined. Then the assets Redoc would still fetch (the
// Redocly logo from its CDN, the browser's favicon request) are made inline, so that the page makes
// no request outside its own origin.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSamples } from "./lib/code-samples.mjs";
import { pageSpec } from "./lib/page-spec.mjs";

const require = createRequire(import.meta.url);
const specFile = require.resolve("@otc-vpcep/spec/openapi.json");
const output = fileURLToPath(new URL("./dist/index.html", import.meta.url));
const config = fileURLToPath(new URL("./redocly.yaml", import.meta.url));
const redocly = require.resolve("@redocly/cli/bin/cli.js");

/** @type {import("./lib/spec.mjs").OpenApi} */
let spec;
try {
  spec = pageSpec(JSON.parse(readFileSync(specFile, "utf8")), readSamples());
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "otc-vpcep-docs-"));
try {
  const input = join(work, "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const result = spawnSync(
    process.execPath,
    [redocly, "build-docs", input, "--config", config, "--inlineBundle", "--title", "OTC VPC Endpoint API", "--output", output],
    { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const logo =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
      '<text x="0" y="12" font-family="sans-serif" font-size="12" fill="currentColor">Redocly</text></svg>',
  );
// Without an icon of its own, the browser asks the server for /favicon.ico.
const favicon = '<link rel="icon" href="data:,">';
let html = readFileSync(output, "utf8").replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, logo);
const leftover = html.match(/https:\/\/cdn\.redoc\.ly\/[^\s`"')]*/);
if (leftover) {
  console.error(`docs: the page still loads ${leftover[0]} from Redocly's CDN; extend build.mjs to inline it`);
  process.exit(1);
}
if (!html.includes("</title>")) {
  console.error("docs: the page has no <title> to put the favicon after");
  process.exit(1);
}
html = html.replace("</title>", () => `</title>\n  ${favicon}`);
writeFileSync(output, html);
console.log(`docs: wrote ${output}`);
