// connectWithApproval: the owner publishes a service that needs approval and whitelists the
// consumer's account; the consumer, in another account, creates an endpoint to it, which waits for
// approval; the owner finds the request among the service's connections and accepts it; the
// endpoint becomes accepted.
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
  const { resource: pending } = await consumer.waitFor.endpoint(endpointId, { ...wait, until: "pendingAcceptance" });
  console.log(`the consumer's endpoint ${endpointId} is ${pending.status}`);

  const { resource: request } = await owner.waitFor.connection(serviceId, endpointId, { ...wait, until: "pendingAcceptance" });
  console.log(`the owner sees the request of account ${request.domain_id}: ${request.status}`);
  await owner.acceptOrRejectConnections(serviceId, { action: "receive", endpoints: [endpointId] });

  const { resource: accepted, polls } = await consumer.waitFor.endpoint(endpointId, wait);
  console.log(`the consumer's endpoint ${endpointId} is ${accepted.status} after ${polls} read(s)`);
} catch (error) {
  console.error(`connectWithApproval failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
