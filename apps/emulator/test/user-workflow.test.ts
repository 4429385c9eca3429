// Written as a user of the kit would write it: the client's own waiters and paginators
// against startEmulator(), no sleeps (each read moves a pending state on: reads:1).
import { createVpcepClient } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "./support/emulator.js";

const OWNER_PROJECT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const CONSUMER_PROJECT = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const FAST = { initialDelayMs: 1, maxDelayMs: 5, timeoutMs: 10_000 };

describe("a service with approval, whitelisted for a second account, from create to delete", () => {
  it("creates, whitelists, connects, accepts, tags, pages and deletes, waiting with the client's waiters", async () => {
    const emulator = await startTestEmulator({
      transitions: "reads:1",
      projects: { [OWNER_PROJECT]: "ownerdomain", [CONSUMER_PROJECT]: "consumerdomain" },
    });
    const owner = createVpcepClient({ baseUrl: emulator.url, projectId: OWNER_PROJECT, token: "owner-token", throwOnError: true });
    const consumer = createVpcepClient({ baseUrl: emulator.url, projectId: CONSUMER_PROJECT, token: "consumer-token", throwOnError: true });

    // The owner publishes a service that needs approval, and whitelists the consumer's account.
    const { data: created } = await owner.createEndpointService({
      port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
      vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
      server_type: "LB",
      service_name: "billing",
      approval_enabled: true,
      ports: [{ client_port: 443, server_port: 8443, protocol: "TCP" }],
    });
    expect(created.status).toBe("creating");
    const { resource: service } = await owner.waitFor.endpointService(created.id!, FAST);
    expect(service).toMatchObject({ status: "available", service_name: `eu-de.billing.${created.id}`, approval_enabled: true });
    await owner.updateServicePermissions(service.id!, { action: "add", permissions: ["iam:domain::consumerdomain"] });

    // The consumer finds it by name and connects; the connection waits for the owner.
    const { data: found } = await consumer.describeEndpointService({ endpoint_service_name: service.service_name! });
    const { data: endpoint } = await consumer.createEndpoint({
      endpoint_service_id: found.id!,
      vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
      subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
      enable_dns: true,
    });
    expect(endpoint.id).not.toBe(service.id);
    const { resource: pending, states } = await consumer.waitFor.endpoint(endpoint.id!, { ...FAST, until: "pendingAcceptance" });
    expect(states).toEqual(["creating", "pendingAcceptance"]);
    expect(pending.status).toBe("pendingAcceptance");
    expect(BigInt(pending.marker_id!)).toBeGreaterThan(2n ** 53n);

    // The owner sees the connection, from the consumer's account, and accepts it.
    const connections = await owner.collectAll.listServiceConnections(service.id!, { status: "pendingAcceptance" });
    expect(connections).toMatchObject([{ id: endpoint.id, domain_id: "consumerdomain", marker_id: pending.marker_id }]);
    await owner.acceptOrRejectConnections(service.id!, { action: "receive", endpoints: [endpoint.id!] });
    const { resource: accepted } = await consumer.waitFor.endpoint(endpoint.id!, FAST);
    expect(accepted.status).toBe("accepted");
    expect(accepted.ip).toMatch(/^192\.168\./);

    // The consumer tags it and finds it by the tag.
    await consumer.updateResourceTags("endpoint", endpoint.id!, { action: "create", tags: [{ key: "env", value: "test" }] });
    const { data: byTag } = await consumer.listResourcesByTags("endpoint", { action: "filter", tags: [{ key: "env", values: ["test"] }] });
    expect(byTag.resources?.map((resource) => resource.resource_id)).toEqual([endpoint.id]);

    // More endpoints (to the public OBS service), then page through all of them, two by two.
    const obs = await consumer.collectAll.listPublicEndpointServices({ endpoint_service_name: "eu-de.obs" });
    const gateways: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await consumer.createEndpoint({ endpoint_service_id: obs[0]!.id!, vpc_id: `vpc-${i}` });
      gateways.push(data.id!);
    }
    const seen: string[] = [];
    for await (const item of consumer.paginate.listEndpoints({ limit: 2 })) seen.push(item.id!);
    expect(seen.sort()).toEqual([endpoint.id!, ...gateways].sort());

    // Delete everything and wait for the 404s.
    for (const id of [endpoint.id!, ...gateways]) await consumer.deleteEndpoint(id);
    for (const id of [endpoint.id!, ...gateways]) await consumer.waitFor.endpointDeleted(id, FAST);
    await owner.deleteEndpointService(service.id!);
    await owner.waitFor.endpointServiceDeleted(service.id!, FAST);
    expect(await consumer.collectAll.listEndpoints()).toEqual([]);
    expect(await owner.collectAll.listEndpointServices()).toEqual([]);
  });
});
