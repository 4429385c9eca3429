import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The bundles tsup writes: this test reads them, so it needs a build (turbo builds before it
// tests); without dist/ it is skipped, and says why. The sources are tested in test/signing.test.ts.
const dist = new URL("../dist/", import.meta.url);
const webBuilds = ["index.js", "index.cjs"];
const nodeBuilds = ["node/index.js", "node/index.cjs"];
const built = [...webBuilds, ...nodeBuilds].every((file) => existsSync(new URL(file, dist)));

type Built = Pick<typeof import("../src/index.js"), "signRequest">;
const text = (file: string) => readFileSync(new URL(file, dist), "utf8");
const load = async (file: string): Promise<Built> =>
  file.endsWith(".cjs") ? createRequire(import.meta.url)(fileURLToPath(new URL(file, dist))) : import(new URL(file, dist).href);

describe.skipIf(!built)(`the built bundles${built ? "" : " (skipped: no dist/; run npm run build -w @otc-vpcep/client)"}`, () => {
  it.each(nodeBuilds)("%s hashes with node:crypto and holds no Web Crypto", (file) => {
    expect(text(file)).toMatch(file.endsWith(".cjs") ? /require\("node:crypto"\)/ : /^import \{[^}]*\bcreateHmac\b[^}]*\} from "node:crypto";$/m);
    expect(text(file)).not.toContain("crypto.subtle");
  });

  it.each(webBuilds)("%s, the default for browsers and other runtimes, uses Web Crypto and never node:crypto", (file) => {
    expect(text(file)).toContain("crypto.subtle");
    expect(text(file)).not.toMatch(/node:crypto|["']crypto["']/);
  });

  it.each([...webBuilds, ...nodeBuilds])("%s signs the official vector of the signing guide", async (file) => {
    const { signRequest } = await load(file);
    const request = new Request(
      "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
      { headers: { "content-type": "application/json" } },
    );
    const credentials = { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" };
    const signed = await signRequest(request, credentials, { date: new Date("2019-11-15T03:36:55Z") });
    expect(signed.headers.get("authorization")).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, " +
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });

  it("package.json's exports give Node the node build, to import and to require", () => {
    // Node's own resolution of the package name (a self-reference), as a dependent package sees it.
    const resolve = (kind: "import" | "require") =>
      execFileSync(process.execPath, [
        "--input-type=module",
        "-e",
        kind === "import"
          ? 'console.log(import.meta.resolve("@otc-vpcep/client"))'
          : 'import { createRequire } from "node:module"; console.log(createRequire(import.meta.url).resolve("@otc-vpcep/client"))',
      ], { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8" }).trim();
    expect(resolve("import")).toBe(new URL("node/index.js", dist).href);
    expect(resolve("require")).toBe(fileURLToPath(new URL("node/index.cjs", dist)));
  });
});
