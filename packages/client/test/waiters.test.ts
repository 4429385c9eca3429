import { describe, expect, it } from "vitest";
import {
  VpcepAbortError,
  VpcepTimeoutError,
  VpcepWaitError,
  type VpcepClientOptions,
} from "../src/index.js";
import { json, scriptedClient, type Step } from "./scripted-fetch.js";

const fast = { initialDelayMs: 1, maxDelayMs: 2 };
const notFound = () => json(404, { error_code: "EndPoint.0005", error_msg: "The requested resource does not exist." });

function clientWith(steps: Step[], options: Partial<VpcepClientOptions> = {}) {
  return scriptedClient(steps, { retry: { baseDelayMs: 0, maxAttempts: 1 }, ...options });
}

const service = (status: string, extra: object = {}) => json(200, { id: "s1", status, ...extra });
const endpoint = (status: string, extra: object = {}) => json(200, { id: "e1", status, ...extra });

describe("waitFor.endpointService", () => {
  it("resolves with the service once it is available", async () => {
    const { vpcep, requests } = clientWith([service("creating"), service("creating"), service("available")]);
    const ready = await vpcep.waitFor.endpointService("s1", fast);
    expect(ready.status).toBe("available");
    expect(requests).toHaveLength(3);
  });

  it("fails fast with the reasons when the service failed", async () => {
    const reasons = [{ error_code: "EndPoint.3008", error_message: "The port does not exist." }];
    const { vpcep } = clientWith([service("creating"), service("failed", { error: reasons })]);
    const error = await vpcep.waitFor.endpointService("s1", fast).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepWaitError);
    expect(error).toMatchObject({ kind: "wait", resourceId: "s1", status: "failed", errors: reasons });
    expect((error as Error).message).toBe("VPC endpoint service s1 became failed: EndPoint.3008 The port does not exist.");
  });

  it("keeps polling through passing trouble: 503s and dropped connections", async () => {
    const { vpcep } = clientWith([json(503, {}), { drop: "ECONNRESET" }, service("available")]);
    expect((await vpcep.waitFor.endpointService("s1", fast)).status).toBe("available");
  });

  it("keeps polling through a state the reference does not list", async () => {
    const { vpcep, requests } = clientWith([service("creating"), service("upgrading"), service("available")]);
    expect((await vpcep.waitFor.endpointService("s1", fast)).status).toBe("available");
    expect(requests).toHaveLength(3);
  });

  it("gives up on a 403, which more polling will not fix", async () => {
    const { vpcep } = clientWith([json(403, { error_code: "EndPoint.0004", error_msg: "no" })]);
    await expect(vpcep.waitFor.endpointService("s1", fast)).rejects.toMatchObject({ kind: "api", status: 403 });
  });
});

describe("waitFor.endpoint", () => {
  it("waits through pendingAcceptance until accepted, by default", async () => {
    const { vpcep } = clientWith([endpoint("creating"), endpoint("pendingAcceptance"), endpoint("accepted")]);
    expect((await vpcep.waitFor.endpoint("e1", fast)).status).toBe("accepted");
  });

  it("resolves at pendingAcceptance when asked to", async () => {
    const { vpcep, requests } = clientWith([endpoint("creating"), endpoint("pendingAcceptance"), endpoint("accepted")]);
    expect((await vpcep.waitFor.endpoint("e1", { ...fast, until: "pendingAcceptance" })).status).toBe("pendingAcceptance");
    expect(requests).toHaveLength(2);
  });

  it.each(["failed", "rejected", "deleting"])("fails fast when the endpoint is %s", async (status) => {
    const { vpcep } = clientWith([endpoint("creating"), endpoint(status)]);
    await expect(vpcep.waitFor.endpoint("e1", fast)).rejects.toMatchObject({ kind: "wait", status });
  });

  it("keeps polling through a state the reference does not list", async () => {
    const { vpcep, requests } = clientWith([endpoint("creating"), endpoint("frozen"), endpoint("accepted")]);
    expect((await vpcep.waitFor.endpoint("e1", fast)).status).toBe("accepted");
    expect(requests).toHaveLength(3);
  });

  it("fails when the endpoint is gone", async () => {
    const { vpcep } = clientWith([notFound()]);
    await expect(vpcep.waitFor.endpoint("e1", fast)).rejects.toBeInstanceOf(VpcepWaitError);
  });

  it("delivers a large marker_id exactly", async () => {
    const body = '{"id":"e1","status":"accepted","marker_id":422321321312321321}';
    const { vpcep } = clientWith([new Response(body, { headers: { "content-type": "application/json" } })]);
    expect((await vpcep.waitFor.endpoint("e1", fast)).marker_id).toBe("422321321312321321");
  });
});

