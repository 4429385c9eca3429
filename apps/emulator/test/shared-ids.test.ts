import { describe, expect, it } from "vitest";
import { apiOf, availableService, startTestEmulator } from "./support/emulator.js";

// A restored state may give a service and an endpoint the same id (the spec's examples
// do, and the docs' state follows them): they are two resources, whose lifecycles must
// not touch each other.
async function serviceAndEndpointSharingAnId() {
  const source = await startTestEmulator({ transitions: "immediate" });
  const api = apiOf(source);
  const serviceId = await availableService(source, api, { approval_enabled: false });
  const endpoint = await api.createEndpoint(serviceId);
  const endpointId = endpoint.body["id"] as string;
  await api.get(`vpc-endpoints/${endpointId}`);
  const state = JSON.parse(JSON.stringify(source.snapshot()).replaceAll(endpointId, serviceId)) as ReturnType<typeof source.snapshot>;
  const emulator = await startTestEmulator({ transitions: "immediate" });
  emulator.restore(state);
  return { emulator, api: apiOf(emulator), id: serviceId };
}

describe("a service and an endpoint with the same id", () => {
  it("deleting the endpoint removes the endpoint only: the service stays", async () => {
    const { api, id } = await serviceAndEndpointSharingAnId();
    expect((await api.del(`vpc-endpoints/${id}`)).status).toBe(204);
    expect((await api.get(`vpc-endpoints/${id}`)).status).toBe(404);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body).toMatchObject({ id, status: "available" });
  });

  it("the endpoint's pending delete completes, rather than staying deleting", async () => {
    const { emulator, api, id } = await serviceAndEndpointSharingAnId();
    emulator.setTransitions("reads:1");
    await api.del(`vpc-endpoints/${id}`);
    expect((await api.get(`vpc-endpoints/${id}`)).body["status"]).toBe("deleting");
    expect((await api.get(`vpc-endpoints/${id}`)).status).toBe(404);
  });
});
