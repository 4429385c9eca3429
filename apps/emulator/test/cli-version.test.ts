import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

describe("vpcep-emulator --version with a bad flag value", () => {
  it("reports a bad --port rather than printing the version", async () => {
    const run = await runCli(["--version", "--port", "99999"]);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain('Invalid --port "99999"');
  });

  it("reports a bad --transitions rather than printing the version", async () => {
    const run = await runCli(["--version", "--transitions", "later"]);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain('Invalid --transitions "later": must be "immediate", "reads:N" or "ms:N"');
  });
});
