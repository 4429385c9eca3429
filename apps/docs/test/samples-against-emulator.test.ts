// Runs every code sample of the page against the stateful emulator, each on a fresh copy of the
// docs' state (support/emulator-state.ts): the TypeScript programs, compiled to JavaScript and
// started with node as a reader would start them, exit with 0, print what the emulator holds and
// do to it what they say; the requests of the curl samples succeed. The emulator is strict: a
// response that breaks the spec is a 500 naming the violation, which fails the sample.
import { createVpcepClient } from "@otc-vpcep/client";
import type { EmulatorState } from "@otc-vpcep/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { exampleRequest, TOKEN_VARIABLE } from "../lib/curl.mjs";
import { readSamples } from "../lib/code-samples.mjs";
import { bundledSpec, specOperations } from "./support/docs.js";
import { emulatorWithDocsState, IDS, PARTNER_DOMAIN, PARTNER_PROJECT, PROJECT, SUBNET, VPC } from "./support/emulator-state.js";
import { compilePrograms, outputDir, runProgram } from "./support/programs.js";

const spec = bundledSpec();
const operations = specOperations();
const compiledDir = outputDir("samples-on-emulator");
const docs = emulatorWithDocsState();

beforeAll(() => {
  compilePrograms(compiledDir, readSamples());
});

function serviceIn(state: EmulatorState, id: string) {
  const service = state.services.find((candidate) => candidate.id === id);
  if (service === undefined) throw new Error(`the emulator holds no service ${id}`);
  return service;
}

function endpointIn(state: EmulatorState, id: string) {
  const endpoint = state.endpoints.find((candidate) => candidate.id === id);
  if (endpoint === undefined) throw new Error(`the emulator holds no endpoint ${id}`);
  return endpoint;
}

/** The one record of `after` that the docs' state does not have. */
function madeBySample<T extends { id: string }>(after: T[], before: T[]): T {
  const made = after.filter((record) => !before.some((old) => old.id === record.id));
  expect(made).toHaveLength(1);
  return made[0]!;
}

const lines = (...text: string[]): string => text.map((line) => `${line}\n`).join("");

