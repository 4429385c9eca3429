import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { apiOf, startTestEmulator, temporaryFolder } from "./support/emulator.js";

const DAY_MS = 24 * 3600_000;

let folder: string;
let file: string;

beforeEach(() => {
  folder = temporaryFolder();
  file = join(folder, "state.json");
});


describe("what advance() adds to the real clock is part of the state", () => {
  it("a restart from the state file keeps the real clock's advance", async () => {
    const first = await startTestEmulator({ clock: "real", stateFile: file });
    first.advance(DAY_MS);
    await first.stop();
    const second = await startTestEmulator({ clock: "real", stateFile: file });
    expect(second.now().getTime() - Date.now()).toBeGreaterThan(DAY_MS - 60_000);
  });

  it("a service created after an advance completes after a restart without waiting for the advanced time", async () => {
    const first = await startTestEmulator({ clock: "real", stateFile: file, transitions: "ms:1000" });
    first.advance(DAY_MS);
    const id = (await apiOf(first).createService()).body["id"] as string;
    await first.stop();
    const second = await startTestEmulator({ clock: "real", stateFile: file });
    second.advance(1000);
    expect((await apiOf(second).get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });

  it("PUT /_emulator/state gives another real clock the advance of the one it was taken from", async () => {
    const first = await startTestEmulator({ clock: "real" });
    first.advance(DAY_MS);
    const second = await startTestEmulator({ clock: "real" });
    const put = await fetch(`${second.url}/_emulator/state`, { method: "PUT", body: JSON.stringify(first.snapshot()), headers: { "content-type": "application/json" } });
    expect(put.status).toBe(204);
    expect(second.now().getTime() - Date.now()).toBeGreaterThan(DAY_MS - 60_000);
  });

  it("the state document holds the real clock's advance as offsetMs", async () => {
    const emulator = await startTestEmulator({ clock: "real" });
    emulator.advance(DAY_MS);
    expect(emulator.snapshot().offsetMs).toBe(DAY_MS);
  });
});
