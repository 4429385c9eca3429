// Connects one of your VPCs to a VPC endpoint service. The
// create is asynchronous: the endpoint starts in
// `creating`; read it until its status changes.
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

const { data, error, response } = await vpcep.createEndpoint({
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
  endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
  enable_dns: true,
  tags: [{ key: "owner", value: "team-a" }],
});
if (error) {
  console.error(`createEndpoint failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`endpoint ${data.id} is ${data.status}`);
