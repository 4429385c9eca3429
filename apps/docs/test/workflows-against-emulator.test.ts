// Runs the program of every workflow of the Workflows guide (workflows/<workflowId>.ts) with node
// against the stateful emulator, each on a fresh copy of the docs' state (support/emulator-state.ts),
// as the guides' and the samples' programs run: it exits with 0, prints what it did and leaves the
// emulator as its workflow promises. The emulator is strict and completes a pending change at the
// next request, so every wait ends at its first read; the two-account workflows connect the docs'
// partner project (another account) to the docs' project. And the guide's respect commands, run
// with sh as written, pass against the same emulator.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createVpcepClient } from "@otc-vpcep/client";
import type { EmulatorState } from "@otc-vpcep/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { readArazzoFiles } from "../lib/arazzo.mjs";
import { readWorkflowPrograms, respectCommand, workflowsOf } from "../lib/workflows-guide.mjs";
import { emulatorWithDocsState, PARTNER_DOMAIN, PARTNER_PROJECT, PROJECT, SUBNET, VPC } from "./support/emulator-state.js";
import { compilePrograms, outputDir, runProgram, type Run } from "./support/programs.js";

const programs = readWorkflowPrograms();
const compiledDir = outputDir("workflows-on-emulator");
const docs = emulatorWithDocsState();
const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

beforeAll(() => {
  compilePrograms(compiledDir, programs);
});

const PORT = "4189d3c2-8882-4871-a3c2-d380272eed88";
const CONSUMER_VPC = "5d1e8b70-2a34-4c6f-9e1a-7b3c2d4e5f60";
const TAG = { key: "otc-vpcep-workflow", value: "retag-docs" };

/** The variables the programs and the respect commands read, for the emulator and the docs' state. */
const variables = (): Record<string, string> => ({
  VPCEP_BASE_URL: docs.emulator.url,
  VPCEP_PROJECT_ID: PROJECT,
  VPCEP_TOKEN: "owner-token-for-the-emulator",
  VPCEP_PORT_ID: PORT,
  VPCEP_VPC_ID: VPC,
  VPCEP_SUBNET_ID: SUBNET,
  VPCEP_CONSUMER_PROJECT_ID: PARTNER_PROJECT,
  VPCEP_CONSUMER_TOKEN: "consumer-token-for-the-emulator",
  VPCEP_CONSUMER_DOMAIN_ID: PARTNER_DOMAIN,
  VPCEP_CONSUMER_VPC_ID: CONSUMER_VPC,
  VPCEP_CONSUMER_SUBNET_ID: SUBNET,
  VPCEP_TAG_KEY: TAG.key,
  VPCEP_TAG_VALUE: TAG.value,
});

const lines = (...text: string[]): string => text.map((line) => `${line}\n`).join("");

/** The records of `after` that the docs' state does not have. */
function made<T extends { id: string }>(after: T[], before: T[]): T[] {
  return after.filter((record) => !before.some((old) => old.id === record.id));
}

interface WorkflowCase {
  workflowId: string;
  /** What the program does, as the test's name says it. */
  does: string;
  /** What the program needs beyond the docs' state, made through the API; more variables for it. */
  given?: () => Promise<Record<string, string>>;
  then: (stdout: string, after: EmulatorState) => void;
}

