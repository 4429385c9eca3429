/** Quotas: what each account (domain) may create in the region, and what it uses (resources not yet gone), from any of its projects. */
import type { Handler, Reply } from "../world.js";

export const getQuotas: Handler = (world, call): Reply => {
  const count = (records: Iterable<{ project_id: string }>) => {
    let used = 0;
    for (const record of records) if (world.domainOf(record.project_id) === call.domainId) used++;
    return used;
  };
  const resources = [
    { type: "endpoint_service", used: count(world.store.services.values()), quota: world.quotas.endpoint_service },
    { type: "endpoint", used: count(world.store.endpoints.values()), quota: world.quotas.endpoint },
  ].filter((resource) => call.query["type"] === undefined || resource.type === call.query["type"]);
  return { status: 200, body: { quotas: { resources } } };
};
