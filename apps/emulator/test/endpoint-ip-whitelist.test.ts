import { describe, expect, it } from "vitest";
import { apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

const addresses = (count: number) => Array.from({ length: count }, (_, index) => `10.0.${index >> 8}.${index & 255}`);

describe("an endpoint's IP whitelist holds at most 32 entries", () => {
  it("takes 32 entries", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const created = await api.createEndpoint(await availableService(emulator, api), { whitelist: addresses(32) });
    expect(created.status).toBe(200);
    expect(created.body["whitelist"]).toHaveLength(32);
  });

  it("refuses a 33rd entry with EndPoint.2045, naming the field and the limit", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const refused = await api.createEndpoint(await availableService(emulator, api), { whitelist: addresses(33) });
    expectError(refused, 400, "EndPoint.2045");
    expect(refused.body["error_msg"]).toMatch(/"whitelist".*33.*at most 32/);
  });

  it("creates nothing when it refuses a whitelist", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    await api.createEndpoint(await availableService(emulator, api), { whitelist: addresses(50_000) });
    expect(emulator.snapshot().endpoints).toEqual([]);
  });
});
