import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** The files copied into the consumer project: the programs a user would write. */
export const fixturesDir = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** The repository's TypeScript compiler, run with the Node under test. */
export const tscPath = join(repoRoot, "node_modules", "typescript", "bin", "tsc");

/** The repository's vitest, run with the Node under test. */
export const vitestPath = join(repoRoot, "node_modules", "vitest", "vitest.mjs");

export interface PublishedPackage {
  name: string;
  /** Its directory, relative to the repository's root. */
  dir: string;
  /** A file that exists only after the package is built. */
  builtFile: string;
}

/** The packages published to npm; the other workspaces are private. */
export const publishedPackages: readonly PublishedPackage[] = [
  { name: "@otc-vpcep/spec", dir: "spec", builtFile: "dist/openapi.json" },
  { name: "@otc-vpcep/types", dir: "packages/types", builtFile: "src/vpcep.d.ts" },
  { name: "@otc-vpcep/client", dir: "packages/client", builtFile: "dist/index.js" },
  { name: "@otc-vpcep/mock", dir: "apps/mock", builtFile: "dist/index.js" },
  { name: "@otc-vpcep/emulator", dir: "apps/emulator", builtFile: "dist/index.js" },
];

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  otcVpcepSpecVersion?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

/** Reads the package.json in `dir`, relative to the repository's root. */
export async function readManifest(dir: string): Promise<PackageManifest> {
  return JSON.parse(await readFile(join(repoRoot, dir, "package.json"), "utf8")) as PackageManifest;
}
