import { describe, expect, it } from "vitest";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

describe("transition modes", () => {
  it("immediate: the create answers creating, the next read sees available", async () => {
    const emulator = await startTestEmulator({ transitions: "immediate" });
    const api = apiOf(emulator);
    const created = await api.createService();
    expect(created.body["status"]).toBe("creating");
    expect((await api.get(`vpc-endpoint-services/${created.body["id"]}`)).body["status"]).toBe("available");
  });

  it("reads:2: two reads see creating, the third sees available", async () => {
    const emulator = await startTestEmulator({ transitions: "reads:2" });
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await api.get(`vpc-endpoint-services/${id}`)).body["status"]);
    expect(seen).toEqual(["creating", "creating", "available"]);
  });

  it("reads:N counts a list that returns the resource as a read", async () => {
    const emulator = await startTestEmulator({ transitions: "reads:1" });
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    expect((await api.get("vpc-endpoint-services")).body["endpoint_services"]).toMatchObject([{ status: "creating" }]);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });

  it("reads:N counts a page of a service's connections as a read of the endpoints it returns", async () => {
    const emulator = await startTestEmulator({ transitions: "immediate" });
    const api = apiOf(emulator);
    const serviceId = (await api.createService()).body["id"] as string;
    emulator.setTransitions("reads:1");
    await api.createEndpoint(serviceId);
    expect((await api.get(`vpc-endpoint-services/${serviceId}/connections`)).body["connections"]).toMatchObject([{ status: "creating" }]);
    expect((await api.get(`vpc-endpoint-services/${serviceId}/connections`)).body["connections"]).toMatchObject([{ status: "pendingAcceptance" }]);
  });

  it("reads:N does not count a connection that a page of connections leaves out", async () => {
    const emulator = await startTestEmulator({ transitions: "immediate" });
    const api = apiOf(emulator);
    const serviceId = (await api.createService()).body["id"] as string;
    emulator.setTransitions("reads:1");
    const endpointId = (await api.createEndpoint(serviceId)).body["id"] as string;
    await api.get(`vpc-endpoint-services/${serviceId}/connections?limit=0`);
    expect((await api.get(`vpc-endpoints/${endpointId}`)).body["status"]).toBe("creating");
  });

  it("ms:N: the transition completes when N ms of emulator time have passed, not before", async () => {
    const emulator = await startTestEmulator({ transitions: "ms:5000" });
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    emulator.advance(4999);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("creating");
    emulator.advance(1);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });

  it("the manual clock does not move by itself", async () => {
    const emulator = await startTestEmulator({ startTime: "2030-01-01T00:00:00Z" });
    const created = await apiOf(emulator).createService();
    expect(created.body["created_at"]).toBe("2030-01-01T00:00:00Z");
    expect(emulator.now().toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("setTransitions applies to transitions scheduled afterwards", async () => {
    const emulator = await startTestEmulator({ transitions: "ms:60000" });
    const api = apiOf(emulator);
    const slow = (await api.createService()).body["id"];
    emulator.setTransitions("immediate");
    const fast = (await api.createService()).body["id"];
    expect((await api.get(`vpc-endpoint-services/${fast}`)).body["status"]).toBe("available");
    expect((await api.get(`vpc-endpoint-services/${slow}`)).body["status"]).toBe("creating");
  });

  it("a delete in reads mode answers deleting for N reads, then 404", async () => {
    const emulator = await startTestEmulator({ transitions: "reads:1" });
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    await api.get(`vpc-endpoint-services/${id}`);
    await api.del(`vpc-endpoint-services/${id}`);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("deleting");
    expectError(await api.get(`vpc-endpoint-services/${id}`), 404, "EndPoint.0005");
  });

  it("refuses an invalid transition mode, naming the forms", async () => {
    await expect(startTestEmulator({ transitions: "sometimes" })).rejects.toThrow('"immediate", "reads:N" or "ms:N"');
  });
});
