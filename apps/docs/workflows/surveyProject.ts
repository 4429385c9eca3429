// surveyProject: read the API's versions, the project's quotas and the first page of its services,
// of the public services and of its endpoints, each with its total. It changes nothing.
import { createVpcepClient } from "@otc-vpcep/client";

// VPCEP_BASE_URL defaults to the emulator that `npm start` serves. For Open Telekom Cloud, set it
// to https://vpcep.eu-de.otc.t-systems.com (or eu-nl), and VPCEP_TOKEN to an IAM token.
const env = process.env;
const vpcep = createVpcepClient({
  baseUrl: env.VPCEP_BASE_URL ?? "http://127.0.0.1:4011",
  projectId: env.VPCEP_PROJECT_ID ?? "6e9dfd51d1124e8d8498dce894923a0d",
  token: env.VPCEP_TOKEN ?? "any-token-for-the-emulator",
  throwOnError: true,
});

try {
  const { data: versions } = await vpcep.listVersions();
  console.log(`versions: ${versions.versions.map((version) => `${version.id} (${version.status})`).join(", ")}`);

  const { data: quotas } = await vpcep.getQuotas();
  for (const quota of quotas.quotas.resources) console.log(`quota ${quota.type}: ${quota.used} of ${quota.quota} used`);

  const { data: services } = await vpcep.listEndpointServices({ limit: 10 });
  console.log(`services: ${services.endpoint_services.length} of ${services.total_count}`);
  const { data: publicServices } = await vpcep.listPublicEndpointServices({ limit: 10 });
  console.log(`public services: ${publicServices.endpoint_services.length} of ${publicServices.total_count}`);
  const { data: endpoints } = await vpcep.listEndpoints({ limit: 10 });
  console.log(`endpoints: ${endpoints.endpoints.length} of ${endpoints.total_count}`);
} catch (error) {
  console.error(`surveyProject failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
