import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { specModel } from "@otc-vpcep/spec-model";
import { describe, expect, it } from "vitest";

const page = readFileSync(fileURLToPath(new URL("../dist/index.html", import.meta.url)), "utf8");
const operationIds = specModel().operationIds();

/** Values of attributes and CSS constructs through which a page loads something. */
function loadedResources(html: string): string[] {
  const patterns = [
    /<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["']([^"']*)["']/gi,
    /<link\b[^>]*\bhref\s*=\s*["']([^"']*)["']/gi,
    /@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi,
    /url\(\s*["']?([^"')]+)["']?\s*\)/gi,
  ];
  return patterns.flatMap((pattern) => [...html.matchAll(pattern)].map((match) => match[1] ?? ""));
}

describe("the built docs page", () => {
  it("loads no script, style, font or image from another origin", () => {
    const external = loadedResources(page).filter((value) => /^(?:https?:)?\/\//i.test(value));
    expect(external).toEqual([]);
  });

  it("embeds the Redoc bundle instead of loading it from a CDN", () => {
    expect(page).not.toMatch(/cdn\.redoc\.ly|cdn\.jsdelivr|unpkg\.com/);
  });

  it("embeds the description once", () => {
    expect(page.split('"operationId":"createEndpoint"')).toHaveLength(2);
  });

  it("carries every operation of the spec", () => {
    const missing = operationIds.filter((operationId) => !page.includes(`"operationId":"${operationId}"`));
    expect(missing).toEqual([]);
    expect(operationIds.length).toBeGreaterThan(0);
  });
});
