#!/usr/bin/env node
// Builds the docs page, dist/index.html: the bundled spec plus a TypeScript and a curl sample for
// every operation and the generated guides and tables (lib/page-spec.mjs), and Redoc, which renders it in
// the browser (ADR 0015): Redoc's own bundle, cut down to what this page runs and bundled again with
// preact (renderer/), in one HTML file. The Redocly logo becomes inline, so that the page makes no
// request outside its own origin (ADR 0007).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { loadSpec } from "@otc-vpcep/spec-model";
import { parse as parseYaml } from "yaml";
import { readSamples } from "./lib/code-samples.mjs";
import { pageSpec } from "./lib/page-spec.mjs";
import { bundleRenderer } from "./renderer/bundle.mjs";

const output = fileURLToPath(new URL("./dist/index.html", import.meta.url));
const config = fileURLToPath(new URL("./redocly.yaml", import.meta.url));
const title = "OTC VPC Endpoint API";

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(1);
}

/** @type {import("./lib/spec.mjs").OpenApi} */
let spec;
try {
  spec = pageSpec(/** @type {import("./lib/spec.mjs").OpenApi} */ (/** @type {unknown} */ (loadSpec())), readSamples());
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

/**
 * Redoc's options, as `redocly build-docs` made them: the `openapi` section of redocly.yaml, the
 * description already bundled, and no telemetry.
 */
function redocOptions() {
  const parsed = parseYaml(readFileSync(config, "utf8")) ?? {};
  const openapi = typeof parsed === "object" && parsed !== null && "openapi" in parsed ? parsed.openapi : {};
  if (typeof openapi !== "object" || openapi === null || Array.isArray(openapi)) {
    fail("redocly.yaml: `openapi` is not a map of Redoc options");
  }
  return { ...openapi, skipBundle: true, disableTelemetry: true };
}

/**
 * Whether text inlined in a <script> element ends that element only where it should: the HTML
 * tokenizer's script states, over the text, must end where they started (`<!--` and `<script` inside a
 * script change how a later `</script>` is read).
 * @param {string} text
 */
function safeInScript(text) {
  let state = "data";
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (state !== "double" && /^<\/script[\s/>]/.test(lower.slice(i, i + 9))) return false;
    if (state === "data" && lower.startsWith("<!--", i)) state = "escaped";
    else if (state !== "data" && lower.startsWith("-->", i)) state = "data";
    else if (state === "escaped" && /^<script[\s/>]/.test(lower.slice(i, i + 8))) state = "double";
    else if (state === "double" && /^<\/script[\s/>]/.test(lower.slice(i, i + 9))) state = "escaped";
  }
  return state === "data";
}

/** JSON for a <script>: no `<` that could end it or start a comment, no line separators. @param {unknown} value */
const scriptJson = (value) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

const logo =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
      '<text x="0" y="12" font-family="sans-serif" font-size="12" fill="currentColor">Redocly</text></svg>',
  );

const options = redocOptions();
let renderer;
try {
  renderer = await bundleRenderer();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const script = renderer.code
  .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, logo)
  .replace(/<\/(script)/gi, "<\\/$1");
const leftover = script.match(/https:\/\/cdn\.redoc\.ly\/[^\s`"')]*/);
if (leftover) fail(`the page still loads ${leftover[0]} from Redocly's CDN; extend build.mjs to inline it`);
if (!safeInScript(script)) fail("Redoc's script cannot be inlined as it is: it would end its <script> early");

// Redoc sets the colour mode (the reader's choice, else the system's) before it renders, as its
// server-side rendered page did with this script, so that a dark page does not flash light first.
const colorMode =
  'try{var m=localStorage.getItem("redoc.colorMode");if(m!=="light"&&m!=="dark")m=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";document.documentElement.classList.add(m)}catch(e){}';
const html = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>body{margin:0;padding:0}</style>
  <script>${colorMode}</script>
</head>
<body>
  <noscript>This page is the ${title} reference; Redoc renders it in the browser, with JavaScript.</noscript>
  <div id="redoc"></div>
  <script>
    const __redoc_definition = ${scriptJson(spec)};
    const __redoc_options = ${scriptJson(options)};
  </script>
  <script type="module">
${script}
  </script>
</body>
</html>
`;
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, html);

const raw = Buffer.from(html);
const gzip = gzipSync(raw, { level: 9 }).length;
const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kB = (/** @type {number} */ n) => `${(n / 1000).toFixed(0)} kB`;
console.log(
  `docs: wrote ${output}: ${kB(raw.length)} (${raw.length} bytes; Redoc ${kB(renderer.stats.scriptBytes ?? 0)}, ` +
    `the description ${kB(Buffer.byteLength(JSON.stringify(spec)))}), ${kB(gzip)} with gzip, ${kB(brotli)} with brotli`,
);
