import { describe, expect, it } from "vitest";
import { apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

async function control(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}

describe("control API and handle", () => {
  it("POST /_emulator/reset forgets every service and endpoint", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    await api.createService();
    expect((await control(emulator.url, "POST", "/reset")).status).toBe(204);
    expect((await api.get("vpc-endpoint-services")).body["total_count"]).toBe(0);
  });

  it("reset() keeps the public services", async () => {
    const emulator = await startTestEmulator();
    emulator.reset();
    expect((await apiOf(emulator).get("vpc-endpoint-services/public")).body["total_count"]).toBe(3);
  });

  it("GET /_emulator/state returns a snapshot that PUT restores into another emulator", async () => {
    const first = await startTestEmulator();
    const id = await availableService(first, apiOf(first), { service_name: "kept" });
    const snapshot = await control(first.url, "GET", "/state");
    const second = await startTestEmulator();
    expect((await control(second.url, "PUT", "/state", snapshot.body)).status).toBe(204);
    expect((await apiOf(second).get(`vpc-endpoint-services/${id}`)).body).toMatchObject({ service_name: `eu-de.kept.${id}`, status: "available" });
  });

  it("snapshot() and restore() go back to an earlier state", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const before = emulator.snapshot();
    await api.createService();
    emulator.restore(before);
    expect((await api.get("vpc-endpoint-services")).body["total_count"]).toBe(0);
  });

  it("PUT /_emulator/state refuses a document that is not an emulator state", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "PUT", "/state", { hello: "world" });
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toContain('not an emulator state: "format" is null');
  });

  it("POST /_emulator/clock advances the clock and completes due transitions", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    const before = emulator.now().getTime();
    const answer = await control(emulator.url, "POST", "/clock", { advanceMs: 1000 });
    expect(answer.body?.["nowMs"]).toBe(before + 1000);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });

  it("POST /_emulator/clock sets the transition mode", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "POST", "/clock", { transitions: "reads:2" });
    expect(answer.body).toMatchObject({ transitions: "reads:2", clock: "manual" });
  });

  it("POST /_emulator/clock refuses an unknown field, naming it", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "POST", "/clock", { advance: 5 });
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toContain('"advance" is not a field');
  });

  it("an error fault answers the next N calls with its status, code and Retry-After, then stops", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const fault = { kind: "error", operationId: "getQuotas", times: 2, status: 500, errorCode: "EndPoint.0001", retryAfter: 3 };
    expect((await control(emulator.url, "POST", "/faults", fault)).status).toBe(204);
    const first = await api.get("quotas");
    expectError(first, 500, "EndPoint.0001");
    expect(first.headers.get("retry-after")).toBe("3");
    expectError(await api.get("quotas"), 500, "EndPoint.0001");
    expect((await api.get("quotas")).status).toBe(200);
  });

  it("a drop fault closes the connection without an answer", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "drop", operationId: "listEndpoints" });
    await expect(apiOf(emulator).get("vpc-endpoints")).rejects.toThrow();
    expect((await apiOf(emulator).get("vpc-endpoints")).status).toBe(200);
  });

  it("a failResource fault makes a resource failed now, with its error", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const endpointId = (await api.createEndpoint(serviceId)).body["id"] as string;
    await control(emulator.url, "POST", "/faults", { kind: "failResource", resourceId: endpointId, errorCode: "EndPoint.2022" });
    expect((await api.get(`vpc-endpoints/${endpointId}`)).body).toMatchObject({ status: "failed", error: [{ error_code: "EndPoint.2022" }] });
    emulator.advance(5000);
    expect((await api.get(`vpc-endpoints/${endpointId}`)).body["status"]).toBe("failed");
  });

  it("GET /_emulator/faults lists what is pending, DELETE clears it", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "error", operationId: "getQuotas", status: 503, times: 4 });
    expect((await control(emulator.url, "GET", "/faults")).body).toMatchObject({ faults: [{ operationId: "getQuotas", remaining: 4 }] });
    await control(emulator.url, "DELETE", "/faults");
    expect((await control(emulator.url, "GET", "/faults")).body).toEqual({ faults: [] });
  });

  it("refuses a fault for an operationId the spec does not have", async () => {
    const emulator = await startTestEmulator();
    const answer = await control(emulator.url, "POST", "/faults", { kind: "error", operationId: "getEverything", status: 500 });
    expect(answer.status).toBe(400);
    expect(answer.body?.["error_msg"]).toContain('"operationId" must be an operationId of the spec');
    expect(() => emulator.inject({ kind: "drop", operationId: "nope" })).toThrow(/operationId/);
  });

  it("answers an unknown control path with 404 and a wrong method with 405", async () => {
    const emulator = await startTestEmulator();
    expect((await control(emulator.url, "GET", "/nothing")).status).toBe(404);
    const wrong = await control(emulator.url, "DELETE", "/state");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PUT");
  });
});
