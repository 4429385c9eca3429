import { describe, expect, it } from "vitest";
import { apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

// Quotas are per account (domain) and region (reference §6): two projects of one account share them.
const ONE_ACCOUNT = { "project-a": "shareddomain", "project-b": "shareddomain" };

describe("quotas per account", () => {
  it("counts a service of another project of the same account against the quota", async () => {
    const emulator = await startTestEmulator({ projects: ONE_ACCOUNT, quotas: { endpoint_service: 1 } });
    expect((await apiOf(emulator, "project-a").createService()).status).toBe(200);
    expectError(await apiOf(emulator, "project-b").createService(), 400, "Endpoint.1018");
  });

  it("counts an endpoint of another project of the same account against the quota", async () => {
    const emulator = await startTestEmulator({ projects: ONE_ACCOUNT, quotas: { endpoint: 1 } });
    const a = apiOf(emulator, "project-a");
    const serviceId = await availableService(emulator, a);
    expect((await a.createEndpoint(serviceId)).status).toBe(200);
    expectError(await apiOf(emulator, "project-b").createEndpoint(serviceId), 400, "Endpoint.1018");
  });

  it("getQuotas reports what the whole account uses", async () => {
    const emulator = await startTestEmulator({ projects: ONE_ACCOUNT });
    await apiOf(emulator, "project-a").createService();
    const quotas = await apiOf(emulator, "project-b").get("quotas?type=endpoint_service");
    expect(quotas.body).toEqual({ quotas: { resources: [{ type: "endpoint_service", used: 1, quota: 20 }] } });
  });

  it("does not count another account's resources", async () => {
    const emulator = await startTestEmulator({ quotas: { endpoint_service: 1 } });
    expect((await apiOf(emulator, "project-a").createService()).status).toBe(200);
    expect((await apiOf(emulator, "project-b").createService()).status).toBe(200);
  });
});
