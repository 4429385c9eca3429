import { afterEach, describe, expect, it } from "vitest";
import { HANDLERS } from "../src/rules/index.js";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

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
