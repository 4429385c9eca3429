// Finds the VPC endpoint services of team A whose names
// contain "billing".
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

const { data, error, response } = await vpcep.listResourcesByTags("endpoint_service", {
  action: "filter",
  tags: [{ key: "owner", values: ["team-a"] }],
  matches: [{ key: "resource_name", value: "billing" }],
  limit: "100", // limit and offset are strings in this body
});
if (error) {
  console.error(`listResourcesByTags failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`${data.total_count} match(es)`);
for (const resource of data.resources ?? []) {
  console.log(`${resource.resource_id}  ${resource.resource_name}`);
}