const cases: WorkflowCase[] = [
  {
    workflowId: "surveyProject",
    does: "prints the versions, the quotas and the size of each list, and makes nothing",
    then: (stdout, after) => {
      expect(stdout).toContain(lines("versions: v1 (CURRENT), v2 (CURRENT)", "quota endpoint_service: 2 of 20 used"));
      expect(stdout).toContain(lines("services: 2 of 2"));
      expect(stdout).toMatch(/^public services: \d+ of \d+\nendpoints: 2 of 2\n$/m);
      expect([made(after.services, docs.state.services), made(after.endpoints, docs.state.endpoints)]).toEqual([[], []]);
    },
  },
  {
    workflowId: "publishService",
    does: "leaves one new service, available, in front of the backend's port 80 on 8080",
    then: (stdout, after) => {
      const services = made(after.services, docs.state.services);
      expect(services).toMatchObject([{ project_id: PROJECT, port_id: PORT, status: "available", approval_enabled: false, ports: [{ client_port: 8080, server_port: 80 }] }]);
      const [service] = services;
      expect(stdout).toBe(lines(`created service ${service?.id} (creating)`, `service eu-de.${service?.id} is available after 1 read(s)`));
    },
  },
  {
    workflowId: "removeService",
    does: "deletes the service VPCEP_SERVICE_ID names and waits until it reads 404",
    given: async () => {
      const owner = createVpcepClient({ baseUrl: docs.emulator.url, projectId: PROJECT, token: "docs", throwOnError: true });
      const { data } = await owner.createEndpointService({ port_id: PORT, vpc_id: VPC, server_type: "VM", ports: [{ client_port: 8080, server_port: 80 }] });
      return { VPCEP_SERVICE_ID: data.id! };
    },
    then: (stdout, after) => {
      const [, serviceId] = /^deleting service (\S+) \(HTTP 204\)\n/.exec(stdout) ?? [];
      expect(stdout).toBe(lines(`deleting service ${serviceId} (HTTP 204)`, `service ${serviceId} is gone after 1 read(s): notFound`));
      expect(after.services.map((service) => service.id)).not.toContain(serviceId);
      expect(made(after.services, docs.state.services)).toEqual([]);
    },
  },
  {
    workflowId: "tearDownServiceWithConnections",
    does: "is refused the connected service with EndPoint.3006, then removes the endpoint and the service: nothing is left",
    then: (stdout, after) => {
      expect(stdout).toContain(lines("deleting the service is refused while the endpoint is connected (EndPoint.3006)"));
      expect(stdout).toMatch(/endpoint \S+ is gone\nservice \S+ is gone\n$/);
      expect([made(after.services, docs.state.services), made(after.endpoints, docs.state.endpoints)]).toEqual([[], []]);
    },
  },
  {
    workflowId: "retagAndFindByTag",
    does: "finds the new service by its tag, and nothing once the tag is off; nothing is left",
    then: (stdout, after) => {
      const [, serviceId] = /^service (\S+) is available\n/.exec(stdout) ?? [];
      expect(stdout).toBe(
        lines(
          `service ${serviceId} is available`,
          `the tag ${TAG.key}=${TAG.value} finds ${serviceId}`,
          "without the tag, it finds 0 services",
          `service ${serviceId} is gone`,
        ),
      );
      expect(made(after.services, docs.state.services)).toEqual([]);
    },
  },
  {
    workflowId: "connectWithApproval",
    does: "leaves the owner's new service whitelisting the consumer's account, and the consumer's endpoint to it accepted",
    then: (stdout, after) => {
      const [service] = made(after.services, docs.state.services);
      expect(service).toMatchObject({ project_id: PROJECT, approval_enabled: true, status: "available" });
      expect(service?.permissions.map((permission) => permission.permission)).toEqual([`iam:domain::${PARTNER_DOMAIN}`]);
      const endpoints = made(after.endpoints, docs.state.endpoints);
      expect(endpoints).toMatchObject([{ project_id: PARTNER_PROJECT, service_id: service?.id, status: "accepted" }]);
      const endpointId = endpoints[0]?.id;
      expect(stdout).toBe(
        lines(
          `service ${service?.id} is available, and account ${PARTNER_DOMAIN} may connect`,
          `the consumer's endpoint ${endpointId} is pendingAcceptance`,
          `the owner sees the request of account ${PARTNER_DOMAIN}: pendingAcceptance`,
          `the consumer's endpoint ${endpointId} is accepted after 1 read(s)`,
        ),
      );
    },
  },
  {
    workflowId: "rejectAndCleanUp",
    does: "rejects the consumer's endpoint, then removes it and the service: nothing is left",
    then: (stdout, after) => {
      expect(stdout).toMatch(/^the owner rejected endpoint \S+\n/m);
      expect(stdout).toMatch(/endpoint \S+ is gone\nservice \S+ is gone\n$/);
      expect([made(after.services, docs.state.services), made(after.endpoints, docs.state.endpoints)]).toEqual([[], []]);
    },
  },
];

describe("the programs of the Workflows guide, run with node against the emulator", () => {
  it("are checked here, one for every workflow", () => {
    expect(cases.map((entry) => entry.workflowId).sort()).toEqual([...programs.keys()].sort());
  });

  it.each(cases.map((entry) => [`${entry.workflowId} ${entry.does}`, entry] as const))("%s", async (_, { workflowId, given, then }) => {
    const more = (await given?.()) ?? {};
    const run = await runProgram(`${compiledDir}${workflowId}.mjs`, { ...variables(), ...more });
    expect(run, `stderr of the ${workflowId} program:\n${run.stderr}`).toMatchObject({ code: 0, stderr: "" });
    then(run.stdout, docs.emulator.snapshot());
  });

  it("exit with 1 and say why when a call fails", async () => {
    const run = await runProgram(`${compiledDir}removeService.mjs`, { ...variables(), VPCEP_SERVICE_ID: "00000000-0000-0000-0000-000000000000" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^removeService failed: .*404/);
  });
});

/** Runs a shell command from the repository's root, where `node_modules/@otc-vpcep/spec` is. */
function sh(command: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const environment = { ...process.env, ...env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
    // In a process group of its own, so that a timeout ends sh and the npx and respect under it.
    const child = spawn("sh", ["-c", command], { cwd: repositoryRoot, env: environment, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the respect commands of the Workflows guide, run with sh against the emulator", { timeout: 60_000 }, () => {
  const workflows = workflowsOf(readArazzoFiles());
  const commandOf = (workflowId: string): string => {
    const found = workflows.find(({ workflow }) => workflow.workflowId === workflowId);
    if (found === undefined) throw new Error(`no workflow ${workflowId}`);
    return respectCommand(found.file, found.workflow);
  };

  it("pass for surveyProject, which reads the installed spec package's file", async () => {
    const run = await sh(commandOf("surveyProject"), variables());
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
  });

  it("pass for connectWithApproval, whose consumer_permission is made of the consumer's account", async () => {
    const run = await sh(commandOf("connectWithApproval"), variables());
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    const endpoints = made(docs.emulator.snapshot().endpoints, docs.state.endpoints);
    expect(endpoints).toMatchObject([{ project_id: PARTNER_PROJECT, status: "accepted" }]);
  });
});
