import { startProxy, type RunningMock } from "@otc-vpcep/mock";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { operationModel, pathAndQuery, validRequests } from "../support/generated-requests.js";
import { settings } from "../support/generated-runner.js";
import { examplesOf, operationIds, responseViolations } from "../support/spec.js";

// Every named example of a success response, the legacy forms included (zone-less
// timestamps, a UDP mapping, string booleans), is served by the mock and passes through
// the validating proxy in front of it without a violation: what real deployments send
// is what the spec describes.
const LEGACY = [
  ["createEndpointService", "EndpointServiceLegacy"],
  ["listEndpointServices", "EndpointServicePageLegacy"],
  ["getEndpointService", "EndpointServiceLegacy"],
  ["updateEndpointService", "EndpointServiceLegacy"],
  ["listServiceConnections", "ConnectionPageLegacy"],
  ["acceptOrRejectConnections", "ConnectionActionLegacy"],
  ["listServicePermissions", "PermissionPageLegacy"],
  ["listPublicEndpointServices", "PublicEndpointServicePageLegacy"],
  ["describeEndpointService", "EndpointServiceSummaryLegacy"],
  ["createEndpoint", "EndpointLegacy"],
  ["listEndpoints", "EndpointPageLegacy"],
  ["getEndpoint", "EndpointLegacy"],
  ["listResourcesByTags", "ResourceInstancesLegacy"],
  ["listProjectTags", "ProjectTagsLegacy"],
  ["listVersions", "VersionsLegacy"],
  ["getVersion", "VersionLegacy"],
] as const;

const examples = operationIds().flatMap((operationId) => {
  const operation = operationModel(operationId);
  if (operation.successStatus !== 200) return [];
  return [...examplesOf(operationId, 200)].map(([name, value]) => ({ operationId, name, value }));
});

let proxy: RunningMock;

beforeAll(async () => {
  proxy = await startProxy({ upstream: inject("mockUrl") });
});

afterAll(() => proxy?.stop());

async function askThroughProxy(operationId: string, example: string) {
  const operation = operationModel(operationId);
  const [request] = fc.sample(validRequests(operation), { seed: settings.seed, numRuns: 1 });
  const response = await fetch(`${proxy.url}${pathAndQuery(operation, request!)}`, {
    method: operation.method,
    headers: { "X-Auth-Token": "conformance-test-token", "Content-Type": "application/json", Prefer: `example=${example}` },
    ...(request!.hasBody ? { body: JSON.stringify(request!.body) } : {}),
  });
  return { status: response.status, violations: response.headers.get("sl-violations"), body: (await response.json()) as unknown };
}

describe("the documented examples through the validating proxy", () => {
  it.each(LEGACY)("%s has the legacy example %s", (operationId, name) => {
    expect([...examplesOf(operationId, 200).keys()]).toContain(name);
    expect(responseViolations(operationId, 200, examplesOf(operationId, 200).get(name))).toEqual([]);
  });

  it.each(examples)("$operationId example $name comes through the proxy as the mock serves it, without a violation", async ({ operationId, name, value }) => {
    const answer = await askThroughProxy(operationId, name);
    expect(answer.violations).toBeNull();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(value);
  });
});
