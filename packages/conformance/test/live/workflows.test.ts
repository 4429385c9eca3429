import type { VpcepClient } from "@otc-vpcep/client";
import { afterAll, describe, expect, inject, it, type TestContext } from "vitest";
import { targetClient } from "../support/clients.js";
import { respectRunner, WORKFLOW_FILES, type RespectReport } from "../support/respect.js";
import type { Auth } from "../support/target.js";

// The spec's Arazzo workflows under `redocly respect`, against the suite's target: in
// `npm test` the emulator; with VPCEP_BASE_URL a real account (or a validating proxy in
// front of one). The read-only workflow always runs; the writing ones, like the other
// writes of live/, only with VPCEP_ALLOW_WRITES=1 and the resources they build on, and
// the two-account ones with the consumer's settings too. The workflows send an IAM token
// (respect does not sign AK/SK requests), masked in respect's output. Whatever a writing
// workflow created and did not delete, because it failed half-way, is deleted afterwards.
const target = inject("target");
const runner = respectRunner();
afterAll(() => runner.dispose());

const tokenOf = (auth: Auth): string | undefined => ("token" in auth ? auth.token : undefined);
const ownerToken = tokenOf(target.auth);
const consumerToken = target.consumer === undefined ? undefined : tokenOf(target.consumer.auth);

function whyNotRead(): string | undefined {
  return ownerToken === undefined ? "the workflows send an IAM token: set VPCEP_TOKEN to run them" : undefined;
}

function whyNotWrite(): string | undefined {
  if (!target.allowWrites) return "writes are off: set VPCEP_ALLOW_WRITES=1 to run them";
  const missing = target.missing.infrastructure;
  if (missing.length > 0) return `set ${missing.join(", ")} to run the writing workflows`;
  if (target.infrastructure?.serverType !== "VM") return "the workflows publish a VM's port: set VPCEP_SERVER_TYPE=VM (and a VM's VPCEP_PORT_ID)";
  return whyNotRead();
}

function whyNotTwoAccounts(): string | undefined {
  const missing = target.missing.consumer;
  if (missing.length > 0) return `set ${missing.join(", ")} to run the two-account workflows`;
  if (consumerToken === undefined) return "the workflows send an IAM token: set VPCEP_CONSUMER_TOKEN to run them";
  return whyNotWrite();
}

