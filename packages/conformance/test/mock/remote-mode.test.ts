import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startProxy, type RunningMock } from "@otc-vpcep/mock";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { projectId } from "../support/clients.js";

// Runs the suite the way a user checks a real endpoint: VPCEP_BASE_URL pointing at a
// validating proxy, with the contract mock standing in for the cloud behind it.
const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

interface Report {
  testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
}

interface Run {
  code: number | null;
  output: string;
  report: Report | undefined;
}

async function runSuite(files: string[], env: Record<string, string>): Promise<Run> {
  const directory = mkdtempSync(join(tmpdir(), "vpcep-remote-"));
  const reportFile = join(directory, "report.json");
  try {
    const child = spawn(process.execPath, [vitest, "run", ...files, "--reporter=json", `--outputFile=${reportFile}`], {
      cwd: packageRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, "exit")) as [number | null];
    let report: Report | undefined;
    try {
      report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    } catch {
      report = undefined;
    }
    return { code, output, report };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const statuses = (report: Report | undefined, file: string) =>
  (report?.testResults ?? []).filter((result) => result.name.includes(file)).flatMap((result) => result.assertionResults.map((test) => test.status));

describe("the suite against a remote target (VPCEP_BASE_URL)", () => {
  let proxy: RunningMock;
  let result: Run;

  beforeAll(async () => {
    proxy = await startProxy({ upstream: inject("mockUrl") });
    result = await runSuite(["test/live", "test/operations/getQuotas.test.ts", "--passWithNoTests"], {
      VPCEP_BASE_URL: proxy.url,
      VPCEP_PROJECT_ID: projectId,
      VPCEP_TOKEN: "remote-mode-token",
    });
  }, 120_000);
  afterAll(async () => {
    await proxy.stop();
  });

  it("passes", () => {
    expect(result.code).toBe(0);
  });

  it("runs the read-only live checks through the validating proxy", () => {
    const live = statuses(result.report, "read-only.test.ts");
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((status) => status === "passed")).toBe(true);
  });

  it("leaves out the tests that need the mock's fixed examples, and says why", () => {
    expect(statuses(result.report, "getQuotas.test.ts")).toEqual([]);
    expect(result.output).toContain("Left out: operations/, generated/ and mock/, which need the contract mock's fixed examples.");
  });

  it("skips the writes when VPCEP_ALLOW_WRITES is not set", () => {
    expect(statuses(result.report, "lifecycle.test.ts")).toEqual(["skipped"]);
  });
});

describe("remote target settings", () => {
  it("refuses VPCEP_BASE_URL without a project, naming what is missing", async () => {
    const { code, output } = await runSuite(["test/live/read-only.test.ts"], { VPCEP_BASE_URL: "http://127.0.0.1:9" });
    expect(code).not.toBe(0);
    expect(output).toContain("VPCEP_BASE_URL is set, so VPCEP_PROJECT_ID must be set too");
  }, 60_000);

  it("refuses VPCEP_BASE_URL without credentials, naming what is missing", async () => {
    const { code, output } = await runSuite(["test/live/read-only.test.ts"], {
      VPCEP_BASE_URL: "http://127.0.0.1:9",
      VPCEP_PROJECT_ID: projectId,
    });
    expect(code).not.toBe(0);
    expect(output).toContain("VPCEP_TOKEN, or VPCEP_ACCESS_KEY and VPCEP_SECRET_KEY,");
  }, 60_000);
});
