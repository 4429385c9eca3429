import { describe, expect, it, vi } from "vitest";
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
    const { resource: ready } = await vpcep.waitFor.endpointService("s1", fast);
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
    expect((await vpcep.waitFor.endpointService("s1", fast)).resource.status).toBe("available");
  });

  it("keeps polling through a state the reference does not list", async () => {
    const { vpcep, requests } = clientWith([service("creating"), service("upgrading"), service("available")]);
    expect((await vpcep.waitFor.endpointService("s1", fast)).resource.status).toBe("available");
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
    expect((await vpcep.waitFor.endpoint("e1", fast)).resource.status).toBe("accepted");
  });

  it("resolves at pendingAcceptance when asked to", async () => {
    const { vpcep, requests } = clientWith([endpoint("creating"), endpoint("pendingAcceptance"), endpoint("accepted")]);
    expect((await vpcep.waitFor.endpoint("e1", { ...fast, until: "pendingAcceptance" })).resource.status).toBe("pendingAcceptance");
    expect(requests).toHaveLength(2);
  });

  it("resolves at rejected when asked to, so that the consumer can clean up", async () => {
    const { vpcep } = clientWith([endpoint("pendingAcceptance"), endpoint("rejected")]);
    const result = await vpcep.waitFor.endpoint("e1", { ...fast, until: "rejected" });
    expect(result).toMatchObject({ resource: { status: "rejected" }, polls: 2, states: ["pendingAcceptance", "rejected"] });
  });

  it("refuses an until it does not know, before any read, naming the argument", async () => {
    const { vpcep, requests } = clientWith([endpoint("accepted")]);
    const until = "Rejected" as "rejected";
    await expect(vpcep.waitFor.endpoint("e1", { ...fast, until })).rejects.toMatchObject({ kind: "argument", operation: "waitFor.endpoint", argument: "until" });
    await expect(vpcep.waitFor.connection("s1", "e1", { ...fast, until })).rejects.toThrow(/"until".*got "Rejected"/);
    expect(requests).toHaveLength(0);
  });

  it("waits through accepted when awaiting rejected, since an accepted endpoint may still be rejected", async () => {
    const { vpcep } = clientWith([endpoint("pendingAcceptance"), endpoint("accepted"), endpoint("rejected")]);
    const result = await vpcep.waitFor.endpoint("e1", { ...fast, until: "rejected" });
    expect(result).toMatchObject({ resource: { status: "rejected" }, states: ["pendingAcceptance", "accepted", "rejected"] });
  });

  it.each(["failed", "rejected", "deleting"])("fails fast when the endpoint is %s", async (status) => {
    const { vpcep } = clientWith([endpoint("creating"), endpoint(status)]);
    await expect(vpcep.waitFor.endpoint("e1", fast)).rejects.toMatchObject({ kind: "wait", status });
  });

  it("keeps polling through a state the reference does not list", async () => {
    const { vpcep, requests } = clientWith([endpoint("creating"), endpoint("frozen"), endpoint("accepted")]);
    expect((await vpcep.waitFor.endpoint("e1", fast)).resource.status).toBe("accepted");
    expect(requests).toHaveLength(3);
  });

  it("fails when the endpoint is gone", async () => {
    const { vpcep } = clientWith([notFound()]);
    await expect(vpcep.waitFor.endpoint("e1", fast)).rejects.toBeInstanceOf(VpcepWaitError);
  });

  it("delivers a large marker_id exactly", async () => {
    const body = '{"id":"e1","status":"accepted","marker_id":422321321312321321}';
    const { vpcep } = clientWith([new Response(body, { headers: { "content-type": "application/json" } })]);
    expect((await vpcep.waitFor.endpoint("e1", fast)).resource.marker_id).toBe("422321321312321321");
  });
});

