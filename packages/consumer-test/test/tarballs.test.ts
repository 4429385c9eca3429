// What `npm pack` puts into each published package: what users need, and nothing else.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packPublishedPackages } from "./support/consumer-project.js";
import { publishedPackages, repoRoot } from "./support/repo.js";

/** Files no tarball may hold: tests, sources maps, sources, build and tool configuration. */
const UNWANTED = [
  /(^|\/)(test|tests|__tests__|bench|fixtures)\//,
  /\.(test|spec|test-d)\.[cm]?[jt]s$/,
  /\.map$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /(^|\/)(tsup|vitest|vite|redocly)\.config\.[cm]?[jt]s$/,
  /(^|\/)redocly\.yaml$/,
  /(^|\/)\.[^/]+$/,
  /(^|\/)src\/.*(?<!\.d)\.[cm]?ts$/,
];

let scratch = "";
let filesByPackage = new Map<string, string[]>();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "otc-vpcep-pack-"));
  const packed = await packPublishedPackages(scratch, { dryRun: true });
  filesByPackage = new Map(packed.map((pkg) => [pkg.name, pkg.files.map((file) => file.path)]));
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function filesOf(name: string): string[] {
  const files = filesByPackage.get(name);
  if (files === undefined) throw new Error(`npm pack did not report ${name}`);
  return files;
}

describe.each(publishedPackages)("$name", ({ name, dir }) => {
  it("ships its README, package.json and LICENSE", () => {
    expect(filesOf(name)).toEqual(expect.arrayContaining(["README.md", "package.json", "LICENSE"]));
  });

  it("ships no tests, source maps, sources or configuration", () => {
    const unwanted = filesOf(name).filter((file) => UNWANTED.some((pattern) => pattern.test(file)));
    expect(unwanted).toEqual([]);
  });

  it("has a LICENSE identical to the repository's", async () => {
    const [own, root] = await Promise.all([
      readFile(join(repoRoot, dir, "LICENSE"), "utf8"),
      readFile(join(repoRoot, "LICENSE"), "utf8"),
    ]);
    expect(own === root, `${dir}/LICENSE differs from LICENSE: copy it again`).toBe(true);
  });
});
