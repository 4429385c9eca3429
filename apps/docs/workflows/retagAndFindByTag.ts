// retagAndFindByTag: tag a new service, find it among the project's services by that tag, take the
// tag off, see that the search finds nothing, then remove the service. The search counts every
// service of the project with the tag: give one that no other service has (by default, a value of
// this run only).
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
const key = env.VPCEP_TAG_KEY ?? "otc-vpcep-workflow";
const value = env.VPCEP_TAG_VALUE ?? `retag-${Date.now().toString(36)}`;
const byTag = { action: "filter" as const, tags: [{ key, values: [value] }] };

try {
  const { data: service } = await vpcep.createEndpointService({
    port_id: env.VPCEP_PORT_ID ?? "4189d3c2-8882-4871-a3c2-d380272eed88",
    vpc_id: env.VPCEP_VPC_ID ?? "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    server_type: "VM",
    approval_enabled: false,
    ports: [{ client_port: 8080, server_port: 80 }],
  });
  const serviceId = service.id!;
  await vpcep.waitFor.endpointService(serviceId, wait);
  console.log(`service ${serviceId} is available`);

  await vpcep.updateResourceTags("endpoint_service", serviceId, { action: "create", tags: [{ key, value }] });
  const { data: tagged } = await vpcep.listResourcesByTags("endpoint_service", byTag);
  if (tagged.total_count !== 1) throw new Error(`the tag ${key}=${value} finds ${tagged.total_count} services, not 1`);
  console.log(`the tag ${key}=${value} finds ${(tagged.resources ?? []).map((resource) => resource.resource_id).join(", ")}`);

  await vpcep.updateResourceTags("endpoint_service", serviceId, { action: "delete", tags: [{ key }] });
  const { data: untagged } = await vpcep.listResourcesByTags("endpoint_service", byTag);
  if (untagged.total_count !== 0) throw new Error(`the tag ${key}=${value} still finds ${untagged.total_count} services`);
  console.log(`without the tag, it finds ${untagged.total_count} services`);

  await vpcep.deleteEndpointService(serviceId);
  await vpcep.waitFor.endpointServiceDeleted(serviceId, wait);
  console.log(`service ${serviceId} is gone`);
} catch (error) {
  console.error(`retagAndFindByTag failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
