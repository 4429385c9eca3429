import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describeRun, run } from "./run.js";
import { publishedPackages, readManifest, repoRoot } from "./repo.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export interface ConsumerProject {
  /** The project's directory, outside the repository. */
  dir: string;
  /** Package name → the tarball `npm pack` made of it. */
  tarballs: ReadonlyMap<string, string>;
  /** Deletes the project and the tarballs. */
  remove(): Promise<void>;
}

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

/** Runs `npm pack --json` for every published package; with `dryRun`, only lists their files. */
export async function packPublishedPackages(destination: string, options: { dryRun: boolean }): Promise<PackResult[]> {
  const unbuilt = publishedPackages.filter((pkg) => !existsSync(join(repoRoot, pkg.dir, pkg.builtFile)));
  if (unbuilt.length > 0) {
    throw new Error(
      `Not built: ${unbuilt.map((pkg) => `${pkg.dir}/${pkg.builtFile}`).join(", ")}. ` +
        "Run `npm run build` first (turbo does, for `npm test`).",
    );
  }
  const workspaces = publishedPackages.flatMap((pkg) => ["--workspace", pkg.name]);
  const flags = ["--json", "--pack-destination", destination, ...(options.dryRun ? ["--dry-run"] : [])];
  const result = await run(NPM, ["pack", ...flags, ...workspaces], { cwd: repoRoot, timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`npm pack failed.\n${describeRun(result)}`);
  return JSON.parse(result.stdout) as PackResult[];
}

/**
 * The consumer project's package.json: the four tarballs and @types/node as a Node user has
 * them, and no Prism pins: @otc-vpcep/mock must bring the Prism it is tested with by itself
 * (apps/mock/README.md, "Why Prism 5.14"). @otc-vpcep/client depends on @otc-vpcep/types and
 * @otc-vpcep/mock on @otc-vpcep/spec by version; the `$` overrides point those at the tarballs
 * too, so that nothing comes from the registry under our names.
 */
async function consumerManifest(tarballs: ReadonlyMap<string, string>): Promise<object> {
  const typesNode = await readManifest("node_modules/@types/node");
  const dependencies = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:../tarballs/${basename(file)}`]));
  const ownOverrides = Object.fromEntries([...tarballs.keys()].map((name) => [name, `$${name}`]));
  return {
    name: "otc-vpcep-consumer",
    version: "0.0.0",
    private: true,
    description: "A fresh project that installs the packed @otc-vpcep packages, made by @otc-vpcep/consumer-test.",
    dependencies,
    devDependencies: { "@types/node": typesNode.version },
    overrides: ownOverrides,
  };
}

/**
 * Packs the published packages and installs the tarballs into a new project under the
 * system's temporary directory, where no workspace link can help: what users get.
 * npm prefers its cache (`--prefer-offline`), which `npm ci` of the repository filled.
 */
export async function createConsumerProject(): Promise<ConsumerProject> {
  const root = await mkdtemp(join(tmpdir(), "otc-vpcep-consumer-"));
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    const tarballDir = join(root, "tarballs");
    const dir = join(root, "project");
    await mkdir(tarballDir);
    const packed = await packPublishedPackages(tarballDir, { dryRun: false });
    const tarballs = new Map(packed.map((pkg) => [pkg.name, join(tarballDir, pkg.filename)]));

    await cp(new URL("../../fixtures/", import.meta.url), dir, { recursive: true });
    await writeFile(join(dir, "package.json"), `${JSON.stringify(await consumerManifest(tarballs), null, 2)}\n`);
    const install = await run(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn"], {
      cwd: dir,
      timeoutMs: 180_000,
    });
    if (install.code !== 0) throw new Error(`npm install in the consumer project failed.\n${describeRun(install)}`);
    return { dir, tarballs, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The version of a package installed in the consumer project. */
export async function installedVersion(project: ConsumerProject, name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(project.dir, "node_modules", name, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}
