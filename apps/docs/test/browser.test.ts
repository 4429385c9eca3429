// The built page in a real browser: Debian's Chromium, driven by playwright-core, loads dist/index.html
// from a server on a loopback port that this file starts. Each test opens the page in a fresh browser
// context (Redoc remembers choices such as the sample language in local storage); the requests and
// console errors of all of them are recorded, so the last tests can say that no request left the
// page's origin and that nothing went wrong.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listOperations } from "../lib/spec.mjs";
import { bundledSpec, guidesOf, pageFile } from "./support/docs.js";

const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const outputDir = fileURLToPath(new URL("../test-output/", import.meta.url));
const screenshotFile = `${outputDir}docs.png`;
const operationScreenshotFile = `${outputDir}create-endpoint.png`;
const spec = bundledSpec();
const operations = listOperations(spec);
const apiTags = spec["x-tagGroups"]?.find((group) => group.name === "API reference")?.tags ?? [];

let server: Server;
let origin: string;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const requested: string[] = [];
const consoleErrors: string[] = [];

/** Serves the page at / (and /index.html); everything else is a 404, as with `npm start`. */
function servePage(): Promise<Server> {
  const html = readFileSync(pageFile);
  const pageServer = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && (path === "/" || path === "/index.html")) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    pageServer.once("error", reject);
    pageServer.listen(0, "127.0.0.1", () => resolve(pageServer));
  });
}

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  server = await servePage();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Without Chromium every test fails (none is skipped), each with the message of openDocs.
  if (!existsSync(chromiumPath)) return;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** Opens the page at a location and waits until Redoc has taken over and its search is ready. */
async function openDocs(hash = ""): Promise<Page> {
  if (browser === undefined) {
    throw new Error(
      `Chromium is not at ${chromiumPath}. Install it (as root: apt-get install -y chromium), ` +
        "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
    );
  }
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  context.setDefaultTimeout(10_000);
  context.on("request", (request) => requested.push(request.url()));
  context.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  context.on("weberror", (error) => consoleErrors.push(`uncaught: ${error.error().message}`));
  const page = await context.newPage();
  await page.goto(`${origin}/${hash}`);
  await page.getByTestId("search-trigger").filter({ hasText: "Search" }).waitFor();
  return page;
}

/** A navigation entry by its exact text. */
function menuItem(page: Page, text: string) {
  return page.locator(`[data-testid="menu-item-label"] [data-text="${text.replaceAll('"', '\\"')}"]`);
}

