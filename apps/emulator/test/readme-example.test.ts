import { createVpcepClient } from "@otc-vpcep/client";
import { startEmulator, type RunningEmulator } from "@otc-vpcep/emulator";
import { afterEach, beforeEach, expect, it } from "vitest";

let emulator: RunningEmulator;
beforeEach(async () => {
  // reads:1: each pending state is seen by one read, then moves on, so waiters finish at once.
  // strict: every response is checked against the spec. Two projects of two accounts (domains).
  emulator = await startEmulator({ strict: true, transitions: "reads:1", projects: { "owner-project": "ownerdomain", "consumer-project": "consumerdomain" } });
});
afterEach(() => emulator.stop());

it("connects a second account's endpoint once the owner accepts it", async () => {
  const owner = createVpcepClient({ baseUrl: emulator.url, projectId: "owner-project", token: "any", throwOnError: true });
  const consumer = createVpcepClient({ baseUrl: emulator.url, projectId: "consumer-project", token: "any", throwOnError: true });
  const fast = { initialDelayMs: 1, maxDelayMs: 5 };

  const { data: created } = await owner.createEndpointService({
    port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", vpc_id: "my-vpc", server_type: "LB",
    service_name: "billing", ports: [{ client_port: 443, server_port: 8443 }],
  });
  const { resource: service } = await owner.waitFor.endpointService(created.id!, fast);
  await owner.updateServicePermissions(service.id!, { action: "add", permissions: ["iam:domain::consumerdomain"] });

  const { data: endpoint } = await consumer.createEndpoint({ endpoint_service_id: service.id!, vpc_id: "their-vpc", subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
  await consumer.waitFor.endpoint(endpoint.id!, { ...fast, until: "pendingAcceptance" });
  await owner.acceptOrRejectConnections(service.id!, { action: "receive", endpoints: [endpoint.id!] });
  expect((await consumer.waitFor.endpoint(endpoint.id!, fast)).resource.status).toBe("accepted");

  await consumer.updateResourceTags("endpoint", endpoint.id!, { action: "create", tags: [{ key: "env", value: "test" }] });
  expect(await consumer.collectAll.listEndpoints({ limit: 2 })).toHaveLength(1);

  await consumer.deleteEndpoint(endpoint.id!);
  await consumer.waitFor.endpointDeleted(endpoint.id!, fast);
  await owner.deleteEndpointService(service.id!);
  await owner.waitFor.endpointServiceDeleted(service.id!, fast);
});
