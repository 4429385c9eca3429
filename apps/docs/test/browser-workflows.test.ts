// The generated parts of the page in a real browser: the Workflows guide (lib/workflows-guide.mjs) and
// the links sections of the responses (lib/links.mjs). Launched as browser.test.ts launches it:
// Debian's Chromium (or CHROMIUM_PATH) driven by playwright-core, the page from a server on a loopback
// port that this file starts, one fresh browser context per test, all closed afterwards.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WORKFLOWS_GUIDE } from "../lib/workflows-guide.mjs";
import { guidesOf, pageDefinition, pageFile } from "./support/docs.js";

const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const page = pageDefinition();
const guide = guidesOf(page).find((candidate) => candidate.name === WORKFLOWS_GUIDE)?.description ?? "";

let server: Server | undefined;
let origin: string;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const consoleErrors: string[] = [];

/** Serves the page at /; everything else is a 404. */
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
  server = await servePage();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Without Chromium every test fails (none is skipped), each with the message of openDocs.
  if (!existsSync(chromiumPath)) return;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
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
  context.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  context.on("weberror", (error) => consoleErrors.push(`uncaught: ${error.error().message}`));
  const opened = await context.newPage();
  await opened.goto(`${origin}/${hash}`);
  await opened.getByTestId("search-trigger").filter({ hasText: "Search" }).waitFor();
  return opened;
}

/** A heading of the page by its exact text (Redoc puts a labelled deep link inside each). */
function heading(opened: Page, text: string) {
  return opened.locator("h1, h2").filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
}

/** The fragments of the page's own links in a Markdown text (`](#/...)`), each once. */
function targetsOf(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/\]\((#\/[^)]+)\)/g)].map((match) => match[1] ?? ""))];
}

describe("the Workflows guide in Chromium", () => {
  it("is in the navigation, and shows its heading when one opens it", async () => {
    const opened = await openDocs("#/workflows");
    await opened.locator(`[data-testid="menu-item-label"] [data-text="${WORKFLOWS_GUIDE}"]`).waitFor();
    await heading(opened, WORKFLOWS_GUIDE).waitFor({ state: "visible" });
  });

  it("shows publishService's first step, which calls createEndpointService", async () => {
    const opened = await openDocs("#/workflows/publishservice");
    const step = opened.locator("li").filter({ hasText: /^createService calls createEndpointService/ }).first();
    await step.waitFor({ state: "visible" });
    expect(await step.innerText()).toContain("Checks that the status is 200");
  });

  it("highlights a workflow's program as TypeScript", async () => {
    const opened = await openDocs("#/workflows/publishservice");
    const program = opened.locator("pre").filter({ hasText: "await vpcep.waitFor.endpointService(created.id!, wait)" });
    await program.waitFor({ state: "visible" });
    // Highlighted, a keyword is an element of its own, in a colour of its own; plain text has none.
    const colours = await program.evaluate((pre) => {
      const keyword = [...pre.querySelectorAll("*")].find((element) => element.textContent === "import");
      return { keyword: keyword === undefined ? null : getComputedStyle(keyword).color, text: getComputedStyle(pre).color };
    });
    expect(colours.keyword).not.toBeNull();
    expect(colours.keyword).not.toBe(colours.text);
  });

  it("leads every link of the guide to a section of the page", async () => {
    const targets = targetsOf(guide);
    expect(targets.length).toBeGreaterThan(20);
    const opened = await openDocs();
    const broken: string[] = [];
    for (const target of targets) {
      await opened.goto(`${origin}/${target}`);
      const found = await opened
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
});

describe("the links sections of the responses in Chromium", () => {
  it("show createEndpoint's links under its 200 response, each linked to its operation", async () => {
    const opened = await openDocs("#/vpc-endpoints/createendpoint");
    const section = opened.locator("li").filter({ hasText: /^getEndpoint \(vpc_endpoint_id = \$response\.body#\/id\)/ }).first();
    await section.waitFor({ state: "visible" });
    expect(await section.locator("a").first().getAttribute("href")).toBe("#/vpc-endpoints/getendpoint");
  });

  it("log no error to the console, nor does the Workflows guide", async () => {
    const opened = await openDocs("#/workflows");
    await heading(opened, WORKFLOWS_GUIDE).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
