import { describe, expect, inject, it } from "vitest";
import { expectSuccess } from "../support/assertions.js";
import { targetClient } from "../support/clients.js";

// The whole life of a service and an endpoint of one account: created with unique names,
// waited for with the client's waiters, and always deleted, even when a step fails. In
// `npm test` it runs against the emulator; against a real target it writes, so it runs
// only with VPCEP_ALLOW_WRITES=1 and needs resources of yours to build on: VPCEP_VPC_ID,
// VPCEP_SUBNET_ID and VPCEP_PORT_ID (a load balancer's or ECS's port; VPCEP_SERVER_TYPE
// says which, LB or VM, VM by default).
const target = inject("target");

function whyNot(): string | undefined {
  if (!target.allowWrites) return "writes are off: set VPCEP_ALLOW_WRITES=1 to run them";
  const missing = target.missing.infrastructure;
  return missing.length === 0 ? undefined : `set ${missing.join(", ")} to run the writes`;
}

describe("lifecycle of a service and an endpoint (writes)", () => {
  it("creates, waits for, reads and deletes a service and an endpoint, cleaning up on failure", { timeout: 1_800_000 }, async (context) => {
    const reason = whyNot();
    if (reason !== undefined) context.skip(reason);
    const infrastructure = target.infrastructure!;
    const vpcep = targetClient();
    const suffix = Date.now().toString(36).slice(-6);
    const tags = [{ key: "created-by", value: "otc-vpcep-conformance" }];
    let serviceId: string | undefined;
    let endpointId: string | undefined;
    try {
      const service = await vpcep.createEndpointService({
        port_id: infrastructure.portId,
        vpc_id: infrastructure.vpcId,
        server_type: infrastructure.serverType,
        service_name: `cf${suffix}`,
        approval_enabled: false,
        ports: [{ client_port: 8080, server_port: 80, protocol: "TCP" }],
        tags,
      });
      expectSuccess("createEndpointService", service);
      serviceId = service.data?.id;
      expect(serviceId).toBeDefined();
      await vpcep.waitFor.endpointService(serviceId!, target.wait);

      const endpoint = await vpcep.createEndpoint({
        endpoint_service_id: serviceId!,
        vpc_id: infrastructure.vpcId,
        subnet_id: infrastructure.subnetId,
        tags,
      });
      expectSuccess("createEndpoint", endpoint);
      endpointId = endpoint.data?.id;
      const { resource: accepted } = await vpcep.waitFor.endpoint(endpointId!, target.wait);
      expect(accepted.status).toBe("accepted");
      expectSuccess("getEndpoint", await vpcep.getEndpoint(endpointId!));
    } finally {
      // A delete that is refused is not waited for: the wait would last until its timeout.
      if (endpointId !== undefined && (await vpcep.deleteEndpoint(endpointId)).response.ok) {
        await vpcep.waitFor.endpointDeleted(endpointId, target.wait);
      }
      if (serviceId !== undefined && (await vpcep.deleteEndpointService(serviceId)).response.ok) {
        await vpcep.waitFor.endpointServiceDeleted(serviceId, target.wait);
      }
    }
  });
});