/** The emulator's timestamps, as the API writes them. */
const timestamp = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 19)}Z`;

const billingName = `eu-de.billing.${IDS.billingService}`;
const ordersName = `eu-de.orders.${IDS.ordersService}`;

interface SampleCase {
  operationId: string;
  /** What the sample does against the docs' state, as the test's name says it. */
  does: string;
  /** What the sample needs beyond the docs' state, made through the API before it runs. */
  given?: () => Promise<void>;
  /** Checks what the sample printed, and the emulator's state after it. */
  then: (stdout: string, after: EmulatorState) => void;
}

const cases: SampleCase[] = [
  {
    operationId: "listVersions",
    does: "prints the versions of the API",
    then: (stdout) => expect(stdout).toBe(lines("v1: CURRENT, last updated 2018-09-30T00:00:00Z", "v2: CURRENT, last updated 2020-03-30T00:00:00Z")),
  },
  {
    operationId: "getVersion",
    does: "prints the status of v1",
    then: (stdout) => expect(stdout).toBe(lines("v1 is CURRENT")),
  },
  {
    operationId: "listEndpointServices",
    does: "prints the project's two services, newest first",
    then: (stdout) =>
      expect(stdout).toBe(
        lines("2 of 2 services", `${IDS.ordersService}  available  ${ordersName}`, `${IDS.billingService}  available  ${billingName}`),
      ),
  },
  {
    operationId: "createEndpointService",
    does: "creates a service and prints its new id and name, creating",
    then: (stdout, after) => {
      const made = madeBySample(after.services, docs.state.services);
      expect(made).toMatchObject({ port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", approval_enabled: false, status: "creating" });
      expect(stdout).toBe(lines(`service ${made.id} (eu-de.${made.id}) is creating`));
    },
  },
  {
    operationId: "listPublicEndpointServices",
    does: "prints the operator's public services",
    then: (stdout) => {
      expect(stdout).toContain(lines("com.t-systems.otc.eu-de.obs (gateway) by OTC"));
      expect(stdout).toContain(lines("com.t-systems.otc.eu-de.dns (interface) by OTC"));
    },
  },
  {
    operationId: "describeEndpointService",
    does: "finds the billing service by its full name",
    then: (stdout) => expect(stdout).toBe(lines(`${billingName}: interface service ${IDS.billingService}`)),
  },
  {
    operationId: "getEndpointService",
    does: "prints the billing service's status and ports",
    then: (stdout) => expect(stdout).toBe(lines(`${billingName} is available`, "  TCP 443 -> 8443")),
  },
  {
    operationId: "updateEndpointService",
    does: "turns the billing service's approval off and prints so",
    then: (stdout, after) => {
      expect(serviceIn(after, IDS.billingService)).toMatchObject({ approval_enabled: false, description: "Billing API, open to all partners" });
      expect(stdout).toBe(lines(`${billingName}: approval not required`));
    },
  },
  {
    operationId: "deleteEndpointService",
    does: "starts deleting the billing service once the partner has deleted its endpoint",
    // A service that endpoints use cannot be deleted (EndPoint.3006), and the partner's endpoint is
    // the billing service's one connection in the docs' state.
    given: async () => {
      const partner = createVpcepClient({ baseUrl: docs.emulator.url, projectId: PARTNER_PROJECT, token: "partner", throwOnError: true });
      await partner.deleteEndpoint(IDS.partnerEndpoint);
    },
    then: (stdout, after) => {
      expect(serviceIn(after, IDS.billingService).status).toBe("deleting");
      expect(stdout).toBe(lines(`deleting service ${IDS.billingService} (HTTP 204)`));
    },
  },
  {
    operationId: "listServiceConnections",
    does: "prints the partner's endpoint that waits for approval",
    then: (stdout) => expect(stdout).toBe(lines("1 endpoint(s) waiting", `${IDS.partnerEndpoint} of account ${PARTNER_DOMAIN}`)),
  },
  {
    operationId: "acceptOrRejectConnections",
    does: "accepts the partner's endpoint and prints its new status",
    then: (stdout, after) => {
      expect(endpointIn(after, IDS.partnerEndpoint).status).toBe("accepted");
      expect(stdout).toBe(lines(`${IDS.partnerEndpoint} is accepted`));
    },
  },
  {
    operationId: "listServicePermissions",
    does: "prints the billing service's whitelist: the partner's account",
    then: (stdout) => {
      const [record] = serviceIn(docs.state, IDS.billingService).permissions;
      expect(stdout).toBe(lines("1 whitelist record(s)", `iam:domain::${PARTNER_DOMAIN} (since ${timestamp(record!.createdMs)})`));
    },
  },
  {
    operationId: "updateServicePermissions",
    does: "adds an account to the billing service's whitelist and prints it",
    then: (stdout, after) => {
      expect(serviceIn(after, IDS.billingService).permissions.map((record) => record.permission)).toEqual([
        `iam:domain::${PARTNER_DOMAIN}`,
        "iam:domain::5fc973eea581490997e82ea11a1d0101",
      ]);
      expect(stdout).toBe(lines("allowed: iam:domain::5fc973eea581490997e82ea11a1d0101"));
    },
  },
  {
    operationId: "listEndpoints",
    does: "prints the project's endpoints in the VPC, newest first, without the one just deleted",
    then: (stdout) =>
      expect(stdout).toBe(
        lines("2 of 2 endpoints", `${IDS.acceptedEndpoint}  accepted  ${ordersName}`, `${IDS.endpoint}  accepted  ${ordersName}`),
      ),
  },
  {
    operationId: "createEndpoint",
    does: "creates an endpoint to the orders service and prints its new id, creating",
    then: (stdout, after) => {
      const made = madeBySample(after.endpoints, docs.state.endpoints);
      expect(made).toMatchObject({ service_id: IDS.ordersService, vpc_id: VPC, subnet_id: SUBNET, enable_dns: true, status: "creating" });
      expect(made.id).not.toBe(IDS.endpoint);
      expect(stdout).toBe(lines(`endpoint ${made.id} is creating`));
    },
  },
  {
    operationId: "getEndpoint",
    does: "prints the endpoint's status, IP address and DNS name",
    then: (stdout) => {
      const { ip, dns_names: names } = endpointIn(docs.state, IDS.endpoint);
      expect(stdout).toBe(lines(`endpoint ${IDS.endpoint} is accepted`, `private IP address: ${ip}`, `private domain name: ${names?.[0]}`));
    },
  },
  {
    operationId: "deleteEndpoint",
    does: "starts deleting the endpoint and prints so",
    then: (stdout, after) => {
      expect(endpointIn(after, IDS.endpoint).status).toBe("deleting");
      expect(stdout).toBe(lines(`deleting endpoint ${IDS.endpoint} (HTTP 204)`));
    },
  },
  {
    operationId: "getQuotas",
    does: "prints what the project uses: two services and two endpoints (the third is gone by then)",
    then: (stdout) => expect(stdout).toBe(lines("endpoint_service: 2 of 20 used", "endpoint: 2 of 50 used")),
  },
  {
    operationId: "listResourcesByTags",
    does: "finds the billing service by its owner tag and name",
    then: (stdout) => expect(stdout).toBe(lines("1 match(es)", `${IDS.billingService}  ${billingName}`)),
  },
  {
    operationId: "updateResourceTags",
    does: "tags the billing service",
    then: (stdout, after) => {
      expect(serviceIn(after, IDS.billingService).tags).toEqual([
        { key: "owner", value: "team-a" },
        { key: "env", value: "prod" },
      ]);
      expect(stdout).toBe(lines("tags added (HTTP 204)"));
    },
  },
  {
    operationId: "listProjectTags",
    does: "prints the tag keys of the project's services, with their values",
    then: (stdout) => expect(stdout).toBe(lines("owner: team-a, team-b")),
  },
];

describe("the TypeScript sample, run with node against the emulator", () => {
  it("is checked here for every operation of the spec", () => {
    expect(cases.map((entry) => entry.operationId).sort()).toEqual(operations.map((entry) => entry.operation.operationId).sort());
  });

  it.each(cases.map((entry) => [`${entry.operationId} ${entry.does}`, entry] as const))("%s", async (_, { operationId, given, then }) => {
    await given?.();
    const run = await runProgram(`${compiledDir}${operationId}.mjs`, {
      VPCEP_BASE_URL: docs.emulator.url,
      VPCEP_PROJECT_ID: PROJECT,
      [TOKEN_VARIABLE]: "token-for-the-emulator",
    });
    expect(run, `stderr of the ${operationId} sample:\n${run.stderr}`).toMatchObject({ code: 0, stderr: "" });
    then(run.stdout, docs.emulator.snapshot());
  });
});

describe("the request of the curl sample, sent to the emulator", () => {
  it.each(operations.map((entry) => [entry.operation.operationId, entry] as const))("%s succeeds", async (operationId, entry) => {
    await cases.find((candidate) => candidate.operationId === operationId)?.given?.();
    const request = exampleRequest(spec, entry);
    const headers: Record<string, string> = request.authenticated ? { "X-Auth-Token": "token-for-the-emulator" } : {};
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${docs.emulator.url}${request.target}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    expect(response.ok, `${request.method} ${request.target} answered ${response.status}: ${await response.text()}`).toBe(true);
  });
});
