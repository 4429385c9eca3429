// Lists the first page of your VPC endpoints in one VPC,
// newest first.
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

const { data, error, response } = await vpcep.listEndpoints({
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  limit: 10,
  offset: 0,
});
if (error) {
  console.error(`listEndpoints failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`${data.endpoints.length} of ${data.total_count} endpoints`);
for (const endpoint of data.endpoints) {
  console.log(`${endpoint.id}  ${endpoint.status}  ${endpoint.endpoint_service_name}`);
}
