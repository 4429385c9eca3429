import type { CreateEndpointServiceRequest, KnownServerType, KnownTcpProxy } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { expectRefusal, expectSuccess } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { mockUrl } from "../support/urls.js";
import { wireBody } from "../support/wire.js";
import { examplesOf, responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const minimal: CreateEndpointServiceRequest = {
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
  server_type: "VM",
  ports: [{ client_port: 8080, server_port: 80 }],
};
const requestExamples = [...examplesOf("createEndpointService", "request")];
const responseExamples = examplesOf("createEndpointService", 200);
const serverTypes: KnownServerType[] = ["LB", "VM", "VIP", "BMS"];
const tcpProxies: KnownTcpProxy[] = ["close", "toa_open", "proxy_open", "open", "proxy_vni"];

function ports(count: number) {
  return Array.from({ length: count }, (_, i) => ({ client_port: 1000 + i, server_port: 2000 + i, protocol: "TCP" as const }));
}

function createWith(fields: Record<string, unknown>) {
  return vpcep.createEndpointService(unchecked<CreateEndpointServiceRequest>({ ...minimal, ...fields }));
}

describe("createEndpointService", () => {
  describe("valid requests", () => {
    it.each(requestExamples)("accepts the documented example %s with 200 and the example service", async (_, body) => {
      const outcome = await vpcep.createEndpointService(body as CreateEndpointServiceRequest);
      expectSuccess("createEndpointService", outcome);
      expect(wireBody(outcome.response)).toEqual(responseExamples.get("EndpointServiceCreated"));
    });

    it("accepts only the required fields", async () => {
      expectSuccess("createEndpointService", await vpcep.createEndpointService(minimal));
    });

    it("returns another documented example when asked with Prefer", async () => {
      const outcome = await vpcep.createEndpointService(minimal, { headers: { Prefer: "example=EndpointServiceCreating" } });
      expectSuccess("createEndpointService", outcome);
      expect(outcome.data?.status).toBe("creating");
    });

    it("accepts 200 port mappings and the ports 1 and 65535", async () => {
      const limits = [{ client_port: 1, server_port: 65535 }, ...ports(199)];
      expectSuccess("createEndpointService", await vpcep.createEndpointService({ ...minimal, ports: limits }));
    });

    it.each(serverTypes)("accepts the server_type %s, the deprecated ones included", async (serverType) => {
      expectSuccess("createEndpointService", await vpcep.createEndpointService({ ...minimal, server_type: serverType }));
    });

    it.each(tcpProxies)("accepts the tcp_proxy %s", async (tcpProxy) => {
      expectSuccess("createEndpointService", await vpcep.createEndpointService({ ...minimal, tcp_proxy: tcpProxy }));
    });

    it("accepts a 16-character service_name, a 128-character description and 20 tags", async () => {
      const tags = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
      const body = { ...minimal, service_name: "Ab_-".repeat(4), description: "d".repeat(128), tags };
      expectSuccess("createEndpointService", await vpcep.createEndpointService(body));
    });
  });

  describe("invalid requests", () => {
    it.each(["port_id", "vpc_id", "server_type", "ports"] as const)("refuses a request without %s", async (field) => {
      const { [field]: _left, ...rest } = minimal;
      const outcome = await vpcep.createEndpointService(unchecked<CreateEndpointServiceRequest>(rest));
      expectRefusal("createEndpointService", outcome, field);
    });

    it.each([
      ["a port_id that is not a UUID", { port_id: "port-1" }, "port_id"],
      ["a 17-character service_name", { service_name: "s".repeat(17) }, "service_name"],
      ["a service_name with a dot", { service_name: "my.service" }, "service_name"],
      ["client_port 0", { ports: [{ client_port: 0, server_port: 80 }] }, "ports.0.client_port"],
      ["server_port 65536", { ports: [{ client_port: 80, server_port: 65536 }] }, "ports.0.server_port"],
      ["a fractional port", { ports: [{ client_port: 80.5, server_port: 80 }] }, "ports.0.client_port"],
      ["201 port mappings", { ports: ports(201) }, "ports"],
      ["an empty list of ports", { ports: [] }, "ports"],
      ["the protocol UDP", { ports: [{ client_port: 53, server_port: 53, protocol: "UDP" }] }, "ports.0.protocol"],
      ["a port mapping with an unknown field", { ports: [{ client_port: 1, server_port: 1, weight: 2 }] }, "ports.0"],
      ["the server_type ELB", { server_type: "ELB" }, "server_type"],
      ["a lower-case server_type", { server_type: "lb" }, "server_type"],
      ["the service_type public", { service_type: "public" }, "service_type"],
      ["the tcp_proxy on", { tcp_proxy: "on" }, "tcp_proxy"],
      ["approval_enabled as a string", { approval_enabled: "false" }, "approval_enabled"],
      ["a 129-character description", { description: "d".repeat(129) }, "description"],
      ["a description with <", { description: "<script>" }, "description"],
      ["21 tags", { tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: "v" })) }, "tags"],
      ["a tag key with a slash", { tags: [{ key: "a/b", value: "v" }] }, "tags.0.key"],
      ["an unknown field", { approval: false }, "approval"],
    ])("refuses %s", async (_, fields, field) => {
      expectRefusal("createEndpointService", await createWith(fields), field);
    });

    it("refuses a call without credentials with 401 and the error body", async () => {
      const response = await fetch(mockUrl("/vpc-endpoint-services"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(minimal),
      });
      expect(response.status).toBe(401);
      expect(responseViolations("createEndpointService", 401, await response.json())).toEqual([]);
    });
  });
});
