// Looks up a VPC endpoint service, yours or another
// account's, by its full name.
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

const { data, error, response } = await vpcep.describeEndpointService({
  endpoint_service_name: "eu-de.billing.4189d3c2-8882-4871-a3c2-d380272eed83",
});
if (error) {
  console.error(`describeEndpointService failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`${data.service_name}: ${data.service_type} service ${data.id}`);
