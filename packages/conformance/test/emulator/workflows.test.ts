import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "@otc-vpcep/emulator";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { publishedEnvInputs, publishedWorkflowIds, respectRunner, stepsOf as steps, WORKFLOW_FILES, type RespectReport } from "../support/respect.js";

// The spec's Arazzo workflows (spec/workflows, published in @otc-vpcep/spec), run with
// `redocly respect` against the stateful emulator: every step's success criteria, and the
// retries that wait for a create or a delete, over real HTTP. live/workflows.test.ts runs
// them against the suite's target, a real account included.
const { lifecycle, approval, rejection, teardown, retag, survey } = WORKFLOW_FILES;
const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const consumer = { projectId: "0b6d2e3c9a8f4e71b5c4d3e2f1a09876", domainId: "a3c1e5f7092b4d6f8e0a1c3e5f7a9b1d" };
const backend = { port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4" };
/**
 * The only tokens the emulator accepts: long enough that masking them hides nothing else, and with
 * the `=`, `+`, `/` and `,` that IAM tokens and base64 padding bring, which must reach the API whole.
 */
const TOKENS = { owner: "workflow-owner-token+7f3a9c/==", consumer: "workflow-consumer,token=2b8e4d" };
/** The workflows' `env` inputs, which respect reads from its environment. */
const ENVIRONMENT = { VPCEP_TOKEN: TOKENS.owner, VPCEP_CONSUMER_TOKEN: TOKENS.consumer };

let emulator: RunningEmulator;
const runner = respectRunner();

beforeAll(async () => {
  // A create or a delete completes after one read: each wait retries once.
  emulator = await startEmulator({
    transitions: "reads:1",
    tokens: Object.values(TOKENS),
    projects: { [projectId]: "5fc973eea581490997e82ea11a1d0101", [consumer.projectId]: consumer.domainId },
  });
});

afterAll(async () => {
  await emulator.stop();
  runner.dispose();
});

/** Runs one workflow against the emulator. */
function respect(workflowId: string, inputs: Record<string, string>, file = lifecycle, environment: Record<string, string> = ENVIRONMENT): Promise<RespectReport> {
  if (!RUN_HERE.includes(workflowId)) throw new Error(`${workflowId} is not in RUN_HERE`);
  return runner.run({ file, workflowId, server: emulator.url, inputs, environment, secrets: Object.values(TOKENS), timeoutMs: 60_000 });
}

/** The workflows this file runs; a workflow the spec adds must be added here, with its test. */
const RUN_HERE = [
  "surveyProject",
  "publishService",
  "removeService",
  "tearDownServiceWithConnections",
  "retagAndFindByTag",
  "connectWithApproval",
  "rejectAndCleanUp",
];

it("runs every workflow @otc-vpcep/spec publishes", () => {
  expect(publishedWorkflowIds()).toEqual([...RUN_HERE].sort());
});

it("knows the env inputs of the published workflows: the two tokens", () => {
  expect(publishedEnvInputs()).toEqual(Object.keys(ENVIRONMENT).sort());
});

describe("the read-only workflow under redocly respect, against the emulator", { timeout: 60_000 }, () => {
  it("surveyProject reads the versions, the quotas and the first page of each list, and changes nothing", async () => {
    const { clockMs: _, ...before } = emulator.snapshot();
    const report = await respect("surveyProject", { project_id: projectId }, survey);
    expect(report.exitCode, report.output).toBe(0);
    expect(steps(report)).toEqual(["listVersions", "readQuotas", "listServices", "listPublicServices", "listEndpoints"].map((step) => [step, "success"]));
    const { clockMs: __, ...after } = emulator.snapshot();
    expect(after).toEqual(before);
  });

  it("masks the token, an input of format password, in respect's output and report", async () => {
    const report = await respect("surveyProject", { project_id: projectId }, survey);
    expect(report.exitCode, report.output).toBe(0);
    expect(report.showsSecrets).toBe(false);
  });

  it("refuses to run respect with a token on its command line, where every user of the machine could read it", async () => {
    const run = runner.run({ file: survey, workflowId: "surveyProject", server: emulator.url, inputs: { project_id: projectId, token: TOKENS.owner }, environment: {}, secrets: [TOKENS.owner] });
    await expect(run).rejects.toThrow("surveyProject: a secret would stand on respect's command line");
  });

  it("runs respect where the only .env files it reads are empty ones of its own, not a shared folder's", () => {
    const envFiles = [join(runner.folder, ".env"), join(runner.folder, "run", ".env")];
    expect(envFiles.map((file) => readFileSync(file, "utf8"))).toEqual(["", ""]);
    expect(statSync(runner.folder).mode & 0o077).toBe(0);
  });

  it("takes the token from respect's environment: without VPCEP_TOKEN there, the emulator refuses the calls", async () => {
    // One in this process's environment does not count: the run gives respect its own.
    vi.stubEnv("VPCEP_TOKEN", TOKENS.owner);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const report = await respect("surveyProject", { project_id: projectId }, survey, {});
    expect(report.exitCode).not.toBe(0);
    expect(steps(report)).toEqual([
      ["listVersions", "success"],
      ["readQuotas", "error"],
    ]);
  });
});

describe("the service-lifecycle workflows under redocly respect, against the emulator", { timeout: 60_000 }, () => {
  let serviceId = "";

  it("publishService creates a service and waits until it is available", async () => {
    const report = await respect("publishService", { project_id: projectId, ...backend });
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
    const report = await respect("removeService", { project_id: projectId, service_id: serviceId });
    expect(report.exitCode, report.output).toBe(0);
    expect(emulator.snapshot().services).toEqual([]);
    expect(steps(report)).toEqual([
      ["deleteService", "success"],
      ["waitUntilGone", "error"],
      ["waitUntilGone", "success"],
    ]);
  });

  it("tearDownServiceWithConnections is refused the service while connected, then removes the endpoint and the service", async () => {
    emulator.reset();
    const report = await respect("tearDownServiceWithConnections", { project_id: projectId, ...backend, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" }, teardown);
    expect(report.exitCode, report.output).toBe(0);
    expect([...new Map(steps(report))].map(([step]) => step)).toEqual([
      "createService",
      "waitServiceAvailable",
      "createEndpoint",
      "waitEndpointAccepted",
      "deleteServiceInUse",
      "deleteEndpoint",
      "waitEndpointGone",
      "deleteService",
      "waitServiceGone",
    ]);
    expect(new Map(steps(report)).get("deleteServiceInUse")).toBe("success");
    const { services, endpoints } = emulator.snapshot();
    expect([services, endpoints]).toEqual([[], []]);
  });

  it("retagAndFindByTag finds a tagged service by its tag, and nothing once the tag is off", async () => {
    emulator.reset();
    const report = await respect("retagAndFindByTag", { project_id: projectId, ...backend, tag_key: "workflow", tag_value: "retag" }, retag);
    expect(report.exitCode, report.output).toBe(0);
    expect([...new Map(steps(report))]).toEqual(
      ["createService", "waitServiceAvailable", "addTag", "findByTag", "removeTag", "findNothing", "deleteService", "waitServiceGone"].map((step) => [step, "success"]),
    );
  });

  it("fails a workflow whose criteria the service does not meet: removing a service that is not there", async () => {
    const report = await respect("removeService", { project_id: projectId, service_id: "00000000-0000-0000-0000-000000000000" });
    expect(report.exitCode).not.toBe(0);
    expect(steps(report)).not.toContainEqual(["deleteService", "success"]);
  });
});

/** The inputs of the two-account workflows: the owner's project and the consumer's. */
const twoAccounts = {
  owner_project_id: projectId,
  consumer_project_id: consumer.projectId,
  consumer_permission: `iam:domain::${consumer.domainId}`,
  ...backend,
  consumer_vpc_id: "5d1e8b70-2a34-4c6f-9e1a-7b3c2d4e5f60",
  consumer_subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
};

// Each wait retries after a second, as against the cloud: this workflow waits four times.
describe("the connect-with-approval workflow under redocly respect, against the emulator", { timeout: 60_000 }, () => {
  it("connectWithApproval whitelists the consumer's account, which connects; the owner accepts the endpoint", async () => {
    const report = await respect("connectWithApproval", twoAccounts, approval);
    expect(report.exitCode, report.output).toBe(0);
    const final = new Map(steps(report));
    expect([...final]).toEqual(
      ["createService", "waitServiceAvailable", "whitelistConsumer", "createEndpoint", "waitEndpointPending", "findConnectionRequest", "acceptConnection", "waitEndpointAccepted"].map((step) => [step, "success"]),
    );
    const endpoint = emulator.snapshot().endpoints.find((record) => record.project_id === consumer.projectId);
    expect(endpoint?.status).toBe("accepted");
  });

  it("rejectAndCleanUp rejects the consumer's endpoint, then removes it and the service, each until 404", async () => {
    emulator.reset();
    const report = await respect("rejectAndCleanUp", twoAccounts, rejection);
    expect(report.exitCode, report.output).toBe(0);
    expect([...new Map(steps(report))]).toEqual(
      [
        "createService",
        "waitServiceAvailable",
        "whitelistConsumer",
        "createEndpoint",
        "waitEndpointPending",
        "findConnectionRequest",
        "rejectConnection",
        "waitEndpointRejected",
        "deleteEndpoint",
        "waitEndpointGone",
        "deleteService",
        "waitServiceGone",
      ].map((step) => [step, "success"]),
    );
    const { services, endpoints } = emulator.snapshot();
    expect([services, endpoints]).toEqual([[], []]);
  });
});
