// tearDownServiceWithConnections: connect an endpoint to a new service, then remove both in the
// order the service requires: while the endpoint is connected, deleting the service is refused
// with EndPoint.3006; the endpoint goes first, and each delete is waited for until 404.
import { createVpcepClient, VpcepApiError } from "@otc-vpcep/client";

// VPCEP_BASE_URL defaults to the emulator that `npm start` serves. For Open Telekom Cloud, set it
// to https://vpcep.eu-de.otc.t-systems.com (or eu-nl), VPCEP_TOKEN to an IAM token, and the IDs to
// your project's resources.
const env = process.env;
const vpcep = createVpcepClient({
  baseUrl: env.VPCEP_BASE_URL ?? "http://127.0.0.1:4011",
  projectId: env.VPCEP_PROJECT_ID ?? "6e9dfd51d1124e8d8498dce894923a0d",
  token: env.VPCEP_TOKEN ?? "any-token-for-the-emulator",
  throwOnError: true,
});
// As the workflow retries: a read every second, 180 at most.
const wait = { initialDelayMs: 1_000, maxDelayMs: 1_000, timeoutMs: 180_000 };
const vpcId = env.VPCEP_VPC_ID ?? "84758cf5-9c62-43ae-a778-3dbd8370c0a4";

try {
  const { data: service } = await vpcep.createEndpointService({
    port_id: env.VPCEP_PORT_ID ?? "4189d3c2-8882-4871-a3c2-d380272eed88",
    vpc_id: vpcId,
    server_type: "VM",
    approval_enabled: false,
    ports: [{ client_port: 8080, server_port: 80 }],
  });
  const serviceId = service.id!;
  await vpcep.waitFor.endpointService(serviceId, wait);
  console.log(`service ${serviceId} is available`);

  const { data: endpoint } = await vpcep.createEndpoint({
    endpoint_service_id: serviceId,
    vpc_id: vpcId,
    subnet_id: env.VPCEP_SUBNET_ID ?? "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
  });
  const endpointId = endpoint.id!;
  await vpcep.waitFor.endpoint(endpointId, wait);
  console.log(`endpoint ${endpointId} is accepted`);

  try {
    await vpcep.deleteEndpointService(serviceId);
    throw new Error(`service ${serviceId} was deleted although endpoint ${endpointId} is connected to it`);
  } catch (error) {
    if (!(error instanceof VpcepApiError && error.status === 400 && error.code === "EndPoint.3006")) throw error;
    console.log(`deleting the service is refused while the endpoint is connected (${error.code})`);
  }

  await vpcep.deleteEndpoint(endpointId);
  await vpcep.waitFor.endpointDeleted(endpointId, wait);
  console.log(`endpoint ${endpointId} is gone`);
  await vpcep.deleteEndpointService(serviceId);
  await vpcep.waitFor.endpointServiceDeleted(serviceId, wait);
  console.log(`service ${serviceId} is gone`);
} catch (error) {
  console.error(`tearDownServiceWithConnections failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