describe("waiting for a delete", () => {
  it("resolves once the endpoint answers 404", async () => {
    const { vpcep, requests } = clientWith([endpoint("deleting"), endpoint("deleting"), notFound()]);
    await expect(vpcep.waitFor.endpointDeleted("e1", fast)).resolves.toMatchObject({ resource: undefined });
    expect(requests).toHaveLength(3);
  });

  it("resolves once the service answers 404, also for a client that throws on errors", async () => {
    const { vpcep } = clientWith([service("deleting"), notFound()], { throwOnError: true });
    await expect(vpcep.waitFor.endpointServiceDeleted("s1", fast)).resolves.toMatchObject({ resource: undefined });
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
    const { resource: accepted } = await vpcep.waitFor.connection("s1", "e1", fast);
    expect(accepted).toMatchObject({ id: "e1", status: "accepted", marker_id: "16777510" });
    expect(requests.map((request) => new URL(request.url).search)).toEqual(["?id=e1", "?id=e1", "?id=e1"]);
  });

  it("resolves at pendingAcceptance with until, so that the owner can accept it", async () => {
    const { vpcep } = clientWith([connections(connection("creating")), connections(connection("pendingAcceptance"))]);
    expect((await vpcep.waitFor.connection("s1", "e1", { ...fast, until: "pendingAcceptance" })).resource.status).toBe("pendingAcceptance");
  });

  it("resolves at rejected when asked to, also after the connection was accepted", async () => {
    const { vpcep } = clientWith([connections(connection("accepted")), connections(connection("rejected"))]);
    const result = await vpcep.waitFor.connection("s1", "e1", { ...fast, until: "rejected" });
    expect(result).toMatchObject({ resource: { status: "rejected" }, states: ["accepted", "rejected"] });
  });

  it("fails fast when the endpoint of the connection is being deleted", async () => {
    const { vpcep, requests } = clientWith([connections(connection("pendingAcceptance")), connections(connection("deleting")), connections(connection("accepted"))]);
    await expect(vpcep.waitFor.connection("s1", "e1", fast)).rejects.toMatchObject({ kind: "wait", status: "deleting", states: ["pendingAcceptance", "deleting"] });
    expect(requests).toHaveLength(2);
  });

  it("fails when the connection is no longer listed after it was: its endpoint is gone", async () => {
    const { vpcep, requests } = clientWith([connections(), connections(connection("pendingAcceptance")), connections(), connections(connection("accepted"))]);
    const error = await vpcep.waitFor.connection("s1", "e1", fast).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "wait", status: "unlisted", states: ["notListed", "pendingAcceptance", "notListed"] });
    expect((error as Error).message).toBe("connection of VPC endpoint e1 to service s1 became unlisted");
    expect(requests).toHaveLength(3);
  });

  it.each([["serviceId", "", "e1"], ["endpointId", "s1", ""], ["endpointId", "s1", undefined]])(
    "refuses %s when it is no ID, before any read, naming it",
    async (argument, serviceId, endpointId) => {
      const { vpcep, requests } = clientWith([connections(connection("accepted"))]);
      await expect(vpcep.waitFor.connection(serviceId as string, endpointId as string, fast)).rejects.toMatchObject({ kind: "argument", operation: "waitFor.connection", argument });
      expect(requests).toHaveLength(0);
    },
  );

  it("takes the connection of the endpoint asked for, not another one listed", async () => {
    const other = { id: "e2", status: "accepted" };
    const { vpcep } = clientWith([connections(other, connection("pendingAcceptance")), connections(other, connection("accepted"))]);
    expect((await vpcep.waitFor.connection("s1", "e1", fast)).resource.id).toBe("e1");
  });

  it("fails fast when the connection was rejected, or the service is gone", async () => {
    const rejected = clientWith([connections(connection("rejected"))]);
    await expect(rejected.vpcep.waitFor.connection("s1", "e1", fast)).rejects.toMatchObject({ kind: "wait", status: "rejected", resourceId: "s1" });
    const gone = clientWith([notFound()]);
    await expect(gone.vpcep.waitFor.connection("s1", "e1", fast)).rejects.toBeInstanceOf(VpcepWaitError);
  });
});

