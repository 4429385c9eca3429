// How the extra Node versions are found: run where installed, skipped with a reason where npm
// does not install them, a failure where it should have.
import { describe, expect, it } from "vitest";
import { extraNode } from "./support/node-runtimes.js";

const installed = () => true;
const absent = () => false;

describe("extraNode", () => {
  it("runs Node 22 from node_modules/node22/bin/node when it is there", () => {
    const status = extraNode(22, { platform: "linux", arch: "x64", exists: installed });
    expect(status).toMatchObject({ kind: "available", runtime: { major: 22 } });
    expect(status.kind === "available" && status.runtime.executable).toMatch(/node_modules[/\\]node22[/\\]bin[/\\]node$/);
  });

  it("skips Node 24 with a visible reason on a machine npm does not install it on", () => {
    const status = extraNode(24, { platform: "darwin", arch: "arm64", exists: absent });
    expect(status).toMatchObject({ kind: "skipped", reason: expect.stringMatching(/^SKIPPED Node 24 .*darwin-arm64/) });
  });

  it("fails with instructions when Node 22 is missing on linux-x64", () => {
    const status = extraNode(22, { platform: "linux", arch: "x64", exists: absent });
    expect(status).toMatchObject({ kind: "missing", reason: expect.stringContaining("run `npm ci`") });
  });
});
