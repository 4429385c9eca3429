#!/usr/bin/env node
// Builds the docs page: Redoc renders the bundled spec into one HTML file with its
// scripts inlined; then the only asset Redoc still loads from its CDN (the Redocly logo
// in the sidebar's attribution) is replaced by an inline SVG, so that the page makes
// no request outside its own origin.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const specFile = require.resolve("@otc-vpcep/spec/openapi.json");
const output = fileURLToPath(new URL("./dist/index.html", import.meta.url));
const redocly = require.resolve("@redocly/cli/bin/cli.js");

const result = spawnSync(
  process.execPath,
  [redocly, "build-docs", specFile, "--inlineBundle", "--title", "OTC VPC Endpoint API", "--output", output],
  { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const logo =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
      '<text x="0" y="12" font-family="sans-serif" font-size="12" fill="currentColor">Redocly</text></svg>',
  );
const html = readFileSync(output, "utf8").replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, logo);
const leftover = html.match(/https:\/\/cdn\.redoc\.ly\/[^\s`"')]*/);
if (leftover) {
  console.error(`docs: the page still loads ${leftover[0]} from Redocly's CDN; extend build.mjs to inline it`);
  process.exit(1);
}
writeFileSync(output, html);
console.log(`docs: wrote ${output}`);