describe("what a wait saw", () => {
  it("resolves with the number of reads and the states they saw, in order", async () => {
    const { vpcep } = clientWith([endpoint("creating"), endpoint("pendingAcceptance"), endpoint("accepted")]);
    const { polls, states } = await vpcep.waitFor.endpoint("e1", fast);
    expect(polls).toBe(3);
    expect(states).toEqual(["creating", "pendingAcceptance", "accepted"]);
  });

  it("lists a run of equal states once, while counting every read", async () => {
    const { vpcep } = clientWith([service("creating"), service("creating"), service("creating"), service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", fast)).resolves.toMatchObject({ polls: 4, states: ["creating", "available"] });
  });

  it("keeps a state the reference does not list as the service sent it", async () => {
    const { vpcep } = clientWith([service("creating"), service("upgrading"), service("available")]);
    expect((await vpcep.waitFor.endpointService("s1", fast)).states).toEqual(["creating", "upgrading", "available"]);
  });

  it("ends a wait for a delete on notFound, the 404", async () => {
    const { vpcep } = clientWith([endpoint("deleting"), endpoint("deleting"), notFound()]);
    expect(await vpcep.waitFor.endpointDeleted("e1", fast)).toEqual({ resource: undefined, polls: 3, states: ["deleting", "notFound"] });
  });

  it("ends a wait for a deleted service on notFound, also for a client that throws on errors", async () => {
    const { vpcep } = clientWith([service("deleting"), notFound()], { throwOnError: true });
    expect(await vpcep.waitFor.endpointServiceDeleted("s1", fast)).toEqual({ resource: undefined, polls: 2, states: ["deleting", "notFound"] });
  });

  it("sees notListed while the service's connections do not hold the endpoint yet", async () => {
    const listed = (...connections: object[]) => json(200, { connections, total_count: connections.length });
    const { vpcep } = clientWith([listed(), listed(), listed({ id: "e1", status: "accepted" })]);
    await expect(vpcep.waitFor.connection("s1", "e1", fast)).resolves.toMatchObject({ polls: 3, states: ["notListed", "accepted"] });
  });

  it("counts a read that failed with passing trouble (a 503, a dropped connection) as a poll that saw unreadable", async () => {
    const { vpcep } = clientWith([service("creating"), json(503, {}), { drop: "ECONNRESET" }, service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", fast)).resolves.toMatchObject({ polls: 4, states: ["creating", "unreadable", "available"] });
  });

  it("gives the VpcepWaitError of a failed resource the polls and the states, the failed one last", async () => {
    const { vpcep } = clientWith([endpoint("creating"), endpoint("pendingAcceptance"), endpoint("rejected")]);
    const error = await vpcep.waitFor.endpoint("e1", fast).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepWaitError);
    expect(error).toMatchObject({ status: "rejected", polls: 3, states: ["creating", "pendingAcceptance", "rejected"] });
  });

  it("gives the VpcepWaitError of a resource that is gone notFound as its last state", async () => {
    const { vpcep } = clientWith([endpoint("creating"), notFound()]);
    await expect(vpcep.waitFor.endpoint("e1", fast)).rejects.toMatchObject({ kind: "wait", polls: 2, states: ["creating", "notFound"] });
  });

  it("names the polls and the states seen in the message of the wait's timeout, and carries them", async () => {
    // The fourth read hangs until the wait's limit cuts it off, so it is not counted.
    const { vpcep } = clientWith([service("creating"), json(503, {}), service("upgrading"), "hang"]);
    // A limit the three reads before it meet even on a busy machine; the hang ends only at the limit.
    const error = await vpcep.waitFor.endpointService("s1", { ...fast, timeoutMs: 1_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepTimeoutError);
    expect(error).toMatchObject({ limit: "wait", polls: 3, states: ["creating", "unreadable", "upgrading"] });
    expect((error as Error).message).toBe(
      "waiting for VPC endpoint service s1 timed out: the wait limit of 1000 ms ran out; 3 poll(s) saw creating, unreadable, upgrading",
    );
  });

  it("names the polls and the states seen in the message of an abort, and carries them", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = clientWith([endpoint("creating")]);
    const waiting = vpcep.waitFor.endpoint("e1", { ...fast, signal: controller.signal });
    await expect.poll(() => requests.length).toBeGreaterThan(1);
    controller.abort(new Error("the test is done"));
    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepAbortError);
    const { polls } = error as VpcepAbortError;
    expect(error).toMatchObject({ states: ["creating"] });
    expect(polls).toBeGreaterThan(1);
    expect((error as Error).message).toBe(`waiting for VPC endpoint e1 was aborted: the test is done; ${polls} poll(s) saw creating`);
  });

  it("does not count a read that the abort cut off", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = clientWith(["hang"]);
    const waiting = vpcep.waitFor.endpoint("e1", { ...fast, signal: controller.signal });
    await expect.poll(() => requests.length).toBe(1);
    controller.abort("stop");
    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "abort", polls: 0, states: [] });
    expect((error as Error).message).toBe("waiting for VPC endpoint e1 was aborted; 0 poll(s) saw nothing");
  });

  it("leaves polls and states undefined on the time limits of a single call", async () => {
    const { vpcep } = clientWith(["hang"], { timeout: { attemptMs: 5 } });
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepTimeoutError);
    expect([(error as VpcepTimeoutError).polls, (error as VpcepTimeoutError).states]).toEqual([undefined, undefined]);
    expect((error as Error).message).not.toMatch(/poll/);
  });
});

