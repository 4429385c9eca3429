import type { VpcepClient } from "@otc-vpcep/client";
import { describe, expect, inject, it } from "vitest";
import { expectSuccess } from "../support/assertions.js";
import { targetClient } from "../support/clients.js";

// A service owner and a consumer in another account, as a user automates them: a service
// that needs approval, a whitelist entry for the consumer's account, the consumer's
// endpoint, the owner's acceptance, tags, paging, and both deleted and waited for until a
// read answers 404. With the client's own waiters and paginators. In `npm test` it runs
// against the emulator; against a real target it needs VPCEP_ALLOW_WRITES=1, the
// settings of the lifecycle test, and a second account: VPCEP_CONSUMER_PROJECT_ID,
// VPCEP_CONSUMER_DOMAIN_ID, VPCEP_CONSUMER_VPC_ID, VPCEP_CONSUMER_SUBNET_ID and
// VPCEP_CONSUMER_TOKEN (or VPCEP_CONSUMER_ACCESS_KEY and VPCEP_CONSUMER_SECRET_KEY).
const target = inject("target");

function whyNot(): string | undefined {
  if (!target.allowWrites) return "writes are off: set VPCEP_ALLOW_WRITES=1 to run them";
  const missing = [...target.missing.infrastructure, ...target.missing.consumer];
  return missing.length === 0 ? undefined : `set ${missing.join(", ")} to run the two-account writes`;
}

async function expectGone(read: () => Promise<{ response: Response }>): Promise<void> {
  const { response } = await read();
  expect(response.status).toBe(404);
}

describe("a service of one account, an endpoint of another (writes)", () => {
  it("approves, whitelists, connects, accepts, tags, pages and deletes, waiting with the client's waiters", { timeout: 1_800_000 }, async (context) => {
    const reason = whyNot();
    if (reason !== undefined) context.skip(reason);
    const infrastructure = target.infrastructure!;
    const consumerAccount = target.consumer!;
    const owner: VpcepClient = targetClient("owner");
    const consumer: VpcepClient = targetClient("consumer");
    const suffix = Date.now().toString(36).slice(-6);
    const label = { key: "created-by", value: `otc-vpcep-conformance-${suffix}` };
    let serviceId: string | undefined;
    let endpointId: string | undefined;
    try {
      // The owner: a service whose connections need approval.
      const created = await owner.createEndpointService({
        port_id: infrastructure.portId,
        vpc_id: infrastructure.vpcId,
        server_type: infrastructure.serverType,
        service_name: `ta${suffix}`,
        approval_enabled: true,
        ports: [{ client_port: 8443, server_port: 443, protocol: "TCP" }],
        tags: [label],
      });
      expectSuccess("createEndpointService", created);
      serviceId = created.data!.id!;
      const { resource: service } = await owner.waitFor.endpointService(serviceId, target.wait);
      expect(service).toMatchObject({ status: "available", approval_enabled: true, vpc_id: infrastructure.vpcId });

      // The consumer finds it by name, but may not connect before the owner whitelists its account.
      const found = await consumer.describeEndpointService({ endpoint_service_name: service.service_name! });
      expectSuccess("describeEndpointService", found);
      expect(found.data?.id).toBe(serviceId);
      const refused = await consumer.createEndpoint({
        endpoint_service_id: serviceId,
        vpc_id: consumerAccount.vpcId,
        subnet_id: consumerAccount.subnetId,
      });
      expect(refused.response.status).toBe(400);
      expect(refused.error).toMatchObject({ error_code: "EndPoint.2012" });

      const permission = `iam:domain::${consumerAccount.domainId}`;
      const whitelisted = await owner.updateServicePermissions(serviceId, { action: "add", permissions: [permission] });
      expectSuccess("updateServicePermissions", whitelisted);
      const permissions = await owner.collectAll.listServicePermissions(serviceId);
      expect(permissions.map((record) => record.permission)).toContain(permission);

      // The consumer's endpoint waits for the owner's approval.
      const endpoint = await consumer.createEndpoint({
        endpoint_service_id: serviceId,
        vpc_id: consumerAccount.vpcId,
        subnet_id: consumerAccount.subnetId,
        enable_dns: true,
      });
      expectSuccess("createEndpoint", endpoint);
      endpointId = endpoint.data!.id!;
      expect(endpointId).not.toBe(serviceId);
      const { resource: pending } = await consumer.waitFor.endpoint(endpointId, { ...target.wait, until: "pendingAcceptance" });
      expect(pending).toMatchObject({ id: endpointId, status: "pendingAcceptance", endpoint_service_id: serviceId });

      // The owner sees the same request among the service's connections, and accepts it.
      const { resource: request } = await owner.waitFor.connection(serviceId, endpointId, { ...target.wait, until: "pendingAcceptance" });
      expect(request).toMatchObject({ id: endpointId, status: "pendingAcceptance", domain_id: consumerAccount.domainId });
      const connections = await owner.collectAll.listServiceConnections(serviceId);
      expect(connections).toContainEqual(expect.objectContaining({ id: endpointId, status: "pendingAcceptance", domain_id: consumerAccount.domainId }));
      const accepted = await owner.acceptOrRejectConnections(serviceId, { action: "receive", endpoints: [endpointId] });
      expectSuccess("acceptOrRejectConnections", accepted);
      expect((await owner.waitFor.connection(serviceId, endpointId, target.wait)).resource).toMatchObject({ id: endpointId, status: "accepted" });
      const { resource: connected } = await consumer.waitFor.endpoint(endpointId, target.wait);
      expect(connected).toMatchObject({ id: endpointId, status: "accepted", vpc_id: consumerAccount.vpcId, subnet_id: consumerAccount.subnetId });

      // Tags: added, read back, found by tag.
      const tagged = await consumer.updateResourceTags("endpoint", endpointId, { action: "create", tags: [label, { key: "env", value: "test" }] });
      expect(tagged.response.ok).toBe(true);
      const read = await consumer.getEndpoint(endpointId);
      expectSuccess("getEndpoint", read);
      expect(read.data?.tags).toEqual(expect.arrayContaining([label, { key: "env", value: "test" }]));
      const byTag = await consumer.listResourcesByTags("endpoint", { action: "filter", tags: [{ key: label.key, values: [label.value] }] });
      expectSuccess("listResourcesByTags", byTag);
      expect(byTag.data?.resources?.map((resource) => resource.resource_id)).toEqual([endpointId]);

      // Paging: the endpoint is on one of the pages, a page at a time.
      const seen: string[] = [];
      for await (const item of consumer.paginate.listEndpoints({ limit: 1 })) seen.push(item.id!);
      expect(seen).toContain(endpointId);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      // A delete that is refused is not waited for: the wait would last until its timeout.
      if (endpointId !== undefined && (await consumer.deleteEndpoint(endpointId)).response.ok) {
        await consumer.waitFor.endpointDeleted(endpointId, target.wait);
      }
      if (serviceId !== undefined && (await owner.deleteEndpointService(serviceId)).response.ok) {
        await owner.waitFor.endpointServiceDeleted(serviceId, target.wait);
      }
    }
    await expectGone(() => consumer.getEndpoint(endpointId!));
    await expectGone(() => owner.getEndpointService(serviceId!));
  });
});
