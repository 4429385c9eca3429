import { describe, expect, it } from "vitest";
import { HANDLERS } from "../src/rules/index.js";
import type { Handler } from "../src/world.js";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

describe("strict mode", () => {
  it("turns a response that breaks the spec into a 500 naming the violation", async () => {
    const seen: (string | undefined)[] = [];
    const emulator = await startTestEmulator({ violationsExpected: true, onResponse: (exchange) => seen.push(exchange.violation) });
    emulator.inject({ kind: "error", operationId: "getQuotas", status: 418, errorCode: "EndPoint.0001" });
    const answer = await apiOf(emulator).get("quotas");
    expectError(answer, 500, "EndPoint.0001");
    expect(answer.body["error_msg"]).toContain("response 418 of getQuotas: status 418 is not documented");
    expect(seen).toEqual([expect.stringContaining("status 418 is not documented")]);
  });

  it("catches a body that breaks the response schema, naming the field", async () => {
    const emulator = await startTestEmulator({ violationsExpected: true });
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    // A state document with such a port is refused, so the rules answer it here.
    const handlers = HANDLERS as Record<string, Handler>;
    const original = handlers["getEndpointService"]!;
    handlers["getEndpointService"] = (world, call) => {
      const reply = original(world, call);
      return { ...reply, body: { ...(reply.body as object), ports: [{ client_port: "eighty", server_port: 80, protocol: "TCP" }] } };
    };
    let answer;
    try {
      answer = await api.get(`vpc-endpoint-services/${id}`);
    } finally {
      handlers["getEndpointService"] = original;
    }
    expectError(answer, 500, "EndPoint.0001");
    expect(answer.body["error_msg"]).toContain('response 200 of getEndpointService: field "ports[0].client_port" must be integer (rule: type)');
  });

  it("passes the same response through unchanged when not strict", async () => {
    const emulator = await startTestEmulator({ strict: false, violationsExpected: true });
    emulator.inject({ kind: "error", operationId: "getQuotas", status: 418, errorCode: "EndPoint.0001" });
    expect((await apiOf(emulator).get("quotas")).status).toBe(418);
  });
});
