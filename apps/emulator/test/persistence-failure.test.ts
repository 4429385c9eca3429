import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { apiOf, expectError, startTestEmulator, temporaryFolder } from "./support/emulator.js";

let folder: string;
let file: string;
let logs: string[];

beforeEach(() => {
  folder = temporaryFolder();
  file = join(folder, "state.json");
  logs = [];
});


/** An emulator with a state file whose next write fails: a folder stands where its temporary file goes. */
async function brokenWrites() {
  const emulator = await startTestEmulator({ stateFile: file, onLog: (line) => logs.push(line) });
  mkdirSync(`${file}.${process.pid}.tmp`);
  return emulator;
}

describe("a failed state-file write", () => {
  it("answers the change with 500 and the service's error body", async () => {
    const api = apiOf(await brokenWrites());
    const answer = await api.createService();
    expectError(answer, 500, "EndPoint.0001");
    expect(answer.body["error_msg"]).toBe("System error. Please retry.");
  });

  it("does not keep the change it did not acknowledge", async () => {
    const emulator = await brokenWrites();
    await apiOf(emulator).createService();
    expect(emulator.snapshot().services).toEqual([]);
  });

  it("does not break later reads", async () => {
    const api = apiOf(await brokenWrites());
    await api.createService();
    const list = await api.get("vpc-endpoint-services");
    expect(list.status).toBe(200);
    expect(list.body["total_count"]).toBe(0);
  });

  it("keeps the file as it was", async () => {
    const api = apiOf(await brokenWrites());
    const before = readFileSync(file, "utf8");
    await api.createService();
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("logs a line naming the file and the OS error", async () => {
    const api = apiOf(await brokenWrites());
    await api.createService();
    expect(logs.some((line) => line.includes(file) && line.includes("EISDIR"))).toBe(true);
  });

  it("answers a control request with 500, not 400", async () => {
    const emulator = await brokenWrites();
    const response = await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error_code: "EndPoint.0001", error_msg: "System error. Please retry." });
  });

  it("makes the handle's method throw and keeps the state before it", async () => {
    const emulator = await startTestEmulator({ stateFile: file });
    await apiOf(emulator).createService();
    mkdirSync(`${file}.${process.pid}.tmp`);
    expect(() => emulator.reset()).toThrow(expect.objectContaining({ code: "ESTATEFILE" }));
    expect(emulator.snapshot().services).toHaveLength(1);
  });

  it("is kept once the file can be written again", async () => {
    const emulator = await brokenWrites();
    const api = apiOf(emulator);
    await api.createService();
    rmSync(`${file}.${process.pid}.tmp`, { recursive: true });
    const id = (await api.createService()).body["id"] as string;
    expect(readFileSync(file, "utf8")).toContain(id);
  });
});