describe("waiting for a delete", () => {
  it("resolves once the endpoint answers 404", async () => {
    const { vpcep, requests } = clientWith([endpoint("deleting"), endpoint("deleting"), notFound()]);
    await expect(vpcep.waitFor.endpointDeleted("e1", fast)).resolves.toBeUndefined();
    expect(requests).toHaveLength(3);
  });

  it("resolves once the service answers 404, also for a client that throws on errors", async () => {
    const { vpcep } = clientWith([service("deleting"), notFound()], { throwOnError: true });
    await expect(vpcep.waitFor.endpointServiceDeleted("s1", fast)).resolves.toBeUndefined();
  });
});

describe("time limits and aborts of waiters", () => {
  it("throws a VpcepTimeoutError when the resource does not get there in time", async () => {
    const { vpcep } = clientWith([service("creating")]);
    const error = await vpcep.waitFor.endpointService("s1", { ...fast, timeoutMs: 20 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepTimeoutError);
    expect(error).toMatchObject({ limit: "wait", timeoutMs: 20 });
  });

  it("throws a VpcepAbortError when the caller aborts", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = clientWith([service("creating")]);
    const waiting = vpcep.waitFor.endpointService("s1", { ...fast, signal: controller.signal });
    await expect.poll(() => requests.length).toBeGreaterThan(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(VpcepAbortError);
  });

  it("aborts the read in flight too", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = clientWith(["hang"]);
    const waiting = vpcep.waitFor.endpoint("e1", { ...fast, signal: controller.signal });
    await expect.poll(() => requests.length).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(VpcepAbortError);
  });
});

describe("waitFor.connection", () => {
  const connections = (...listed: object[]) => json(200, { connections: listed, total_count: listed.length });
  const connection = (status: string) => ({ id: "e1", status, domain_id: "d2", marker_id: 16777510 });

  it("waits for a connection not listed yet, then resolves with it once accepted", async () => {
    const { vpcep, requests } = clientWith([connections(), connections(connection("pendingAcceptance")), connections(connection("accepted"))]);
    const accepted = await vpcep.waitFor.connection("s1", "e1", fast);
    expect(accepted).toMatchObject({ id: "e1", status: "accepted", marker_id: "16777510" });
    expect(requests.map((request) => new URL(request.url).search)).toEqual(["?id=e1", "?id=e1", "?id=e1"]);
  });

  it("resolves at pendingAcceptance with until, so that the owner can accept it", async () => {
    const { vpcep } = clientWith([connections(connection("creating")), connections(connection("pendingAcceptance"))]);
    expect((await vpcep.waitFor.connection("s1", "e1", { ...fast, until: "pendingAcceptance" })).status).toBe("pendingAcceptance");
  });

  it("takes the connection of the endpoint asked for, not another one listed", async () => {
    const other = { id: "e2", status: "accepted" };
    const { vpcep } = clientWith([connections(other, connection("pendingAcceptance")), connections(other, connection("accepted"))]);
    expect((await vpcep.waitFor.connection("s1", "e1", fast)).id).toBe("e1");
  });

  it("fails fast when the connection was rejected, or the service is gone", async () => {
    const rejected = clientWith([connections(connection("rejected"))]);
    await expect(rejected.vpcep.waitFor.connection("s1", "e1", fast)).rejects.toMatchObject({ kind: "wait", status: "rejected", resourceId: "s1" });
    const gone = clientWith([notFound()]);
    await expect(gone.vpcep.waitFor.connection("s1", "e1", fast)).rejects.toBeInstanceOf(VpcepWaitError);
  });
});
