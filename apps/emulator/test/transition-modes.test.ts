import { describe, expect, it } from "vitest";
import { EmulatorError, startEmulator, type TransitionMode } from "../src/index.js";
import { apiOf, startTestEmulator } from "./support/emulator.js";

const BAD: [string, unknown][] = [
  ["a negative ms", { kind: "ms", ms: -5 }],
  ["a negative reads", { kind: "reads", reads: -1 }],
  ["a fraction of a read", { kind: "reads", reads: 1.5 }],
  ["an unknown kind", { kind: "bogus" }],
  ["an ms mode without ms", { kind: "ms" }],
  ["a field the mode has not", { kind: "immediate", ms: 3 }],
  ["something that is not a mode", 42],
];

describe("transition modes in object form", () => {
  it.each(BAD)("setTransitions refuses %s, saying the rule", async (_what, mode) => {
    const emulator = await startTestEmulator();
    expect(() => emulator.setTransitions(mode as TransitionMode)).toThrow(/Invalid transitions .*must be/);
  });

  it("setTransitions leaves the mode as it was when it refuses one", async () => {
    const emulator = await startTestEmulator({ transitions: "reads:1" });
    expect(() => emulator.setTransitions({ kind: "ms", ms: -5 })).toThrow();
    const clock = (await fetch(`${emulator.url}/_emulator/clock`).then((response) => response.json())) as Record<string, unknown>;
    expect(clock["transitions"]).toBe("reads:1");
  });

  it.each(BAD)("the transitions option refuses %s with an EmulatorError naming it", async (_what, mode) => {
    const start = startEmulator({ transitions: mode as TransitionMode });
    await expect(start).rejects.toBeInstanceOf(EmulatorError);
    await expect(start).rejects.toThrow(/Invalid emulator option "transitions": must be/);
  });

  it("takes a valid object form", async () => {
    const emulator = await startTestEmulator({ transitions: { kind: "reads", reads: 1 } });
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"] as string;
    await api.get(`vpc-endpoint-services/${id}`);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });
});
