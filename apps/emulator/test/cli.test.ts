import { readFileSync } from "node:fs";
import { signRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { runCli, serveCli } from "./support/cli.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

describe("vpcep-emulator", () => {
  it("prints its usage with -h", async () => {
    const run = await runCli(["-h"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: vpcep-emulator [--port N] [--host ADDRESS] [--state-file FILE] [--strict] [--transitions MODE]");
  });

  it("prints the package version with --version", async () => {
    const run = await runCli(["--version"]);
    expect(run).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it("refuses an unknown flag with one line that lists the valid flags", async () => {
    const run = await runCli(["--prot", "4000"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "vpcep-emulator: Unknown option '--prot' (valid flags: --port, --host, --state-file, --strict, --transitions, --version, -h, --help)\n",
    );
  });

  it("refuses an invalid --transitions, naming the forms", async () => {
    const run = await runCli(["--transitions", "later"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"immediate", "reads:N" or "ms:N"');
  });

  it("refuses an invalid --port", async () => {
    const run = await runCli(["--port", "99999"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid --port "99999"');
  });

  it("serves the API and prints its URL, until SIGTERM", async () => {
    const { child, url, exited } = await serveCli(["--strict", "--transitions", "immediate"]);
    try {
      const response = await fetch(`${url}/v1/p1/vpc-endpoint-services/public`, { headers: { "x-auth-token": "t" } });
      expect(response.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("verifies AK/SK requests with the keys of VPCEP_EMULATOR_ACCESS_KEYS", async () => {
    const { child, url } = await serveCli([], { VPCEP_EMULATOR_ACCESS_KEYS: "AKCLI:sk-cli-secret,AKOTHER:other" });
    try {
      const good = await signRequest(new Request(`${url}/v1/p1/quotas`), { accessKey: "AKCLI", secretKey: "sk-cli-secret" });
      const bad = await signRequest(new Request(`${url}/v1/p1/quotas`), { accessKey: "AKCLI", secretKey: "other" });
      expect((await fetch(good)).status).toBe(200);
      expect((await fetch(bad)).status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("accepts only the tokens of VPCEP_EMULATOR_TOKENS when it is set", async () => {
    const { child, url } = await serveCli([], { VPCEP_EMULATOR_TOKENS: "one, two" });
    try {
      const status = async (token: string) => (await fetch(`${url}/v1/p1/quotas`, { headers: { "x-auth-token": token } })).status;
      expect([await status("one"), await status("two"), await status("three")]).toEqual([200, 200, 401]);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a malformed VPCEP_EMULATOR_ACCESS_KEYS without quoting it", async () => {
    const run = await runCli(["--port", "0"], { VPCEP_EMULATOR_ACCESS_KEYS: "AKCLI=secret-value" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("vpcep-emulator: Invalid VPCEP_EMULATOR_ACCESS_KEYS: entry 1 must be of the form KEY:VALUE\n");
  });
});
