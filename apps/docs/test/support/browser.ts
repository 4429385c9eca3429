// The built page in a real browser, for a test file: Debian's Chromium (or CHROMIUM_PATH), driven by
// playwright-core, loads dist/index.html from a server on a loopback port that this starts. Each
// `open` is a fresh browser context (Redoc remembers choices such as the sample language in local
// storage); the requests and console errors of all of them are recorded. Everything is closed after
// each test (the contexts) and after the file (the browser and the server).
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { pageFile } from "./docs.js";

const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Serves the page at / (and /index.html); everything else is a 404, as with `npm start`. */
function servePage(): Promise<Server> {
  const html = readFileSync(pageFile);
  const pageServer = createServer((request, response) => {
    // The path as sent, up to the query: a URL parser would read `//x` as a host, and throw on `//`.
    const path = (request.url ?? "/").split("?")[0];
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

export interface DocsInBrowser {
  /** Opens the page at a location (`#/workflows`) and waits until Redoc has taken over and its search is ready. */
  open(hash?: string): Promise<Page>;
  /** The page server's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Every URL the pages requested, in order. */
  readonly requested: readonly string[];
  /** Console errors and uncaught errors of every page. */
  readonly consoleErrors: readonly string[];
  /** The fragments among `targets` (`#/workflows/publishservice`) that lead to no element of the page. */
  brokenLinks(targets: readonly string[]): Promise<string[]>;
}

/** The fragments of a Markdown text's links within the page (`](#/...)`), each once. */
export function linkTargets(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/\]\((#\/[^)]+)\)/g)].map((match) => match[1] ?? ""))];
}

export function docsInBrowser(): DocsInBrowser {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let origin = "";
  const contexts: BrowserContext[] = [];
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await servePage();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Without Chromium every test fails (none is skipped), each with the message of open().
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

  const docs: DocsInBrowser = {
    get origin() {
      return origin;
    },
    requested,
    consoleErrors,
    async open(hash = "") {
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
    },
    async brokenLinks(targets) {
      const page = await docs.open();
      const broken: string[] = [];
      for (const target of targets) {
        await page.goto(`${origin}/${target}`);
        const element = page.locator(`[id="${target.slice(2)}"]`).first();
        const found = await element.waitFor({ state: "attached", timeout: 5_000 }).then(
          () => true,
          () => false,
        );
        if (!found) broken.push(target);
      }
      return broken;
    },
  };
  return docs;
}
