// The generated parts of the page in a real browser: the Workflows guide (lib/workflows-guide.mjs) and
// the links sections of the responses (lib/links.mjs). In Chromium, as support/browser.ts
// launches it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { WORKFLOWS_GUIDE } from "../lib/workflows-guide.mjs";
import { docsInBrowser, linkTargets } from "./support/browser.js";
import { guidesOf, pageDefinition } from "./support/docs.js";

const page = pageDefinition();
const guide = guidesOf(page).find((candidate) => candidate.name === WORKFLOWS_GUIDE)?.description ?? "";

const docs = docsInBrowser();
const openDocs = (hash?: string) => docs.open(hash);

/** A heading of the page by its exact text (Redoc puts a labelled deep link inside each). */
function heading(opened: Page, text: string) {
  return opened.locator("h1, h2").filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
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
    const targets = linkTargets(guide);
    expect(targets.length).toBeGreaterThan(20);
    expect(await docs.brokenLinks(targets)).toEqual([]);
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
    expect(docs.consoleErrors).toEqual([]);
  });
});
