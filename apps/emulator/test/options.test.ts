import { describe, expect, it } from "vitest";
import { EmulatorError, derivedDomain, startEmulator } from "../src/index.js";
import { startTestEmulator } from "./support/emulator.js";

describe("options", () => {
  it("rejects a taken port with an EmulatorError whose code is EADDRINUSE", async () => {
    const first = await startTestEmulator();
    const second = startEmulator({ port: first.port });
    await expect(second).rejects.toBeInstanceOf(EmulatorError);
    await expect(second).rejects.toMatchObject({ code: "EADDRINUSE" });
  });

  it("rejects an invalid option, naming it and its rule", async () => {
    await expect(startEmulator({ quotas: { endpoint: -1 } })).rejects.toThrow('Invalid emulator option "quotas.endpoint": must be an integer from 0 to 1000000; got -1');
    await expect(startEmulator({ region: "EU DE" })).rejects.toThrow('Invalid emulator option "region"');
  });

  it("never quotes a secret key in the error about accessKeys", async () => {
    const rejection = startEmulator({ accessKeys: { AK: "" } });
    await expect(rejection).rejects.toThrow('Invalid emulator option "accessKeys": every key and value must be a non-empty string');
    await expect(startEmulator({ accessKeys: { "": "very-secret-value" } })).rejects.not.toThrow(/very-secret-value/);
  });

  it("derives the same 32-hex-digit domain for a project every time", () => {
    expect(derivedDomain("p1")).toMatch(/^[0-9a-f]{32}$/);
    expect(derivedDomain("p1")).toBe(derivedDomain("p1"));
    expect(derivedDomain("p1")).not.toBe(derivedDomain("p2"));
  });
});
