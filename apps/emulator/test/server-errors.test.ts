import { afterEach, describe, expect, it } from "vitest";
import { HANDLERS as SHARED } from "../src/rules/index.js";
import type { Handler } from "../src/world.js";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

const HANDLERS = SHARED as Record<string, Handler>;
const original = HANDLERS["getQuotas"]!;
afterEach(() => {
  HANDLERS["getQuotas"] = original;
});

describe("unexpected errors", () => {
  it("answer 500 with the service's error body", async () => {
    const emulator = await startTestEmulator();
    HANDLERS["getQuotas"] = () => {
      throw new TypeError("boom");
    };
    const answer = await apiOf(emulator).get("quotas");
    expectError(answer, 500, "EndPoint.0001");
    expect(answer.body).toEqual({ error_code: "EndPoint.0001", error_msg: "System error. Please retry." });
  });
});
