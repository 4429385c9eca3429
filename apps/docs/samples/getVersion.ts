// Reads one version of the VPCEP API. The root of the host
// needs no project and no token.
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

const { data, error, response } = await vpcep.getVersion("v1");
if (error) {
  console.error(`getVersion failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`${data.version.id} is ${data.version.status}`);
