// Reads one of your VPC endpoint services with all its
// settings.
import { createVpcepClient } from "@otc-vpcep/client";

// VPCEP_BASE_URL defaults to the contract mock that
// `npm start` serves. For Open Telekom Cloud, set it to
// https://vpcep.eu-de.otc.t-systems.com (or eu-nl), and
// VPCEP_TOKEN to an IAM token.
const vpcep = createVpcepClient({
  baseUrl: process.env.VPCEP_BASE_URL ?? "http://127.0.0.1:4010",
  projectId: process.env.VPCEP_PROJECT_ID ?? "6e9dfd51d1124e8d8498dce894923a0d",
  token: process.env.VPCEP_TOKEN ?? "any-token-for-the-mock",
});

const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

const { data, error, response } = await vpcep.getEndpointService(serviceId);
if (error) {
  console.error(`getEndpointService failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`${data.service_name} is ${data.status}`);
for (const port of data.ports ?? []) {
  console.log(`  ${port.protocol ?? "TCP"} ${port.client_port} -> ${port.server_port}`);
}
