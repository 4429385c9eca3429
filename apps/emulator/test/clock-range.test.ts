import { describe, expect, it } from "vitest";
import { apiOf, startTestEmulator } from "./support/emulator.js";

async function control(url: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${url}/_emulator${path}`, { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

describe("the clock stays within the range of a Date", () => {
  it("POST /_emulator/clock refuses an advance past it, naming the field and the rule", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "POST", "/clock", { advanceMs: 1e308 });
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/"advanceMs".*8\.64e15/);
  });

  it("POST /_emulator/clock leaves the clock where it was when it refuses an advance", async () => {
    const emulator = await startTestEmulator();
    const before = emulator.now().getTime();
    await control(emulator.url, "POST", "/clock", { advanceMs: 1e308 });
    expect(emulator.now().getTime()).toBe(before);
    expect((await apiOf(emulator).get("quotas")).status).toBe(200);
  });

  it("POST /_emulator/clock changes nothing when one of its fields is refused", async () => {
    const emulator = await startTestEmulator();
    await control(emulator.url, "POST", "/clock", { transitions: "reads:3", advanceMs: 1e308 });
    expect(((await fetch(`${emulator.url}/_emulator/clock`).then((r) => r.json())) as Record<string, unknown>)["transitions"]).toBe("ms:1000");
  });

  it("advance() refuses an advance past it and leaves the clock as it was", async () => {
    const emulator = await startTestEmulator();
    const before = emulator.now().getTime();
    expect(() => emulator.advance(1e308)).toThrow(/8\.64e15/);
    expect(emulator.now().getTime()).toBe(before);
  });

  it("PUT /_emulator/state refuses a clockMs outside it, naming the field", async () => {
    const emulator = await startTestEmulator();
    const state = { ...emulator.snapshot(), clockMs: 1e300 };
    const answer = await control(emulator.url, "PUT", "/state", state);
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/clockMs.*8\.64e15/);
    expect(Number.isFinite(emulator.now().getTime())).toBe(true);
  });
});
