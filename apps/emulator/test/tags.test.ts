import { describe, expect, it } from "vitest";
import { apiOf, availableService, expectError, startTestEmulator, type Api } from "./support/emulator.js";

async function taggedEndpoints(api: Api, serviceId: string, tagSets: { key: string; value: string }[][]): Promise<string[]> {
  const ids: string[] = [];
  for (const tags of tagSets) ids.push((await api.createEndpoint(serviceId, { tags })).body["id"] as string);
  return ids;
}

function idsOf(answer: { body: Record<string, unknown> }): string[] {
  return (answer.body["resources"] as { resource_id: string }[]).map((resource) => resource.resource_id).sort();
}

describe("tags", () => {
  it("adds tags to an endpoint with the tags action and reads them back", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createEndpoint(await availableService(emulator, api))).body["id"];
    expect((await api.post(`endpoint/${id}/tags/action`, { action: "create", tags: [{ key: "env", value: "dev" }] })).status).toBe(204);
    expect((await api.get(`vpc-endpoints/${id}`)).body["tags"]).toEqual([{ key: "env", value: "dev" }]);
  });

  it("a create with an existing key replaces its value; a delete by key removes it", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api, { tags: [{ key: "env", value: "dev" }, { key: "team", value: "a" }] });
    await api.post(`endpoint_service/${id}/tags/action`, { action: "create", tags: [{ key: "env", value: "prod" }] });
    await api.post(`endpoint_service/${id}/tags/action`, { action: "delete", tags: [{ key: "team" }] });
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["tags"]).toEqual([{ key: "env", value: "prod" }]);
  });

  it("refuses a 21st tag on a resource: EndPoint.3069", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const tags = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    const id = await availableService(emulator, api, { tags });
    expectError(await api.post(`endpoint_service/${id}/tags/action`, { action: "create", tags: [{ key: "one-more", value: "v" }] }), 400, "EndPoint.3069");
  });

  it("refuses more than 20 tags in a create: EndPoint.3069", async () => {
    const api = apiOf(await startTestEmulator());
    const tags = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expectError(await api.createService({ tags }), 400, "EndPoint.3069");
  });

  it("refuses duplicate keys in a create: EndPoint.3067", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ tags: [{ key: "env", value: "a" }, { key: "env", value: "b" }] }), 400, "EndPoint.3067");
  });

  it("refuses duplicate keys in a tags action: EndPoint.3067", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    const answer = await api.post(`endpoint_service/${id}/tags/action`, { action: "create", tags: [{ key: "env", value: "a" }, { key: "env", value: "b" }] });
    expectError(answer, 400, "EndPoint.3067");
  });

  it("refuses an empty tag key: EndPoint.3066", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ tags: [{ key: "", value: "a" }] }), 400, "EndPoint.3066");
  });

  it("refuses a tag key of characters outside the charset: EndPoint.3068", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ tags: [{ key: "a b", value: "a" }] }), 400, "EndPoint.3068");
  });

  it("refuses an unknown resource type: EndPoint.3070", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("servers/tags"), 400, "EndPoint.3070");
  });

  it("answers 404 EndPoint.0005 for tags of an unknown service", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.post("endpoint_service/nope/tags/action", { action: "create", tags: [{ key: "a", value: "b" }] }), 404, "EndPoint.0005");
  });

  it("filters by tags: every key must match, any of its values, [] for any value", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const [devA, prodA, devB] = await taggedEndpoints(api, serviceId, [
      [{ key: "env", value: "dev" }, { key: "team", value: "a" }],
      [{ key: "env", value: "prod" }, { key: "team", value: "a" }],
      [{ key: "env", value: "dev" }],
    ]);
    const both = await api.post("endpoint/resource_instances/action", { action: "filter", tags: [{ key: "env", values: ["dev", "prod"] }, { key: "team", values: [] }] });
    expect(idsOf(both)).toEqual([devA, prodA].sort());
    const dev = await api.post("endpoint/resource_instances/action", { action: "filter", tags: [{ key: "env", values: ["dev"] }] });
    expect(idsOf(dev)).toEqual([devA, devB].sort());
  });

  it("filters by tags_any: one key matching is enough", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const [a, b] = await taggedEndpoints(api, serviceId, [[{ key: "x", value: "1" }], [{ key: "y", value: "2" }], [{ key: "z", value: "3" }]]);
    const answer = await api.post("endpoint/resource_instances/action", { action: "filter", tags_any: [{ key: "x", values: [] }, { key: "y", values: ["2"] }] });
    expect(idsOf(answer)).toEqual([a, b].sort());
  });

  it("filters by not_tags (not all of them) and not_tags_any (none of them)", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const [xy, x, none] = await taggedEndpoints(api, serviceId, [[{ key: "x", value: "1" }, { key: "y", value: "1" }], [{ key: "x", value: "1" }], []]);
    const notAll = await api.post("endpoint/resource_instances/action", { action: "filter", not_tags: [{ key: "x", values: [] }, { key: "y", values: [] }] });
    expect(idsOf(notAll)).toEqual([x, none].sort());
    const notAny = await api.post("endpoint/resource_instances/action", { action: "filter", not_tags_any: [{ key: "x", values: [] }, { key: "y", values: [] }] });
    expect(idsOf(notAny)).toEqual([none]);
    const all = await api.post("endpoint/resource_instances/action", { action: "filter" });
    expect(idsOf(all)).toEqual([xy, x, none].sort());
  });

  it("filters services by resource_name with matches, fuzzy", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const billing = await availableService(emulator, api, { service_name: "billing" });
    await availableService(emulator, api, { service_name: "orders" });
    const answer = await api.post("endpoint_service/resource_instances/action", { action: "filter", matches: [{ key: "resource_name", value: "BILL" }] });
    expect(idsOf(answer)).toEqual([billing]);
    expect((answer.body["resources"] as { resource_name: string }[])[0]!.resource_name).toBe(`eu-de.billing.${billing}`);
  });

  it("counts with action count, and pages a filter with limit and offset given as strings", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    await taggedEndpoints(api, serviceId, [[{ key: "k", value: "1" }], [{ key: "k", value: "2" }], [{ key: "k", value: "3" }]]);
    expect((await api.post("endpoint/resource_instances/action", { action: "count", tags: [{ key: "k", values: [] }] })).body).toEqual({ total_count: 3 });
    const page = await api.post("endpoint/resource_instances/action", { action: "filter", limit: "2", offset: "2" });
    expect(page.body["total_count"]).toBe(3);
    expect(page.body["resources"]).toHaveLength(1);
  });

  it("refuses a numeric limit in the tag query: it is a string there (EndPoint.0002)", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.post("endpoint/resource_instances/action", { action: "filter", limit: 2 }), 400, "EndPoint.0002");
  });

  it("lists the project's tag keys with their values", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    await taggedEndpoints(api, serviceId, [[{ key: "env", value: "dev" }], [{ key: "env", value: "prod" }, { key: "team", value: "a" }], [{ key: "env", value: "dev" }]]);
    await apiOf(emulator, "other").createEndpoint(serviceId, { tags: [{ key: "secret", value: "x" }] });
    const tags = await api.get("endpoint/tags");
    expect(tags.body).toEqual({ tags: [{ key: "env", values: ["dev", "prod"] }, { key: "team", values: ["a"] }] });
  });
});
