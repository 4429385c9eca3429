import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { timestamp } from "../src/clock.js";
import { startEmulator } from "../src/index.js";
import { apiOf, startTestEmulator, temporaryStateFile } from "./support/emulator.js";

async function control(url: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${url}/_emulator${path}`, { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

/** 9999-01-01T00:00:00Z: the latest time the clock may be set or advanced to. */
const LATEST = Date.parse("9999-01-01T00:00:00Z");
/** The last millisecond of the year 9999, the last a four-digit timestamp can show. */
const END_OF_9999 = Date.parse("9999-12-31T23:59:59.999Z");

describe("the clock stays within the years 0000 to 9999", () => {
  it("POST /_emulator/clock refuses an advance past 9999-01-01, naming the field and the rule", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "POST", "/clock", { advanceMs: LATEST - emulator.now().getTime() + 1 });
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/"advanceMs".*9999-01-01T00:00:00Z/);
  });

  it("POST /_emulator/clock takes an advance to 9999-01-01 exactly", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "POST", "/clock", { advanceMs: LATEST - emulator.now().getTime() });
    expect(answer.status).toBe(200);
    expect(answer.body?.["now"]).toBe("9999-01-01T00:00:00.000Z");
  });

  it("the real clock, refused an advance to the edge of a Date's range, keeps answering every request", async () => {
    const emulator = await startTestEmulator({ clock: "real", transitions: "immediate" });
    const answer = await control(emulator.url, "POST", "/clock", { advanceMs: 8.64e15 - Date.now() - 200 });
    expect(answer.status).toBe(400);
    expect((await apiOf(emulator).createService()).status).toBe(200);
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

  it("advance() refuses an advance past 9999-01-01 and leaves the clock as it was", async () => {
    const emulator = await startTestEmulator();
    const before = emulator.now().getTime();
    expect(() => emulator.advance(LATEST - before + 1)).toThrow(/9999-01-01T00:00:00Z/);
    expect(emulator.now().getTime()).toBe(before);
  });

  it("refuses a startTime past 9999-01-01, naming the option", async () => {
    await expect(startEmulator({ clock: "manual", startTime: "9999-12-31T23:59:59Z" })).rejects.toThrow(/"startTime".*9999-01-01T00:00:00Z/);
  });

  it("refuses a startTime before the year 0000, naming the option", async () => {
    await expect(startEmulator({ clock: "manual", startTime: Date.parse("0000-01-01T00:00:00Z") - 1 })).rejects.toThrow(/"startTime".*0000-01-01T00:00:00Z/);
  });

  it("PUT /_emulator/state refuses a clockMs outside the range, naming the field", async () => {
    const emulator = await startTestEmulator();
    const state = { ...emulator.snapshot(), clockMs: 1e300 };
    const answer = await control(emulator.url, "PUT", "/state", state);
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/"clockMs" 1e\+300 .*rule: a state's clock is from 0000-01-01T00:00:00Z to the end of 9999/);
    expect(Number.isFinite(emulator.now().getTime())).toBe(true);
  });

  it("PUT /_emulator/state refuses a manual clockMs past the end of 9999, naming the field and the rule", async () => {
    const emulator = await startTestEmulator();
    const before = emulator.now().getTime();
    const answer = await control(emulator.url, "PUT", "/state", { ...emulator.snapshot(), clockMs: END_OF_9999 + 1 });
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/"clockMs" 253402300800000 .*rule: a state's clock is from 0000-01-01T00:00:00Z to the end of 9999/);
    expect(emulator.now().getTime()).toBe(before);
  });

  it("PUT /_emulator/state refuses an offsetMs that puts the real clock before the year 0000, naming the field and the rule", async () => {
    const emulator = await startTestEmulator({ clock: "real" });
    const state = { ...emulator.snapshot(), offsetMs: Date.parse("0000-01-01T00:00:00Z") - 3600_000 - Date.now() };
    const answer = await control(emulator.url, "PUT", "/state", state);
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/"offsetMs" .*real clock.*rule: a state's clock is from 0000-01-01T00:00:00Z/);
  });

  it("stops a real clock at the end of 9999, so that the states it makes there load again", async () => {
    const file = temporaryStateFile();
    const first = await startTestEmulator({ clock: "real", stateFile: file });
    // Within the year 9999, past the latest time advance() may set: as if it ran on from there for most of a year.
    const answer = await control(first.url, "PUT", "/state", { ...first.snapshot(), offsetMs: END_OF_9999 + 3600_000 - Date.now() });
    expect(answer.status).toBe(204);
    expect(first.now().getTime()).toBe(END_OF_9999);
    expect((await apiOf(first).createService()).status).toBe(200);
    const own = first.snapshot();
    expect((await control(first.url, "PUT", "/state", own)).status).toBe(204);
    await first.stop();
    const second = await startTestEmulator({ clock: "real", stateFile: file });
    expect([second.now().getTime(), second.snapshot().services.length]).toEqual([END_OF_9999, 1]);
  });

  it("refuses at start a state file whose clockMs is past the end of 9999, naming the field", async () => {
    const file = temporaryStateFile();
    const first = await startTestEmulator({ stateFile: file });
    const state = first.snapshot();
    await first.stop();
    writeFileSync(file, JSON.stringify({ ...state, clockMs: END_OF_9999 + 1 }));
    await expect(startEmulator({ clock: "manual", stateFile: file })).rejects.toMatchObject({
      code: "ESTATEFILE",
      message: expect.stringMatching(/"clockMs" 253402300800000 .*the end of 9999/),
    });
  });

  it("PUT /_emulator/state refuses a record's time past the year 9999, naming the field", async () => {
    const emulator = await startTestEmulator();
    await apiOf(emulator).createService();
    const state = emulator.snapshot();
    state.services[0]!.createdMs = END_OF_9999 + 1;
    const answer = await control(emulator.url, "PUT", "/state", state);
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toMatch(/"services\[0\]\.createdMs" must be <= 253402300799999/);
  });

  it("PUT /_emulator/state takes a record's time at the end of 9999, and reads show it to the second", async () => {
    const emulator = await startTestEmulator();
    const id = (await apiOf(emulator).createService()).body["id"] as string;
    const state = emulator.snapshot();
    state.services[0]!.createdMs = END_OF_9999;
    expect((await control(emulator.url, "PUT", "/state", state)).status).toBe(204);
    expect((await apiOf(emulator).get(`vpc-endpoint-services/${id}`)).body["created_at"]).toBe("9999-12-31T23:59:59Z");
  });

  it("timestamps never throw: a time past 9999 is shown as the last second of 9999", () => {
    expect(timestamp(8.64e15 + 1)).toBe("9999-12-31T23:59:59Z");
  });
});
