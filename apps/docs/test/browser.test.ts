// The built page in a real browser (support/browser.ts: Debian's Chromium, the page served from a
// loopback port, a fresh browser context per test). The requests and console errors of all the tests
// are recorded, so the last tests can say that no request left the page's origin and that nothing
// went wrong.
import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { sectionAnchor, slug } from "../lib/anchors.mjs";
import { listOperations } from "../lib/spec.mjs";
import { docsInBrowser, linkTargets } from "./support/browser.js";
import { bundledSpec, guidesOf } from "./support/docs.js";

const outputDir = fileURLToPath(new URL("../test-output/", import.meta.url));
const screenshotFile = `${outputDir}docs.png`;
const operationScreenshotFile = `${outputDir}create-endpoint.png`;
const spec = bundledSpec();
const operations = listOperations(spec);
const apiTags = spec["x-tagGroups"]?.find((group) => group.name === "API reference")?.tags ?? [];

const docs = docsInBrowser();
const openDocs = (hash?: string) => docs.open(hash);

beforeAll(() => {
  mkdirSync(outputDir, { recursive: true });
});

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
    const targets = [...new Set(guidesOf(spec).flatMap((guide) => linkTargets(guide.description)))];
    expect(targets.length).toBeGreaterThan(10);
    expect(await docs.brokenLinks(targets)).toEqual([]);
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

  it.each(guidesOf(spec))("copies the guide $name for an LLM with the Copy button of its section, without a console error", async ({ name, description }) => {
    const page = await openDocs(sectionAnchor(name));
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: docs.origin });
    await page.evaluate(() => navigator.clipboard.writeText(""));
    const errorsBefore = docs.consoleErrors.length;
    await page.locator(`[id="${slug(name)}"] [data-testid="page-actions"]`).getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`- name: ${name}\n`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^# .+ – ${name}\n\nThis is a subset of the full specification, limited to the "${name}" tag\\.`));
    expect(copied).toContain(description.split("\n").find((line) => line.trim() !== ""));
    expect(docs.consoleErrors.slice(errorsBefore)).toEqual([]);
  });

  it("logs no error to the console", async () => {
    const page = await openDocs("#/getting-started");
    await menuItem(page, "Getting started").waitFor();
    expect(docs.consoleErrors).toEqual([]);
  });

  it("requests nothing from another origin", async () => {
    await openDocs();
    const foreign = docs.requested.filter((url) => !url.startsWith("data:") && new URL(url).origin !== docs.origin);
    expect(docs.requested.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});
