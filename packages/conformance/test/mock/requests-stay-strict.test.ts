import type { CreateEndpointRequest, CreateEndpointServiceRequest, TagActionRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { expectRefusal } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { examplesOf, schemaViolations } from "../support/spec.js";

// "Requests strict, responses tolerant": for each kind of constraint the response schemas
// gave up, a value that a response may now carry is still refused in a request, by the
// spec and by the mock (400 EndPoint.0002, naming the field).
const vpcep = mockClient();
const service: CreateEndpointServiceRequest = {
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
  server_type: "VM",
  ports: [{ client_port: 8080, server_port: 80 }],
};
const endpoint: CreateEndpointRequest = {
  endpoint_service_id: "4189d3c2-8882-4871-a3c2-d380272eed83",
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
};
const legacyService = examplesOf("getEndpointService", 200).get("EndpointServiceLegacy") as Record<string, unknown>;
const legacyEndpoint = examplesOf("getEndpoint", 200).get("EndpointLegacy") as Record<string, unknown>;

describe("requests stay strict where responses are tolerant", () => {
  it("an open enum: a response may report the protocol UDP, a new service may not ask for it", async () => {
    expect(legacyService["ports"]).toContainEqual(expect.objectContaining({ protocol: "UDP" }));
    const body = { ...service, ports: [{ client_port: 53, server_port: 53, protocol: "UDP" }] };
    expectRefusal("createEndpointService", await vpcep.createEndpointService(unchecked(body)), "ports.0.protocol");
  });

  it("an open enum: a response may report any server_type, a new service only a documented one", async () => {
    expect(schemaViolations("getEndpointService", 200, { ...legacyService, server_type: "ECS" })).toEqual([]);
    expectRefusal("createEndpointService", await vpcep.createEndpointService(unchecked({ ...service, server_type: "ECS" })), "server_type");
  });

  it("a pattern: a response may carry the tag value *team-a, a new tag may not", async () => {
    expect(legacyService["tags"]).toContainEqual({ key: "owner", value: "*team-a" });
    const tags: TagActionRequest = unchecked({ action: "create", tags: [{ key: "owner", value: "*team-a" }] });
    expectRefusal("updateResourceTags", await vpcep.updateResourceTags("endpoint", "4189d3c2-8882-4871-a3c2-d380272eed83", tags), "tags.0.value");
  });

  it("a length limit: a response may carry a longer description, a new service not over 128 characters", async () => {
    expect(schemaViolations("getEndpointService", 200, { ...legacyService, description: "d".repeat(300) })).toEqual([]);
    expectRefusal("createEndpointService", await vpcep.createEndpointService({ ...service, description: "d".repeat(129) }), "description");
  });

  it("an item count: a response may list more than 20 tags, a new endpoint not", async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    expect(schemaViolations("getEndpoint", 200, { ...legacyEndpoint, tags: many })).toEqual([]);
    expectRefusal("createEndpoint", await vpcep.createEndpoint({ ...endpoint, tags: many }), "tags");
  });

  it("a string format: a response may name any subnet, a new endpoint only a UUID", async () => {
    expect(schemaViolations("getEndpoint", 200, { ...legacyEndpoint, subnet_id: "subnet-1" })).toEqual([]);
    expectRefusal("createEndpoint", await vpcep.createEndpoint({ ...endpoint, subnet_id: "subnet-1" }), "subnet_id");
  });

  it("a string boolean: a response may write enable_dns as \"true\", a request must send a boolean", async () => {
    expect(legacyEndpoint["enable_dns"]).toBe("true");
    expectRefusal("createEndpoint", await vpcep.createEndpoint(unchecked({ ...endpoint, enable_dns: "true" })), "enable_dns");
  });

  it("a closed object: a response may carry fields the spec does not list, a request may not", async () => {
    expect(schemaViolations("getEndpoint", 200, { ...legacyEndpoint, update_at: "2018-01-30T07:42:01.174" })).toEqual([]);
    expectRefusal("createEndpoint", await vpcep.createEndpoint(unchecked({ ...endpoint, update_at: "2018-01-30T07:42:01.174" })), "update_at");
  });
});
