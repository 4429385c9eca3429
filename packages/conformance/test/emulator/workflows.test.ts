import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "@otc-vpcep/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The spec's Arazzo workflows (spec/workflows, published in @otc-vpcep/spec), run with
// `redocly respect` against the stateful emulator: every step's success criteria, and the
// retries that wait for a create or a delete, over real HTTP.
const require = createRequire(import.meta.url);
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const lifecycle = require.resolve("@otc-vpcep/spec/workflows/service-lifecycle.arazzo.yaml");
const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const backend = { port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4" };

interface RespectReport {
  exitCode: number;
  output: string;
  /** What `-J` wrote: each workflow with its steps and their checks. */
  json: { files: Record<string, { totalRequests: number; executedWorkflows: { workflowId: string; status: string; executedSteps: { stepId: string; status: string; retriesLeft?: number }[] }[] }> };
}

let emulator: RunningEmulator;
let work: string;

beforeAll(async () => {
  // A create or a delete completes after one read: each wait retries once.
  emulator = await startEmulator({ transitions: "reads:1" });
  work = mkdtempSync(join(tmpdir(), "otc-vpcep-respect-"));
});

afterAll(async () => {
  await emulator.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Runs one workflow in a child process; asynchronously, as the emulator answers from this one. */
async function respect(workflowId: string, inputs: Record<string, string>): Promise<RespectReport> {
  const report = join(work, `${workflowId}.json`);
  const args = [redocly, "respect", lifecycle, "-w", workflowId, "-S", `vpcep=${emulator.url}`, "-J", report];
  for (const [name, value] of Object.entries(inputs)) args.push("-i", `${name}=${value}`);
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
  const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((resolve) => {
    execFile(process.execPath, args, { env, timeout: 60_000, killSignal: "SIGKILL" }, (error, stdout, stderr) =>
      resolve({ exitCode: error === null ? 0 : typeof error.code === "number" ? error.code : -1, output: `${stdout}${stderr}` }),
    );
  });
  return { exitCode, output, json: JSON.parse(readFileSync(report, "utf8")) as RespectReport["json"] };
}

/** Each step's runs, in order: a step that waited shows its retries before its success. */
const steps = (report: RespectReport) =>
  Object.values(report.json.files).flatMap((file) => file.executedWorkflows.flatMap((workflow) => workflow.executedSteps.map((step) => [step.stepId, step.status])));

describe("the service-lifecycle workflows under redocly respect, against the emulator", () => {
  let serviceId = "";

  it("publishService creates a service and waits until it is available", async () => {
    const report = await respect("publishService", { project_id: projectId, token: "t", ...backend });
    const [service] = emulator.snapshot().services;
    serviceId = service?.id ?? "";
    expect(report.exitCode, report.output).toBe(0);
    expect(service?.status).toBe("available");
    // The service reads `creating` once: the wait retries once, then succeeds.
    expect(steps(report)).toEqual([
      ["createService", "success"],
      ["waitUntilAvailable", "error"],
      ["waitUntilAvailable", "success"],
    ]);
  });

  it("removeService deletes it and waits until it reads 404", async () => {
    const report = await respect("removeService", { project_id: projectId, token: "t", service_id: serviceId });
    expect(report.exitCode, report.output).toBe(0);
    expect(emulator.snapshot().services).toEqual([]);
    expect(steps(report)).toEqual([
      ["deleteService", "success"],
      ["waitUntilGone", "error"],
      ["waitUntilGone", "success"],
    ]);
  });

  it("fails a workflow whose criteria the service does not meet: removing a service that is not there", async () => {
    const report = await respect("removeService", { project_id: projectId, token: "t", service_id: "00000000-0000-0000-0000-000000000000" });
    expect(report.exitCode).not.toBe(0);
    expect(steps(report)).not.toContainEqual(["deleteService", "success"]);
  });
});
