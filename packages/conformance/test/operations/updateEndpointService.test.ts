import type { UpdateEndpointServiceRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import type { BrokenCase } from "../support/cases.js";
import { expectRefusal, expectSuccess } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { examplesOf } from "../support/spec.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

describe("updateEndpointService", () => {
  describe("valid requests", () => {
    it.each([...examplesOf("updateEndpointService", "request")])(
      "accepts the documented example %s with 200 and the updated service",
      async (_, body) => {
        const outcome = await vpcep.updateEndpointService(serviceId, body as UpdateEndpointServiceRequest);
        expectSuccess("updateEndpointService", outcome);
        expect(outcome.data?.approval_enabled).toBe(false);
      },
    );

    it("accepts an empty change", async () => {
      expectSuccess("updateEndpointService", await vpcep.updateEndpointService(serviceId, {}));
    });

    it("accepts a 16-character name, 200 port mappings and a 128-character description", async () => {
      const ports = Array.from({ length: 200 }, (_, i) => ({ client_port: i + 1, server_port: 65535 - i }));
      const body = { service_name: "s".repeat(16), ports, description: "d".repeat(128) };
      expectSuccess("updateEndpointService", await vpcep.updateEndpointService(serviceId, body));
    });
  });

  describe("invalid requests", () => {
    const cases: BrokenCase<Record<string, unknown>>[] = [
      ["a 17-character service_name", { service_name: "s".repeat(17) }, "service_name"],
      ["a service_name with a space", { service_name: "my service" }, "service_name"],
      ["201 port mappings", { ports: Array.from({ length: 201 }, (_, i) => ({ client_port: i + 1, server_port: 80 })) }, "ports"],
      ["an empty list of ports", { ports: [] }, "ports"],
      ["server_port 0", { ports: [{ client_port: 80, server_port: 0 }] }, "ports.0.server_port"],
      ["the protocol UDP", { ports: [{ client_port: 80, server_port: 80, protocol: "UDP" }] }, "ports.0.protocol"],
      ["a port_id that is not a UUID", { port_id: "port-1" }, "port_id"],
      ["the tcp_proxy on", { tcp_proxy: "on" }, "tcp_proxy"],
      ["approval_enabled as a string", { approval_enabled: "yes" }, "approval_enabled"],
      ["a 129-character description", { description: "d".repeat(129) }, "description"],
      ["a description with >", { description: "a > b" }, "description"],
      ["a field that cannot be changed", { server_type: "LB" }, "server_type"],
    ];
    it.each(cases)("refuses %s", async (_, body, field) => {
      const outcome = await vpcep.updateEndpointService(serviceId, unchecked<UpdateEndpointServiceRequest>(body));
      expectRefusal("updateEndpointService", outcome, field);
    });
  });
});
