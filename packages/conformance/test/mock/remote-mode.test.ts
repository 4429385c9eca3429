import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type RunningEmulator } from "@otc-vpcep/emulator";
import { startProxy, type RunningMock } from "@otc-vpcep/mock";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { projectId } from "../support/urls.js";

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
    expect(statuses(result.report, "two-accounts.test.ts")).toEqual(["skipped"]);
  });

  it("runs the read-only workflow under redocly respect, and skips the writing ones", () => {
    expect(statuses(result.report, "workflows.test.ts")).toEqual(["passed", ...Array<string>(5).fill("skipped")]);
  });
});

describe("the writes against a remote target, with the emulator standing in for the cloud behind the proxy", () => {
  const consumer = { projectId: "7d1e0f2a3b4c4d5e8f9a0b1c2d3e4f50", domainId: "b4d2f6a8103c4e7f9a1b2c3d4e5f6a7b" };
  let emulator: RunningEmulator;
  let proxy: RunningMock;
  let result: Run;

  beforeAll(async () => {
    // Transitions complete at once, so the cloud's polling intervals cost nothing here.
    emulator = await startEmulator({ transitions: "immediate", projects: { [consumer.projectId]: consumer.domainId } });
    proxy = await startProxy({ upstream: emulator.url });
    result = await runSuite(["test/live/lifecycle.test.ts", "test/live/two-accounts.test.ts", "test/live/workflows.test.ts"], {
      VPCEP_BASE_URL: proxy.url,
      VPCEP_PROJECT_ID: projectId,
      VPCEP_TOKEN: "remote-mode-owner-token",
      VPCEP_ALLOW_WRITES: "1",
      VPCEP_VPC_ID: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
      VPCEP_SUBNET_ID: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
      VPCEP_PORT_ID: "4189d3c2-8882-4871-a3c2-d380272eed88",
      VPCEP_CONSUMER_PROJECT_ID: consumer.projectId,
      VPCEP_CONSUMER_DOMAIN_ID: consumer.domainId,
      VPCEP_CONSUMER_VPC_ID: "e251b400-2963-4131-b38a-da81e32026ee",
      VPCEP_CONSUMER_SUBNET_ID: "65528a22-59a1-4972-ba64-88984b3207cd",
      VPCEP_CONSUMER_TOKEN: "remote-mode-consumer-token",
    });
  }, 300_000);
  afterAll(async () => {
    await proxy?.stop();
    await emulator?.stop();
  });

  it("passes the lifecycle and the two-account writes through the validating proxy", () => {
    expect(result.code, result.output).toBe(0);
    expect(statuses(result.report, "lifecycle.test.ts")).toEqual(["passed"]);
    expect(statuses(result.report, "two-accounts.test.ts")).toEqual(["passed"]);
  });

  it("runs every workflow, the writing ones included, under redocly respect through the validating proxy", () => {
    expect(statuses(result.report, "workflows.test.ts")).toEqual(Array<string>(6).fill("passed"));
  });

  it("never shows a token in the suite's output", () => {
    expect(result.output).not.toContain("remote-mode-owner-token");
    expect(result.output).not.toContain("remote-mode-consumer-token");
  });

  it("leaves nothing behind: every resource the writes and the workflows made is deleted", () => {
    const { services, endpoints } = emulator.snapshot();
    expect({ services, endpoints }).toEqual({ services: [], endpoints: [] });
  });
});

describe("remote target settings", () => {
  it("refuses VPCEP_BASE_URL without a project, naming what is missing", async () => {
    const { code, output } = await runSuite(["test/live/read-only.test.ts"], { VPCEP_BASE_URL: "http://127.0.0.1:9" });
    expect(code).not.toBe(0);
    expect(output).toContain("VPCEP_BASE_URL is set, so VPCEP_PROJECT_ID must be set too");
  }, 60_000);

  it("refuses a VPCEP_SERVER_TYPE other than LB or VM", async () => {
    const { code, output } = await runSuite(["test/live/read-only.test.ts"], {
      VPCEP_BASE_URL: "http://127.0.0.1:9",
      VPCEP_PROJECT_ID: projectId,
      VPCEP_TOKEN: "t",
      VPCEP_SERVER_TYPE: "BMS",
    });
    expect(code).not.toBe(0);
    expect(output).toContain('VPCEP_SERVER_TYPE must be LB or VM; got "BMS"');
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
