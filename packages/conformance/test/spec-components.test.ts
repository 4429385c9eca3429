// spec/openapi.yaml registers no component by name (ADR 0016): the bundler names each after its
// file. This keeps that naming, and so the generated type names, what the files say.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { spec } from "./support/spec.js";

const componentsDir = join(dirname(createRequire(import.meta.url).resolve("@otc-vpcep/spec/package.json")), "components");
const kinds = readdirSync(componentsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const bundled = spec["components"] as Record<string, Record<string, unknown>>;

describe("the components of the bundled spec", () => {
  it("are of the kinds spec/components has a folder for", () => {
    expect(Object.keys(bundled).sort()).toEqual([...kinds].sort());
  });

  it.each(kinds)("%s: one per file, named as the file (none missing, none renamed)", (kind) => {
    const files = readdirSync(join(componentsDir, kind))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => name.slice(0, -".yaml".length));
    expect(Object.keys(bundled[kind] ?? {}).sort()).toEqual(files.sort());
  });
});
