import { describe, expect, it } from "vitest";
import { apiOf, startTestEmulator } from "./support/emulator.js";

/** The code an error fault answers without errorCode, by status, after the reference's error table. */
const DEFAULTS: [number, string, string][] = [
  [400, "EndPoint.0002", "Parameter error."],
  [401, "EndPoint.0003", "Authentication failed or authentication information is invalid."],
  [403, "EndPoint.0004", "Authentication information is incorrect or you have no permissions."],
  [404, "EndPoint.0005", "The requested resource does not exist."],
  [500, "EndPoint.0001", "System error. Please retry."],
  [503, "EndPoint.0001", "System error. Please retry."],
  [504, "EndPoint.0013", "The request timed out."],
];

describe("an error fault without errorCode answers the code of its status", () => {
  it.each(DEFAULTS)("status %i answers %s with its message", async (status, code, message) => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "error", operationId: "deleteEndpoint", status });
    const answer = await apiOf(emulator).del("vpc-endpoints/e1");
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { error_code: code, error_msg: message } });
  });

  it("status 429 answers EndPoint.0022, the code of too many requests", async () => {
    const emulator = await startTestEmulator({ strict: false, violationsExpected: true });
    emulator.inject({ kind: "error", operationId: "deleteEndpoint", status: 429 });
    expect((await apiOf(emulator).del("vpc-endpoints/e1")).body["error_code"]).toBe("EndPoint.0022");
  });

  it("another 4xx status answers EndPoint.0002", async () => {
    const emulator = await startTestEmulator({ strict: false, violationsExpected: true });
    emulator.inject({ kind: "error", operationId: "deleteEndpoint", status: 409 });
    expect((await apiOf(emulator).del("vpc-endpoints/e1")).body).toEqual({ error_code: "EndPoint.0002", error_msg: "Parameter error." });
  });
});
