import { describe, expect, it } from "vitest";
import { apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

const domains = (from: number, count: number) => Array.from({ length: count }, (_, index) => `iam:domain::d${from + index}`);

describe("a service's whitelist holds at most 500 records", () => {
  it("refuses an add past 500 records with EndPoint.3049", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    expect((await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: domains(0, 500) })).status).toBe(200);
    const answer = await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: domains(500, 1) });
    expectError(answer, 400, "EndPoint.3049");
    expect(answer.body["error_msg"]).toContain("at most 500");
  });

  it("adds nothing of a refused add", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: domains(0, 499) });
    await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: domains(499, 2) });
    expect(emulator.snapshot().services[0]!.permissions).toHaveLength(499);
  });

  it("does not count records that are already on it", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: domains(0, 500) });
    expect((await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: domains(0, 1) })).status).toBe(200);
  });
});
