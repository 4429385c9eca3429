#!/usr/bin/env node
// Checks that the cut-down Redoc looks like Redoc (ADR 0015), for whoever changes patches.mjs or css.mjs:
// renders the built page's description twice in Chromium, once with Redoc's standalone bundle as
// @redocly/cli ships it (React, nothing removed) and once with this directory's script, and compares the
// computed style of every element on a few routes. The guides' code fences are left as Redoc renders
// them in both, since the script changes them on purpose.
//
//   node renderer/compare.mjs            (after npm run build; CHROMIUM_PATH as for the tests)
//
// It prints the elements that differ (the anchor names that React and preact make up differ, and are
// left out) and exits with 1 when one does.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { chromium } from "playwright-core";
import { bundleRenderer, readStandalone } from "./bundle.mjs";

const routes = ["#/vpc-endpoints/createendpoint", "#/getting-started", "#/errors", "#/lifecycles"];
const page = readFileSync(new URL("../dist/index.html", import.meta.url), "utf8");
const data = /<script>\s*(const __redoc_definition = [\s\S]*?)<\/script>/.exec(page)?.[1];
if (data === undefined) throw new Error("dist/index.html holds no description; run the build first");

/** @param {string} script */
const html = (script) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><div id="redoc"></div>` +
  `<script>${data}</script><script type="module">${script.replace(/<\/(script)/gi, "<\\/$1")}</script></body></html>`;

const original = readStandalone().replace(
  /export\{RedocStandalone,hydrate,init\};?\s*$/,
  'init(__redoc_definition,__redoc_options,document.getElementById("redoc"));',
);
const { code } = await bundleRenderer({ skip: /fence|CodeFence/i });
const pages = { original: html(original), cut: html(code) };

const server = createServer((request, response) => {
  const body = request.url?.startsWith("/cut") ? pages.cut : pages.original;
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
const browser = await chromium.launch({
  executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

/** @param {string} path @param {string} route */
async function styles(path, route) {
  const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await tab.goto(`${origin}${path}${route}`);
  await tab.getByTestId("search-trigger").filter({ hasText: "Search" }).waitFor({ timeout: 20_000 });
  await tab.waitForTimeout(1500);
  const result = await tab.evaluate(() =>
    [...document.querySelectorAll("#redoc *")].map((element) => {
      const style = getComputedStyle(element);
      /** @type {Record<string, string>} */
      const values = {};
      for (const property of style) if (!property.startsWith("--") && property !== "anchor-name") values[property] = style.getPropertyValue(property);
      return { name: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").slice(0, 40)}"`, values };
    }),
  );
  await tab.close();
  return result;
}

let differences = 0;
for (const route of routes) {
  const [a, b] = [await styles("/original", route), await styles("/cut", route)];
  if (a.length !== b.length) {
    console.log(`${route}: ${a.length} elements with Redoc's bundle, ${b.length} with the cut one`);
    differences++;
    continue;
  }
  a.forEach((element, i) => {
    const other = b[i]?.values ?? {};
    const changed = Object.keys(element.values).filter((p) => element.values[p] !== other[p]);
    if (changed.length === 0) return;
    differences++;
    console.log(`${route} ${element.name}: ${changed.slice(0, 4).map((p) => `${p} ${element.values[p]} -> ${other[p]}`).join("; ")}`);
  });
  console.log(`${route}: ${a.length} elements compared`);
}
await browser.close();
server.close();
console.log(differences === 0 ? "the same computed styles everywhere" : `${differences} differences`);
process.exit(differences === 0 ? 0 : 1);
