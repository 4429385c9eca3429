// Exposes two ports of an ECS as a VPC endpoint service.
// The create is asynchronous: the service starts in
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

const { data, error, response } = await vpcep.createEndpointService({
  // the port of the ECS's network interface
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
  server_type: "VM",
  service_type: "interface",
  approval_enabled: false,
  ports: [
    { client_port: 8080, server_port: 90, protocol: "TCP" },
    { client_port: 8081, server_port: 80, protocol: "TCP" },
  ],
});
if (error) {
  console.error(`createEndpointService failed with HTTP ${response.status}:`, error);
  process.exit(1);
}
console.log(`service ${data.id} (${data.service_name}) is ${data.status}`);
