import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator, type EmulatorState, type RunningEmulator } from "../src/index.js";
import { apiOf, availableService, startTestEmulator } from "./support/emulator.js";

/** A state with one available service (that any account may connect to) and one endpoint. */
async function sampleState(): Promise<{ emulator: RunningEmulator; state: EmulatorState }> {
  const emulator = await startTestEmulator();
  const api = apiOf(emulator);
  const serviceId = await availableService(emulator, api);
  await api.createEndpoint(serviceId);
  return { emulator, state: emulator.snapshot() };
}

type Broken = Record<string, unknown> & { services: Record<string, unknown>[]; endpoints: Record<string, unknown>[] };

const CASES: [string, (state: Broken) => void, RegExp][] = [
  ["a port mapping without its fields", (s) => (s.services[0]!["ports"] = [{}]), /"services\[0\]\.ports\[0\]\.client_port" is required/],
  ["a status that is none of the service's", (s) => (s.services[0]!["status"] = "bogus"), /"services\[0\]\.status" must be one of "creating", "available", "failed", "deleting"/],
  ["approval_enabled that is not a boolean", (s) => (s.services[0]!["approval_enabled"] = "yes"), /"services\[0\]\.approval_enabled" must be boolean \(rule: type\)/],
  ["tags that are not tags", (s) => (s.services[0]!["tags"] = [1, 2]), /"services\[0\]\.tags\[0\]" must be object \(rule: type\)/],
  ["a transition that is not one", (s) => (s.services[0]!["transition"] = "x"), /"services\[0\]\.transition" must be object \(rule: type\)/],
  ["a permission that is null", (s) => (s.services[0]!["permissions"] = [null]), /"services\[0\]\.permissions\[0\]" must be object \(rule: type\)/],
  ["two services with one id", (s) => s.services.push({ ...s.services[0]! }), /"services\[1\]\.id" .* is given twice \(rule: unique ids\)/],
  ["a negative seq", (s) => (s["seq"] = -1), /"seq" must be >= 0 \(rule: minimum\)/],
  ["a nextMarker above the int64 maximum", (s) => (s["nextMarker"] = "9223372036854775808"), /"nextMarker" must be at most 9223372036854775807 \(rule: int64 maximum\)/],
  ["an endpoint without its marker_id", (s) => delete s.endpoints[0]!["marker_id"], /"endpoints\[0\]\.marker_id" is required/],
  ["a field the state has not", (s) => (s.endpoints[0]!["colour"] = "red"), /"endpoints\[0\]\.colour" is not a field of the state/],
];

describe("a state document is checked record by record", () => {
  it.each(CASES)("PUT /_emulator/state refuses %s, naming the field and the rule", async (_what, breakIt, message) => {
    const { emulator, state } = await sampleState();
    const broken = structuredClone(state) as unknown as Broken;
    breakIt(broken);
    const response = await fetch(`${emulator.url}/_emulator/state`, { method: "PUT", body: JSON.stringify(broken), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_msg: string }).error_msg).toMatch(message);
  });

  it("restore() refuses a broken record and keeps the state it had", async () => {
    const { emulator, state } = await sampleState();
    const broken = structuredClone(state) as unknown as Broken;
    broken.services[0]!["ports"] = [{}];
    expect(() => emulator.restore(broken as unknown as EmulatorState)).toThrow(/"services\[0\]\.ports\[0\]\.client_port" is required/);
    expect(emulator.snapshot()).toEqual(state);
  });

  it("a state file with a broken record is refused at start with ESTATEFILE and left as it is", async () => {
    const { state } = await sampleState();
    const broken = structuredClone(state) as unknown as Broken;
    broken.services[0]!["status"] = "bogus";
    const folder = mkdtempSync(join(tmpdir(), "vpcep-emulator-"));
    try {
      const file = join(folder, "state.json");
      const text = JSON.stringify(broken);
      writeFileSync(file, text);
      await expect(startEmulator({ stateFile: file })).rejects.toMatchObject({ code: "ESTATEFILE", message: expect.stringContaining('"services[0].status" must be one of') });
      expect(readFileSync(file, "utf8")).toBe(text);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("a snapshot of every kind of record passes", async () => {
    const { emulator, state } = await sampleState();
    const other = await startTestEmulator();
    other.restore(JSON.parse(JSON.stringify(state)) as EmulatorState);
    expect(other.snapshot()).toEqual(emulator.snapshot());
  });
});
