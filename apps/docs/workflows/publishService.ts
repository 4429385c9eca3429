// publishService: create a VPC endpoint service in front of a backend's port and wait until it is
// available, reading it every second as the workflow does.
import { createVpcepClient } from "@otc-vpcep/client";

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

try {
  const { data: created } = await vpcep.createEndpointService({
    port_id: env.VPCEP_PORT_ID ?? "4189d3c2-8882-4871-a3c2-d380272eed88",
    vpc_id: env.VPCEP_VPC_ID ?? "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    server_type: "VM",
    approval_enabled: false,
    ports: [{ client_port: 8080, server_port: 80 }],
  });
  console.log(`created service ${created.id} (${created.status})`);

  const { resource: service, polls } = await vpcep.waitFor.endpointService(created.id!, wait);
  console.log(`service ${service.service_name} is ${service.status} after ${polls} read(s)`);
} catch (error) {
  console.error(`publishService failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
