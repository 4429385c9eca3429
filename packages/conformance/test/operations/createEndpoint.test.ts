import type { CreateEndpointRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { expectRefusal, expectSuccess } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { mockUrl } from "../support/urls.js";
import { wireBody } from "../support/wire.js";
import { examplesOf, responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const minimal: CreateEndpointRequest = {
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
};
const requestExamples = [...examplesOf("createEndpoint", "request")];
const responseExamples = examplesOf("createEndpoint", 200);

function createWith(fields: Record<string, unknown>) {
  return vpcep.createEndpoint(unchecked<CreateEndpointRequest>({ ...minimal, ...fields }));
}

describe("createEndpoint", () => {
  describe("valid requests", () => {
    it.each(requestExamples)("accepts the documented example %s with 200 and the example endpoint", async (_, body) => {
      const outcome = await vpcep.createEndpoint(body as CreateEndpointRequest);
      expectSuccess("createEndpoint", outcome);
      expect(wireBody(outcome.response)).toEqual(responseExamples.get("EndpointInterfaceCreating"));
    });

    it("accepts only the required fields", async () => {
      expectSuccess("createEndpoint", await vpcep.createEndpoint(minimal));
    });

    it("returns the endpoint in the creating state, as the asynchronous create does", async () => {
      const { data } = await vpcep.createEndpoint(minimal);
      expect(data?.status).toBe("creating");
    });

    it("returns another documented example when asked with Prefer", async () => {
      const outcome = await vpcep.createEndpoint(minimal, { headers: { Prefer: "example=EndpointGatewayCreating" } });
      expectSuccess("createEndpoint", outcome);
      expect(wireBody(outcome.response)).toEqual(responseExamples.get("EndpointGatewayCreating"));
    });

    it("accepts the limits: 128-character description, 20 tags, 36-character key, 43-character value", async () => {
      const tags = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`.padEnd(36, "k"), value: "v".repeat(43) }));
      expectSuccess("createEndpoint", await vpcep.createEndpoint({ ...minimal, description: "d".repeat(128), tags }));
    });

    it("accepts tags of letters in any script, digits, -, _ and @, and an empty value", async () => {
      const tags = [{ key: "Größe_1-@", value: "" }, { key: "名前", value: "値-2" }];
      expectSuccess("createEndpoint", await vpcep.createEndpoint({ ...minimal, tags }));
    });

    it("accepts an interface endpoint with port_ip and a whitelist of addresses and CIDR blocks", async () => {
      const body: CreateEndpointRequest = {
        ...minimal,
        subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
        port_ip: "192.168.0.23",
        whitelist: ["192.168.0.10", "10.0.0.0/8"],
        enable_whitelist: true,
      };
      expectSuccess("createEndpoint", await vpcep.createEndpoint(body));
    });
  });

  describe("invalid requests", () => {
    it.each(["vpc_id", "endpoint_service_id"] as const)("refuses a request without %s", async (field) => {
      const { [field]: _left, ...rest } = minimal;
      expectRefusal("createEndpoint", await vpcep.createEndpoint(unchecked<CreateEndpointRequest>(rest)), field);
    });

    it.each([
      ["a 129-character description", { description: "d".repeat(129) }, "description"],
      ["a description with <", { description: "a <b> tag" }, "description"],
      ["a description with >", { description: "x > y" }, "description"],
      ["21 tags", { tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: "v" })) }, "tags"],
      ["a tag key of 37 characters", { tags: [{ key: "k".repeat(37), value: "v" }] }, "tags.0.key"],
      ["an empty tag key", { tags: [{ key: "", value: "v" }] }, "tags.0.key"],
      ["a tag key with a space", { tags: [{ key: "cost center", value: "v" }] }, "tags.0.key"],
      ["a tag key with #", { tags: [{ key: "cost#1", value: "v" }] }, "tags.0.key"],
      ["a tag value of 44 characters", { tags: [{ key: "k", value: "v".repeat(44) }] }, "tags.0.value"],
      ["a tag value with a dot", { tags: [{ key: "k", value: "v1.2" }] }, "tags.0.value"],
      ["a tag with an unknown field", { tags: [{ key: "k", value: "v", owner: "me" }] }, "tags.0"],
      ["enable_dns as a string", { enable_dns: "true" }, "enable_dns"],
      ["enable_whitelist as a number", { enable_whitelist: 1 }, "enable_whitelist"],
      ["a port_ip that is not IPv4", { port_ip: "300.1.1.1" }, "port_ip"],
      ["an IPv6 port_ip", { port_ip: "fe80::1" }, "port_ip"],
      ["a subnet_id that is not a UUID", { subnet_id: "subnet-1" }, "subnet_id"],
      ["a whitelist entry with a /33 prefix", { whitelist: ["10.0.0.0/33"] }, "whitelist.0"],
      ["a whitelist that is not an array", { whitelist: "10.0.0.0/8" }, "whitelist"],
      ["routetables with a number", { routetables: [42] }, "routetables.0"],
      ["vpc_id as a number", { vpc_id: 42 }, "vpc_id"],
      ["an unknown field", { enable_dsn: true }, "enable_dsn"],
    ])("refuses %s", async (_, fields, field) => {
      expectRefusal("createEndpoint", await createWith(fields), field);
    });

    it("refuses a call without credentials with 401 and the error body", async () => {
      const response = await fetch(mockUrl("/vpc-endpoints"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(minimal),
      });
      expect(response.status).toBe(401);
      expect(responseViolations("createEndpoint", 401, await response.json())).toEqual([]);
    });
  });
});
