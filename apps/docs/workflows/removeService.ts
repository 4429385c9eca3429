// removeService: delete a VPC endpoint service and wait until reading it answers 404. A service
// that endpoints are connected to refuses (EndPoint.3006): delete or reject them first.
import { createVpcepClient } from "@otc-vpcep/client";

// VPCEP_BASE_URL defaults to the emulator that `npm start` serves. For Open Telekom Cloud, set it
// to https://vpcep.eu-de.otc.t-systems.com (or eu-nl), and VPCEP_TOKEN to an IAM token.
// VPCEP_SERVICE_ID names the service to delete (publishService prints one).
const env = process.env;
const vpcep = createVpcepClient({
  baseUrl: env.VPCEP_BASE_URL ?? "http://127.0.0.1:4011",
  projectId: env.VPCEP_PROJECT_ID ?? "6e9dfd51d1124e8d8498dce894923a0d",
  token: env.VPCEP_TOKEN ?? "any-token-for-the-emulator",
  throwOnError: true,
});
// As the workflow retries: a read every second, 180 at most.
const wait = { initialDelayMs: 1_000, maxDelayMs: 1_000, timeoutMs: 180_000 };

const serviceId = env.VPCEP_SERVICE_ID;
if (serviceId === undefined || serviceId === "") {
  console.error("removeService: set VPCEP_SERVICE_ID to the service to delete");
  process.exit(1);
}

try {
  const { response } = await vpcep.deleteEndpointService(serviceId);
  console.log(`deleting service ${serviceId} (HTTP ${response.status})`);

  const { polls, states } = await vpcep.waitFor.endpointServiceDeleted(serviceId, wait);
  console.log(`service ${serviceId} is gone after ${polls} read(s): ${states.join(" -> ")}`);
} catch (error) {
  console.error(`removeService failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
