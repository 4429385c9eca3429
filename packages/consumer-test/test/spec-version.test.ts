// The spec version the generated types, and so the client, were made from: recorded as
// "otcVpcepSpecVersion" in their package.json, next to the header codegen writes.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadSpec } from "@otc-vpcep/spec-model";
import { describe, expect, it } from "vitest";
import { readManifest, repoRoot } from "./support/repo.js";

function bundledSpecVersion(): string {
  return (loadSpec()["info"] as { version: string }).version;
}

/** The version named by the generated header: ` * Spec: <title> <version>`. */
async function generatedHeaderVersion(): Promise<string | undefined> {
  const types = await readFile(join(repoRoot, "packages", "types", "src", "vpcep.d.ts"), "utf8");
  return /^ \* Spec: .* (\S+)$/m.exec(types)?.[1];
}

describe("otcVpcepSpecVersion", () => {
  it("of @otc-vpcep/types is the version named in its generated header", async () => {
    const { otcVpcepSpecVersion } = await readManifest("packages/types");
    expect(otcVpcepSpecVersion).toBe(await generatedHeaderVersion());
  });

  it("of @otc-vpcep/types is the version of the bundled spec", async () => {
    const { otcVpcepSpecVersion } = await readManifest("packages/types");
    expect(otcVpcepSpecVersion).toBe(bundledSpecVersion());
  });

  it("of @otc-vpcep/client is that of @otc-vpcep/types", async () => {
    const [client, types] = await Promise.all([readManifest("packages/client"), readManifest("packages/types")]);
    expect(client.otcVpcepSpecVersion).toBeDefined();
    expect(client.otcVpcepSpecVersion).toBe(types.otcVpcepSpecVersion);
  });
});
