import { describe, expect, it } from "vitest";
import { apiOf, startTestEmulator } from "./support/emulator.js";

describe("an error fault's retryAfter", () => {
  it("is refused above one day (86400 s), naming the field and the bound", async () => {
    const emulator = await startTestEmulator();
    expect(() => emulator.inject({ kind: "error", operationId: "getQuotas", status: 503, retryAfter: 1e21 })).toThrow('"retryAfter" must be a whole number of seconds from 0 to 86400');
  });

  it("is taken at one day", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "error", operationId: "getQuotas", status: 503, retryAfter: 86400 });
    expect((await apiOf(emulator).get("quotas")).headers.get("retry-after")).toBe("86400");
  });
});
