// rejectAndCleanUp: as far as the consumer's request to connect (as in connectWithApproval), then
// the owner rejects it; the consumer deletes its rejected endpoint, then the owner the service,
// each waiting until reading it answers 404. Nothing is left.
import { createVpcepClient } from "@otc-vpcep/client";

// VPCEP_BASE_URL defaults to the emulator that `npm start` serves. For Open Telekom Cloud, set it
// to https://vpcep.eu-de.otc.t-systems.com (or eu-nl), the tokens to IAM tokens, and the IDs to
// the resources of the two projects. The consumer's account defaults to the one `npm start`'s
// emulator gives the consumer's default project.
const env = process.env;
const baseUrl = env.VPCEP_BASE_URL ?? "http://127.0.0.1:4011";
const owner = createVpcepClient({
  baseUrl,
  projectId: env.VPCEP_PROJECT_ID ?? "6e9dfd51d1124e8d8498dce894923a0d",
  token: env.VPCEP_TOKEN ?? "any-token-for-the-emulator",
  throwOnError: true,
});
const consumer = createVpcepClient({
  baseUrl,
  projectId: env.VPCEP_CONSUMER_PROJECT_ID ?? "0c5e8f2a9b7d4e61a3f0b2c4d6e8f0a1",
  token: env.VPCEP_CONSUMER_TOKEN ?? "any-token-for-the-emulator",
  throwOnError: true,
});
const consumerDomain = env.VPCEP_CONSUMER_DOMAIN_ID ?? "dec65c5850ed0a92df57169c07a09d72";
// As the workflow retries: a read every second, 180 at most.
const wait = { initialDelayMs: 1_000, maxDelayMs: 1_000, timeoutMs: 180_000 };

try {
  const { data: service } = await owner.createEndpointService({
    port_id: env.VPCEP_PORT_ID ?? "4189d3c2-8882-4871-a3c2-d380272eed88",
    vpc_id: env.VPCEP_VPC_ID ?? "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    server_type: "VM",
    approval_enabled: true,
    ports: [{ client_port: 8080, server_port: 80 }],
  });
  const serviceId = service.id!;
  await owner.waitFor.endpointService(serviceId, wait);
  await owner.updateServicePermissions(serviceId, { action: "add", permissions: [`iam:domain::${consumerDomain}`] });
  console.log(`service ${serviceId} is available, and account ${consumerDomain} may connect`);

  const { data: endpoint } = await consumer.createEndpoint({
    endpoint_service_id: serviceId,
    vpc_id: env.VPCEP_CONSUMER_VPC_ID ?? "5d1e8b70-2a34-4c6f-9e1a-7b3c2d4e5f60",
    subnet_id: env.VPCEP_CONSUMER_SUBNET_ID ?? "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
  });
  const endpointId = endpoint.id!;
  await consumer.waitFor.endpoint(endpointId, { ...wait, until: "pendingAcceptance" });
  await owner.waitFor.connection(serviceId, endpointId, { ...wait, until: "pendingAcceptance" });
  console.log(`the consumer's endpoint ${endpointId} asks to connect`);

  await owner.acceptOrRejectConnections(serviceId, { action: "reject", endpoints: [endpointId] });
  await consumer.waitFor.endpoint(endpointId, { ...wait, until: "rejected" });
  console.log(`the owner rejected endpoint ${endpointId}`);

  await consumer.deleteEndpoint(endpointId);
  await consumer.waitFor.endpointDeleted(endpointId, wait);
  console.log(`the consumer's endpoint ${endpointId} is gone`);
  await owner.deleteEndpointService(serviceId);
  await owner.waitFor.endpointServiceDeleted(serviceId, wait);
  console.log(`service ${serviceId} is gone`);
} catch (error) {
  console.error(`rejectAndCleanUp failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
