import { describe, expect, it } from "vitest";
import { apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

describe("describeEndpointService of a service being deleted", () => {
  it("finds it while it is deleting, as getEndpointService does", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    await api.del(`vpc-endpoint-services/${id}`);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("deleting");
    const described = await api.get(`vpc-endpoint-services/describe?id=${id}`);
    expect(described.status).toBe(200);
    expect(described.body["id"]).toBe(id);
  });

  it("answers 404 once it is gone, as getEndpointService does", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    await api.del(`vpc-endpoint-services/${id}`);
    emulator.advance(1000);
    expectError(await api.get(`vpc-endpoint-services/describe?id=${id}`), 404, "EndPoint.0005");
  });
});
