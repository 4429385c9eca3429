import { describe, expect, it } from "vitest";
import { OBS_EU_DE, apiOf, availableService, startTestEmulator, type Api, temporaryStateFile } from "./support/emulator.js";

/**
 * Every state the API can produce must load again: as `PUT /_emulator/state` of its own
 * `GET`, and from its own state file at a restart. Each case makes one request with values
 * at the edge of what the spec accepts.
 */
const EDGE_CASES: [string, (api: Api, serviceId: string) => Promise<{ status: number }>][] = [
  ["a service with an empty vpc_id", (api) => api.createService({ vpc_id: "" })],
  ["an endpoint with an empty vpc_id", (api, serviceId) => api.createEndpoint(serviceId, { vpc_id: "" })],
  ["a service with an empty service_name, description and pool_id", (api) => api.createService({ service_name: "", description: "", pool_id: "" })],
  ["a service renamed to an empty service_name", (api, serviceId) => api.put(`vpc-endpoint-services/${serviceId}`, { service_name: "" })],
  ["a tag without a value", (api) => api.createService({ tags: [{ key: "k" }] })],
  ["an endpoint with an empty specification_name and description", (api, serviceId) => api.createEndpoint(serviceId, { specification_name: "", description: "" })],
  ["an endpoint with an empty whitelist, enabled", (api, serviceId) => api.createEndpoint(serviceId, { whitelist: [], enable_whitelist: true })],
  [
    "a gateway endpoint without route tables and a policy statement with a key the spec leaves open",
    (api) => api.post("vpc-endpoints", { endpoint_service_id: OBS_EU_DE, vpc_id: "", routetables: [], policy_statement: [{ Effect: "Deny", Action: [], Resource: [], Sid: "s1" }] }),
  ],
];

describe("every state the API produces loads again", () => {
  it.each(EDGE_CASES)("PUT /_emulator/state takes its own GET after %s", async (_what, request) => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    expect((await request(api, serviceId)).status).toBe(200);
    const state = await fetch(`${emulator.url}/_emulator/state`).then((response) => response.text());
    const put = await fetch(`${emulator.url}/_emulator/state`, { method: "PUT", body: state, headers: { "content-type": "application/json" } });
    expect({ status: put.status, body: await put.text() }).toEqual({ status: 204, body: "" });
  });

  it.each(EDGE_CASES)("a restart loads the state file after %s", async (_what, request) => {
    const file = temporaryStateFile();
    const first = await startTestEmulator({ stateFile: file });
    const api = apiOf(first);
    const serviceId = await availableService(first, api);
    expect((await request(api, serviceId)).status).toBe(200);
    const before = first.snapshot();
    await first.stop();
    const second = await startTestEmulator({ stateFile: file });
    expect(second.snapshot().services).toEqual(before.services);
    expect(second.snapshot().endpoints).toEqual(before.endpoints);
  });
});