describe("the options of a wait", () => {
  const waiters = ["endpointService", "endpoint", "endpointServiceDeleted", "endpointDeleted"] as const;

  it.each([
    ["timeoutMs", -1],
    ["timeoutMs", Infinity],
    ["timeoutMs", "1000"],
    ["timeoutMs", 1e12],
    ["initialDelayMs", 0],
    ["initialDelayMs", Number.NaN],
    ["initialDelayMs", 1.5],
    ["maxDelayMs", 0],
  ])("refuse %s %s before any read, naming the option and the rule", async (option, value) => {
    const { vpcep, requests } = clientWith([service("available")]);
    const error = await vpcep.waitFor.endpointService("s1", { ...fast, [option]: value }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "argument", operation: "waitFor.endpointService", argument: `options.${option}` });
    expect((error as Error).message).toMatch(/must be a whole number of ms from \d+ to 2147483647; got /);
    expect(requests).toHaveLength(0);
  });

  it("refuse a longest pause shorter than the first, which would poll faster than asked", async () => {
    const { vpcep } = clientWith([service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", { initialDelayMs: 500, maxDelayMs: 100 })).rejects.toThrow(
      'Invalid argument "options.maxDelayMs" of waitFor.endpointService: must be a whole number of ms from 500 to 2147483647; got the number 100',
    );
  });

  it("take a first pause longer than the default longest one, which then stays at it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { vpcep, requests } = clientWith([service("creating"), service("creating"), service("available")]);
      const waiting = vpcep.waitFor.endpointService("s1", { initialDelayMs: 20_000 });
      const readsAfter = async (ms: number) => {
        await vi.advanceTimersByTimeAsync(ms);
        return requests.length;
      };
      expect([await readsAfter(0), await readsAfter(19_999), await readsAfter(1), await readsAfter(19_999), await readsAfter(1)]).toEqual([1, 1, 2, 2, 3]);
      await expect(waiting).resolves.toMatchObject({ polls: 3 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("take a longest pause shorter than the default first one, which then starts at it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { vpcep, requests } = clientWith([service("creating"), service("available")]);
      const waiting = vpcep.waitFor.endpointService("s1", { maxDelayMs: 1_000 });
      await vi.advanceTimersByTimeAsync(999);
      expect(requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(waiting).resolves.toMatchObject({ polls: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuse an option no wait takes, and until where the wait takes none, naming it", async () => {
    const { vpcep } = clientWith([service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", { timeout: 5 } as object)).rejects.toMatchObject({ kind: "argument", argument: "options.timeout" });
    await expect(vpcep.waitFor.endpointService("s1", { until: "accepted" } as object)).rejects.toMatchObject({ argument: "options.until" });
    await expect(clientWith([endpoint("accepted")]).vpcep.waitFor.endpoint("e1", { ...fast, until: "accepted" })).resolves.toMatchObject({ polls: 1 });
  });

  it("refuse a time of null rather than take the default", async () => {
    const { vpcep } = clientWith([service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", { timeoutMs: null } as unknown as object)).rejects.toMatchObject({ argument: "options.timeoutMs" });
  });

  it("refuse a signal that is not an AbortSignal", async () => {
    const { vpcep } = clientWith([service("available")]);
    const signal = {} as AbortSignal;
    await expect(vpcep.waitFor.endpoint("e1", { signal })).rejects.toMatchObject({ kind: "argument", argument: "options.signal" });
  });

  it.each(waiters)("are checked by waitFor.%s, which rejects rather than throws", async (waiter) => {
    const { vpcep } = clientWith([service("available")]);
    let waiting: Promise<unknown> | undefined;
    expect(() => (waiting = vpcep.waitFor[waiter]("x1", { timeoutMs: 0 }))).not.toThrow();
    await expect(waiting).rejects.toMatchObject({ kind: "argument", operation: `waitFor.${waiter}`, argument: "options.timeoutMs" });
  });

  it.each(waiters)("come with an ID that waitFor.%s checks before any read", async (waiter) => {
    const { vpcep, requests } = clientWith([service("available")]);
    await expect(vpcep.waitFor[waiter]("..", fast)).rejects.toMatchObject({ kind: "argument", operation: `waitFor.${waiter}` });
    expect(requests).toHaveLength(0);
  });
});

describe("passing trouble a wait reads through, as the transport retries it", () => {
  it("keeps polling through the service's throttling, EndPoint.0022 with HTTP 400", async () => {
    const throttled = json(400, { error_code: "EndPoint.0022", error_msg: "The number of requests exceeded the limit." });
    const { vpcep } = clientWith([throttled, service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", fast)).resolves.toMatchObject({ polls: 2, states: ["unreadable", "available"] });
  });

  it("keeps polling through a success whose body is broken", async () => {
    const broken = new Response('{"id": "s1", "status": "avail', { status: 200, headers: { "content-type": "application/json" } });
    const { vpcep } = clientWith([broken, service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", fast)).resolves.toMatchObject({ polls: 2, states: ["unreadable", "available"] });
  });

  it("still gives up on another 400, which more polling will not fix", async () => {
    const { vpcep } = clientWith([json(400, { error_code: "EndPoint.0002", error_msg: "Parameter error." }), service("available")]);
    await expect(vpcep.waitFor.endpointService("s1", fast)).rejects.toMatchObject({ kind: "api", status: 400, code: "EndPoint.0002" });
  });
});