async function respect(context: TestContext, file: string, workflowId: string, inputs: Record<string, string>): Promise<RespectReport> {
  const secrets = [ownerToken, consumerToken].filter((token): token is string => token !== undefined);
  // The workflows' env inputs: respect reads the tokens from its environment, never from its command line.
  const environment = Object.fromEntries(
    Object.entries({ VPCEP_TOKEN: ownerToken, VPCEP_CONSUMER_TOKEN: consumerToken }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const timeoutMs = target.kind === "emulator" ? 60_000 : 1_500_000;
  const report = await runner.run({ file, workflowId, server: target.url, inputs, environment, secrets, timeoutMs });
  // As long as the waits of a cloud can take: vitest would cut a hook off after its hookTimeout.
  context.onTestFinished(() => cleanUp(report), CLEAN_UP_TIMEOUT_MS);
  expect(report.showsSecrets, `${workflowId}: a token shows in respect's output or report`).toBe(false);
  return report;
}

/** Deleting and waiting for an endpoint and a service, on a cloud, with room to spare. */
const CLEAN_UP_TIMEOUT_MS = 1_800_000;

/** The services and endpoints a run created (its successful creates), by the account that owns them. */
function createdBy(report: RespectReport): { services: string[]; endpoints: { id: string; projectId: string }[] } {
  const created = { services: [] as string[], endpoints: [] as { id: string; projectId: string }[] };
  for (const file of Object.values(report.json.files)) {
    for (const step of file.executedWorkflows.flatMap((workflow) => workflow.executedSteps) as ExecutedStep[]) {
      const id = step.response?.statusCode === 200 ? step.response.body?.id : undefined;
      const path = step.request?.method.toUpperCase() === "POST" ? new URL(step.request.url).pathname : "";
      const [, projectId = "", collection] = /\/v1\/([^/]+)\/(vpc-endpoint-services|vpc-endpoints)$/.exec(path) ?? [];
      if (typeof id !== "string") continue;
      if (collection === "vpc-endpoint-services") created.services.push(id);
      if (collection === "vpc-endpoints") created.endpoints.push({ id, projectId });
    }
  }
  return created;
}

interface ExecutedStep {
  request?: { method: string; url: string };
  response?: { statusCode: number; body?: { id?: unknown } };
}

/** Deletes what a run left behind: endpoints first (a connected service cannot be deleted), each waited for. */
async function cleanUp(report: RespectReport): Promise<void> {
  const { services, endpoints } = createdBy(report);
  const clients: Record<string, VpcepClient> = { [target.projectId]: targetClient("owner") };
  if (target.consumer !== undefined) clients[target.consumer.projectId] = targetClient("consumer");
  for (const { id, projectId } of endpoints) {
    const client = clients[projectId];
    if (client === undefined || (await client.getEndpoint(id)).response.status === 404) continue;
    // A delete that is refused is not waited for: the wait would last until its limit.
    if ((await client.deleteEndpoint(id)).response.ok) await client.waitFor.endpointDeleted(id, target.wait);
  }
  const owner = clients[target.projectId]!;
  for (const id of services) {
    if ((await owner.getEndpointService(id)).response.status === 404) continue;
    if ((await owner.deleteEndpointService(id)).response.ok) await owner.waitFor.endpointServiceDeleted(id, target.wait);
  }
}

/** Whether every resource the runs created is gone. */
async function leftBehind(...reports: RespectReport[]): Promise<string[]> {
  const owner = targetClient("owner");
  const consumer = target.consumer === undefined ? undefined : targetClient("consumer");
  const left: string[] = [];
  for (const report of reports) {
    const { services, endpoints } = createdBy(report);
    for (const id of services) if ((await owner.getEndpointService(id)).response.status !== 404) left.push(`service ${id}`);
    for (const { id, projectId } of endpoints) {
      const client = projectId === target.projectId ? owner : consumer;
      if (client !== undefined && (await client.getEndpoint(id)).response.status !== 404) left.push(`endpoint ${id}`);
    }
  }
  return left;
}

const ownerInputs = () => ({ project_id: target.projectId });
const backendInputs = () => ({ port_id: target.infrastructure?.portId ?? "", vpc_id: target.infrastructure?.vpcId ?? "" });
const twoAccountInputs = () => ({
  owner_project_id: target.projectId,
  consumer_project_id: target.consumer?.projectId ?? "",
  consumer_permission: `iam:domain::${target.consumer?.domainId ?? ""}`,
  ...backendInputs(),
  consumer_vpc_id: target.consumer?.vpcId ?? "",
  consumer_subnet_id: target.consumer?.subnetId ?? "",
});

describe("the read-only workflow against the target", () => {
  it("surveyProject reads the versions, the quotas and every list's first page", { timeout: 120_000 }, async (context) => {
    const reason = whyNotRead();
    if (reason !== undefined) context.skip(reason);
    const report = await respect(context, WORKFLOW_FILES.survey, "surveyProject", ownerInputs());
    expect(report.exitCode, report.output).toBe(0);
  });
});

describe("the writing workflows of one account against the target (writes)", { timeout: 1_800_000 }, () => {
  it("publishService publishes a service, and removeService removes it, waiting for each", async (context) => {
    const reason = whyNotWrite();
    if (reason !== undefined) context.skip(reason);
    const published = await respect(context, WORKFLOW_FILES.lifecycle, "publishService", { ...ownerInputs(), ...backendInputs() });
    expect(published.exitCode, published.output).toBe(0);
    const [serviceId = ""] = createdBy(published).services;
    const removed = await respect(context, WORKFLOW_FILES.lifecycle, "removeService", { ...ownerInputs(), service_id: serviceId });
    expect(removed.exitCode, removed.output).toBe(0);
    expect(await leftBehind(published)).toEqual([]);
  });

  it("tearDownServiceWithConnections removes a connected service in the right order", async (context) => {
    const reason = whyNotWrite();
    if (reason !== undefined) context.skip(reason);
    const inputs = { ...ownerInputs(), ...backendInputs(), subnet_id: target.infrastructure?.subnetId ?? "" };
    const report = await respect(context, WORKFLOW_FILES.teardown, "tearDownServiceWithConnections", inputs);
    expect(report.exitCode, report.output).toBe(0);
    expect(await leftBehind(report)).toEqual([]);
  });

  it("retagAndFindByTag finds a service by a tag of its own, then nothing once the tag is off", async (context) => {
    const reason = whyNotWrite();
    if (reason !== undefined) context.skip(reason);
    // A tag value of this run only: other resources of the account never match it.
    const inputs = { ...ownerInputs(), ...backendInputs(), tag_key: "otc-vpcep-workflow", tag_value: `retag-${Date.now().toString(36)}` };
    const report = await respect(context, WORKFLOW_FILES.retag, "retagAndFindByTag", inputs);
    expect(report.exitCode, report.output).toBe(0);
    expect(await leftBehind(report)).toEqual([]);
  });
});

describe("the two-account workflows against the target (writes)", { timeout: 1_800_000 }, () => {
  it("connectWithApproval connects the consumer's endpoint, accepted by the owner", async (context) => {
    const reason = whyNotTwoAccounts();
    if (reason !== undefined) context.skip(reason);
    const report = await respect(context, WORKFLOW_FILES.approval, "connectWithApproval", twoAccountInputs());
    expect(report.exitCode, report.output).toBe(0);
    expect(createdBy(report).endpoints).toHaveLength(1);
  });

  it("rejectAndCleanUp rejects the consumer's endpoint and removes both sides", async (context) => {
    const reason = whyNotTwoAccounts();
    if (reason !== undefined) context.skip(reason);
    const report = await respect(context, WORKFLOW_FILES.rejection, "rejectAndCleanUp", twoAccountInputs());
    expect(report.exitCode, report.output).toBe(0);
    expect(await leftBehind(report)).toEqual([]);
  });
});