describe("the docs page in Chromium", () => {
  it("lists every operation of the spec in the navigation", async () => {
    const page = await openDocs();
    const missing: string[] = [];
    for (const tag of apiTags) {
      await menuItem(page, tag).click();
      for (const { operation } of operations.filter((entry) => entry.operation.tags?.[0] === tag)) {
        const shown = await menuItem(page, operation.summary ?? operation.operationId)
          .waitFor({ timeout: 5_000 })
          .then(
            () => true,
            () => false,
          );
        if (!shown) missing.push(`${operation.operationId} (${operation.summary})`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations).toHaveLength(21);
  });

  it("lists every guide in the navigation", async () => {
    const page = await openDocs();
    for (const guide of guidesOf(spec)) await menuItem(page, guide.name).waitFor();
  });

  it("finds the VPC endpoint services when one searches for 'endpoint service'", async () => {
    const page = await openDocs();
    await page.getByTestId("search-trigger").click();
    await page.getByPlaceholder("Search docs").fill("endpoint service");
    const results = page.locator('[data-component-name="Search/SearchItem"]');
    await results.filter({ hasText: "Create a VPC endpoint service" }).first().waitFor();
    expect(await results.count()).toBeGreaterThan(1);
  });

  it("shows the request fields of createEndpoint when one opens it from the navigation", async () => {
    const page = await openDocs();
    await menuItem(page, "VPC endpoints").click();
    await menuItem(page, "Create a VPC endpoint").click();
    const operation = page.locator('[id="vpc-endpoints/createendpoint"]');
    for (const field of ["vpc_id", "endpoint_service_id", "subnet_id"]) {
      await operation.getByText(field, { exact: true }).first().waitFor();
    }
    expect(new URL(page.url()).hash).toBe("#/vpc-endpoints/createendpoint");
  });

  it("shows the TypeScript sample of createEndpoint", async () => {
    const page = await openDocs("#/vpc-endpoints/createendpoint");
    const sample = page.getByTestId("source-code").filter({ hasText: "await vpcep.createEndpoint(" });
    await sample.waitFor();
    expect(await sample.innerText()).toContain('import { createVpcepClient } from "@otc-vpcep/client";');
  });

  it("switches the sample of createEndpoint to curl", async () => {
    const page = await openDocs("#/vpc-endpoints/createendpoint");
    await page.getByTestId("dropdown").filter({ hasText: /^TypeScript$/ }).click();
    await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: /^curl$/ }).click();
    await page.getByTestId("source-code").filter({ hasText: "curl -X POST" }).waitFor();
  });

  it("draws the lifecycle diagrams as inline SVG", async () => {
    const page = await openDocs("#/lifecycles");
    const diagrams = page.locator('svg[role="img"]');
    await diagrams.nth(1).waitFor();
    const sizes = await diagrams.evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().height));
    expect(sizes.every((height) => height > 100)).toBe(true);
  });

  it("highlights the TypeScript of a guide, and lets a line wider than its column scroll rather than clip it", async () => {
    const page = await openDocs("#/getting-started");
    const blocks = page.getByTestId("guide-code").filter({ has: page.locator('code[data-language="ts"]') });
    await blocks.filter({ hasText: "createVpcepClient({" }).first().waitFor();
    const measured = await blocks.evaluateAll((pres) =>
      pres.map((pre) => {
        const code = pre.querySelector("code");
        const keyword = pre.querySelector(".th-token.th-keyword");
        // Any ancestor that hides what overflows it must hold the whole block.
        const box = pre.getBoundingClientRect();
        const clippedBy: string[] = [];
        for (let parent = pre.parentElement; parent; parent = parent.parentElement) {
          const bounds = parent.getBoundingClientRect();
          const hides = /hidden|clip/.test(getComputedStyle(parent).overflowX);
          if (hides && (box.left < bounds.left - 1 || box.right > bounds.right + 1)) clippedBy.push(parent.className);
        }
        const start = pre.scrollLeft;
        pre.scrollLeft = pre.scrollWidth;
        const scrolled = pre.scrollLeft - start;
        pre.scrollLeft = start;
        return {
          text: (code?.textContent ?? "").split("\n")[0],
          tokens: pre.querySelectorAll(".th-token").length,
          keywordColor: keyword === null ? null : getComputedStyle(keyword).color,
          textColor: code === null ? null : getComputedStyle(code).color,
          overflowX: getComputedStyle(pre).overflowX,
          whiteSpace: getComputedStyle(pre).whiteSpace,
          wider: pre.scrollWidth > pre.clientWidth,
          scrolled,
          clippedBy,
        };
      }),
    );
    expect(measured.length).toBeGreaterThan(1);
    for (const block of measured) {
      expect(block.tokens, block.text).toBeGreaterThan(3);
      expect(block.keywordColor, block.text).not.toBeNull();
      expect(block.keywordColor, block.text).not.toBe(block.textColor);
      expect(block.clippedBy, block.text).toEqual([]);
      // A line wider than the column: the block scrolls to it, or wraps it.
      if (block.wider) expect(block.scrolled > 0 || /pre-wrap|break-spaces/.test(block.whiteSpace), block.text).toBe(true);
      else expect(["auto", "scroll"].includes(block.overflowX) || /pre-wrap|break-spaces/.test(block.whiteSpace), block.text).toBe(true);
    }
    // The guide has such a line (the client's creation, with its comment): the scrolling is checked.
    expect(measured.some((block) => block.wider)).toBe(true);
  });

  it("leads every link between the guides to a section of the page", async () => {
    const targets = [...new Set(guidesOf(spec).flatMap((guide) => [...guide.description.matchAll(/\]\((#\/[^)]+)\)/g)].map((m) => m[1] ?? "")))];
    expect(targets.length).toBeGreaterThan(10);
    const page = await openDocs();
    const broken: string[] = [];
    for (const target of targets) {
      await page.goto(`${origin}/${target}`);
      const found = await page
        .locator(`[id="${target.slice(2)}"]`)
        .first()
        .waitFor({ state: "attached", timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (!found) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it("saves a screenshot of the whole first page to test-output/docs.png", async () => {
    const page = await openDocs();
    await page.screenshot({ path: screenshotFile, fullPage: true });
    expect(statSync(screenshotFile).size).toBeGreaterThan(10_000);
  });

  it("saves a screenshot of createEndpoint with its TypeScript sample to test-output/create-endpoint.png", async () => {
    const page = await openDocs("#/vpc-endpoints/createendpoint");
    await page.getByTestId("source-code").filter({ hasText: "await vpcep.createEndpoint(" }).waitFor();
    await page.screenshot({ path: operationScreenshotFile });
    expect(statSync(operationScreenshotFile).size).toBeGreaterThan(10_000);
  });

  it("logs no error to the console", async () => {
    const page = await openDocs("#/getting-started");
    await menuItem(page, "Getting started").waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it("requests nothing from another origin", async () => {
    await openDocs();
    const foreign = requested.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin);
    expect(requested.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});
