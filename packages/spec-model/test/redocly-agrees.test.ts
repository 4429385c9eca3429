// The model follows `$ref`s itself, synchronously, in a few lines: the bundled description has
// only local ones. Redocly's resolver (@redocly/openapi-core, what bundles the spec) is the
// judge of what each of them names.
import { readFileSync } from "node:fs";
import { BaseResolver, Oas3_1Types, Source, normalizeTypes, resolveDocument } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { bundledSpecPath, specModel } from "../src/index.mjs";

/** Every `$ref` string anywhere in a node. */
function refsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.add(value);
      else refsIn(value, found);
    }
  }
  return found;
}

describe("$refs of the bundled spec", () => {
  it("name what Redocly's resolver says they name", async () => {
    const file = bundledSpecPath();
    const text = readFileSync(file, "utf8");
    const model = specModel();
    const rootType = normalizeTypes(Oas3_1Types).Root;
    if (rootType === undefined) throw new Error("@redocly/openapi-core knows no OpenAPI 3.1 root type");
    const resolved = await resolveDocument({
      rootDocument: { source: new Source(file, text, "application/json"), parsed: JSON.parse(text) },
      externalRefResolver: new BaseResolver(),
      rootType,
    });
    const refs = [...refsIn(model.document)];
    expect(refs.length).toBeGreaterThan(150);
    for (const ref of refs) {
      const redocly = resolved.get(`${file}::${ref}`);
      expect(redocly?.resolved, ref).toBe(true);
      expect(model.resolveRef(ref).node, ref).toEqual(redocly?.node);
    }
  });
});
