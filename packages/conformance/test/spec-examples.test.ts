import { describe, expect, it } from "vitest";
import { documentedResponses, examplesOf, hasRequestBody, operationIds, schemaViolations } from "./support/spec.js";

// Redocly's lint validates the examples too; this checks them again with ajv, the
// validator the conformance suite trusts, so the two cannot silently disagree.
function documentedBodies(operationId: string): string[] {
  return [...(hasRequestBody(operationId) ? (["request"] as const) : []), ...documentedResponses(operationId)];
}

const cases = operationIds().flatMap((operationId) =>
  documentedBodies(operationId).flatMap((where) =>
    [...examplesOf(operationId, where)].map(([name, value]) => ({ operationId, where, name, value })),
  ),
);

describe("the spec's examples", () => {
  it("exist for every operation's request and responses", () => {
    for (const operationId of operationIds()) {
      for (const where of documentedBodies(operationId)) {
        expect(examplesOf(operationId, where).size, `${operationId} ${where}`).toBeGreaterThan(0);
      }
    }
  });

  it.each(cases)("$operationId $where example $name is valid against its schema", ({ operationId, where, value }) => {
    expect(schemaViolations(operationId, where, value)).toEqual([]);
  });
});

describe("the spec's response schemas", () => {
  it("accept fields they do not list, at the top and in nested objects (forward compatibility)", () => {
    const endpoint = {
      ...(examplesOf("createEndpoint", 200).get("EndpointInterfaceCreating") as object),
      ipv6_address: "fe80::1",
      tags: [{ key: "k", value: "v", source: "system" }],
    };
    const service = {
      ...(examplesOf("createEndpointService", 200).get("EndpointServiceCreated") as object),
      enable_policy: false,
      ports: [{ client_port: 80, server_port: 80, protocol: "TCP", server_port_range: "80-90" }],
    };
    expect(schemaViolations("createEndpoint", 200, endpoint)).toEqual([]);
    expect(schemaViolations("createEndpointService", 200, service)).toEqual([]);
  });

  it("still refuse a known field of the wrong type", () => {
    const endpoint = { ...(examplesOf("createEndpoint", 200).get("EndpointInterfaceCreating") as object), marker_id: "12" };
    expect(schemaViolations("createEndpoint", 200, endpoint)).not.toEqual([]);
  });
});
