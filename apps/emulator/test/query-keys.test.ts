import { describe, expect, it } from "vitest";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

describe("query parameters the operation does not have", () => {
  it("refuses a misspelt one, naming it and listing the valid ones", async () => {
    const answer = await apiOf(await startTestEmulator()).get("vpc-endpoints?limt=1");
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toMatch(/query parameter "limt" is not a parameter of listEndpoints \(valid: [^)]*\blimit\b[^)]*\)/);
  });

  it("refuses a filter of another operation", async () => {
    const answer = await apiOf(await startTestEmulator()).get("vpc-endpoints?status=accepted");
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain('query parameter "status" is not a parameter of listEndpoints');
  });

  it("refuses one on an operation without query parameters, saying it has none", async () => {
    const answer = await apiOf(await startTestEmulator()).get("vpc-endpoints/e1?verbose=1");
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain('query parameter "verbose" is not a parameter of getEndpoint (valid: none)');
  });

  it("still takes the keys of a looked-up service (an exploded object parameter)", async () => {
    const answer = await apiOf(await startTestEmulator()).get("vpc-endpoint-services/describe?id=b0e22f6f-26f4-461c-b140-d873464d4fa0");
    expect(answer.status).toBe(200);
  });
});
