import { afterEach, describe, expect, it, vi } from "vitest";
import {
  VpcepAbortError,
  VpcepNetworkError,
  VpcepResponseError,
  VpcepTimeoutError,
  type LogEntry,
  type VpcepClientOptions,
} from "../src/index.js";
import { DEFAULT_RETRY } from "../src/retry.js";
import { json, scriptedClient, stalledBody, type Step } from "./scripted-fetch.js";

const endpoint = { id: "e1", status: "accepted" };
const createBody = { vpc_id: "v", endpoint_service_id: "s" };

function clientWith(steps: Step[], options: Partial<VpcepClientOptions> = {}) {
  const log: LogEntry[] = [];
  return { ...scriptedClient(steps, { retry: { baseDelayMs: 0 }, logger: (entry) => log.push(entry), ...options }), log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("retries of idempotent calls", () => {
  it("retries a GET after a dropped connection and returns the success", async () => {
    const { vpcep, requests } = clientWith([{ drop: "ECONNRESET" }, json(200, endpoint)]);
    const { data } = await vpcep.getEndpoint("e1");
    expect(data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it.each([408, 429, 500, 502, 503, 504])("retries a GET answered %i", async (status) => {
    const { vpcep, requests } = clientWith([json(status, {}), json(200, endpoint)]);
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 501])("does not retry a GET answered %i", async (status) => {
    const { vpcep, requests } = clientWith([json(status, { error_code: "EndPoint.0002", error_msg: "x" }), json(200, endpoint)]);
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it("retries PUT and DELETE", async () => {
    const { vpcep, requests } = clientWith([json(503, {}), json(200, {}), json(503, {}), new Response(null, { status: 204 })]);
    await vpcep.updateEndpointService("s1", { description: "d" });
    await vpcep.deleteEndpoint("e1");
    expect(requests.map((request) => request.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
  });

  it("makes 3 attempts by default, then returns the last error response", async () => {
    const { vpcep, requests } = clientWith([json(503, { error_code: "EndPoint.0001", error_msg: "System error. Please retry." })]);
    const { error, response } = await vpcep.getEndpoint("e1");
    expect(response.status).toBe(503);
    expect(error).toEqual({ error_code: "EndPoint.0001", error_msg: "System error. Please retry." });
    expect(requests).toHaveLength(DEFAULT_RETRY.maxAttempts);
  });

  it("throws a VpcepNetworkError with the attempt count when every attempt drops", async () => {
    const { vpcep, requests } = clientWith([{ drop: "ECONNREFUSED" }], { retry: { baseDelayMs: 0, maxAttempts: 4 } });
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepNetworkError);
    expect(error).toMatchObject({ kind: "network", attempts: 4, method: "GET", url: "https://vpcep.test/v1/p1/vpc-endpoints/e1" });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(requests).toHaveLength(4);
  });

  it("sends each attempt as a fresh request with the same body", async () => {
    const { vpcep, requests } = clientWith([json(503, {}), json(200, {})]);
    await vpcep.updateEndpointService("s1", { description: "d" });
    expect(await requests[0]?.json()).toEqual({ description: "d" });
    expect(await requests[1]?.json()).toEqual({ description: "d" });
  });

  it("recovers from a burst of 503s within the attempts", async () => {
    const { vpcep, requests } = clientWith([json(503, {}), json(503, {}), json(503, {}), json(200, endpoint)], {
      retry: { baseDelayMs: 0, maxAttempts: 5 },
    });
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(4);
  });

  it("turns retries off with maxAttempts 1", async () => {
    const { vpcep, requests } = clientWith([json(503, {})], { retry: { maxAttempts: 1 } });
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });
});

describe("POST is not retried unless asked", () => {
  it("does not retry a create answered 503", async () => {
    const { vpcep, requests } = clientWith([json(503, {}), json(200, endpoint)]);
    expect((await vpcep.createEndpoint(createBody)).response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("does not retry a create whose connection dropped, since it may have reached the service", async () => {
    const { vpcep, requests } = clientWith([{ drop: "ECONNRESET" }, json(200, endpoint)]);
    await expect(vpcep.createEndpoint(createBody)).rejects.toBeInstanceOf(VpcepNetworkError);
    expect(requests).toHaveLength(1);
  });

  it("retries a create with retryPost", async () => {
    const { vpcep, requests } = clientWith([json(503, {}), json(200, endpoint)], { retry: { baseDelayMs: 0, retryPost: true } });
    expect((await vpcep.createEndpoint(createBody)).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
    expect(await requests[1]?.json()).toEqual(createBody);
  });
});

describe("backoff and Retry-After", () => {
  it("waits as long as Retry-After asks before the next attempt", async () => {
    vi.useFakeTimers();
    const { vpcep, requests, log } = clientWith([json(429, {}, { "retry-after": "2" }), json(200, endpoint)]);
    const call = vpcep.getEndpoint("e1");
    await vi.advanceTimersByTimeAsync(1_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).data).toEqual(endpoint);
    expect(log.find((entry) => entry.event === "retry")).toMatchObject({ delayMs: 2000, reason: "status 429" });
  });

  it("returns the response instead of waiting longer than maxRetryAfterMs", async () => {
    const { vpcep, requests } = clientWith([json(503, {}, { "retry-after": "120" })]);
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("waits a full-jitter backoff when no Retry-After is given", async () => {
    vi.useFakeTimers();
    const { vpcep, log } = clientWith([json(502, {}), json(200, endpoint)], { retry: { baseDelayMs: 1000 } });
    const call = vpcep.getEndpoint("e1");
    await vi.advanceTimersByTimeAsync(1000);
    await call;
    const retry = log.find((entry) => entry.event === "retry");
    expect(retry?.event === "retry" && retry.delayMs).toBeGreaterThanOrEqual(0);
    expect(retry?.event === "retry" && retry.delayMs).toBeLessThan(1000);
  });
});

describe("the log", () => {
  it("states why each attempt is retried", async () => {
    const broken = () => new Response("{", { status: 200 });
    const steps: Step[] = [{ drop: "ECONNRESET" }, "hang", broken, json(503, {}), json(200, endpoint)];
    const { vpcep, log } = clientWith(steps, { timeout: { attemptMs: 20 }, retry: { baseDelayMs: 0, maxAttempts: 5 } });
    await vpcep.getEndpoint("e1");
    expect(log.flatMap((entry) => (entry.event === "retry" ? [entry.reason] : []))).toEqual([
      "a network error",
      "the attempt timed out",
      "a malformed response body",
      "status 503",
    ]);
  });

  it("states a retry with a refreshed token, which takes no attempt", async () => {
    const provider = vi.fn().mockResolvedValueOnce("expired").mockResolvedValueOnce("fresh");
    const { vpcep, log } = clientWith([json(401, {}), json(200, endpoint)], { token: provider });
    await vpcep.getEndpoint("e1");
    expect(log).toMatchObject([
      { event: "response", attempt: 1, status: 401 },
      { event: "retry", attempt: 1, reason: "401, retrying with refreshed credentials", delayMs: 0 },
      { event: "response", attempt: 1, status: 200 },
    ]);
  });

  it("notes each response with its attempt and status", async () => {
    const { vpcep, log } = clientWith([json(503, {}), json(200, endpoint)]);
    await vpcep.getEndpoint("e1");
    expect(log.filter((entry) => entry.event === "response")).toMatchObject([
      { method: "GET", url: "https://vpcep.test/v1/p1/vpc-endpoints/e1", attempt: 1, status: 503 },
      { attempt: 2, status: 200 },
    ]);
  });

  it("stops a call with the logger's own error when the logger throws, not with a network error", async () => {
    const logger = () => {
      throw new Error("log sink full");
    };
    const { vpcep, requests } = clientWith([json(200, endpoint)], { logger });
    const error = await vpcep.createEndpoint(createBody).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(VpcepNetworkError);
    expect(error).toEqual(new Error("log sink full"));
    expect(requests).toHaveLength(1);
  });
});

describe("time limits and aborts", () => {
  it("retries an attempt that outlives attemptMs", async () => {
    const { vpcep, requests } = clientWith(["hang", json(200, endpoint)], { timeout: { attemptMs: 20 } });
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it("throws a VpcepTimeoutError for the attempt when every attempt is too slow", async () => {
    const { vpcep } = clientWith(["hang"], { timeout: { attemptMs: 10 }, retry: { baseDelayMs: 0, maxAttempts: 2 } });
    await expect(vpcep.getEndpoint("e1")).rejects.toMatchObject({ kind: "timeout", limit: "attempt", timeoutMs: 10 });
  });

  it("counts a body that stalls after the headers against the attempt", async () => {
    const { vpcep, requests } = clientWith([stalledBody, json(200, endpoint)], { timeout: { attemptMs: 20 } });
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it("throws a VpcepTimeoutError for the call when totalMs runs out, retries included", async () => {
    const { vpcep } = clientWith(["hang"], { timeout: { attemptMs: 1000, totalMs: 30 } });
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepTimeoutError);
    expect(error).toMatchObject({ limit: "total", timeoutMs: 30 });
  });

  it("does not send the retry after a token refresh once the call's time is up", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const token = () => (++calls === 1 ? "old" : new Promise<string>((resolve) => setTimeout(() => resolve("new"), 100)));
    const { vpcep, requests } = clientWith([json(401, {}), json(200, endpoint)], { token, timeout: { totalMs: 50 } });
    const call = vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(100);
    expect(await call).toMatchObject({ kind: "timeout", limit: "total" });
    expect(requests).toHaveLength(1);
  });

  it("keeps its time limits when the wall clock jumps", async () => {
    vi.useFakeTimers();
    const { vpcep, requests } = clientWith(["hang", json(200, endpoint)], { timeout: { attemptMs: 1000, totalMs: 5000 } });
    const call = vpcep.getEndpoint("e1");
    vi.setSystemTime(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await call).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it("lets the caller's AbortSignal win over retries", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = clientWith(["hang"]);
    const call = vpcep.getEndpoint("e1", { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort(new Error("user cancelled"));
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepAbortError);
    expect((error as Error).message).toContain("user cancelled");
    expect(requests).toHaveLength(1);
  });

  it("stops waiting between attempts when the caller aborts", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = clientWith([json(503, {}, { "retry-after": "10" })]);
    const call = vpcep.getEndpoint("e1", { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(VpcepAbortError);
  });

  it("hands every attempt a signal of its own, which ends with the attempt", async () => {
    const signals: AbortSignal[] = [];
    const { vpcep } = clientWith([(_request, signal) => (signals.push(signal), json(503, {})), json(200, endpoint)]);
    await Promise.all([vpcep.getEndpoint("e1"), vpcep.getEndpoint("e2")]);
    expect(new Set(signals).size).toBe(signals.length);
    expect(signals.some((signal) => signal.aborted)).toBe(false);
  });

  it("aborts only the call whose caller aborts, not the calls sharing its deadline", async () => {
    const controller = new AbortController();
    let answer: (response: Response) => void = () => undefined;
    const { vpcep, requests } = clientWith(["hang", () => new Promise<Response>((resolve) => (answer = resolve))]);
    const aborted = vpcep.getEndpoint("e1", { signal: controller.signal });
    const other = vpcep.getEndpoint("e2");
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(VpcepAbortError);
    answer(json(200, endpoint));
    expect((await other).data).toEqual(endpoint);
  });

  it("does not send a call whose signal is already aborted", async () => {
    const { vpcep } = clientWith([json(200, endpoint)]);
    await expect(vpcep.getEndpoint("e1", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(VpcepAbortError);
  });
});

describe("malformed responses", () => {
  const broken = () => new Response('{"id": "e1", "status": ', { status: 200, headers: { "content-type": "application/json" } });

  it("retries a GET whose success body is not valid JSON", async () => {
    const { vpcep, requests } = clientWith([broken, json(200, endpoint)]);
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it("throws a VpcepResponseError when every answer is malformed", async () => {
    const { vpcep } = clientWith([broken]);
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepResponseError);
    expect(error).toMatchObject({ kind: "response", status: 200 });
  });

  it("does not retry a create whose success body is malformed", async () => {
    const { vpcep, requests } = clientWith([broken]);
    await expect(vpcep.createEndpoint(createBody)).rejects.toBeInstanceOf(VpcepResponseError);
    expect(requests).toHaveLength(1);
  });

  it("retries a GET whose success body is not JSON at all, e.g. a proxy's HTML page", async () => {
    const page = () => new Response("<html>Sign in to the Wi-Fi</html>", { status: 200, headers: { "content-type": "text/html" } });
    const { vpcep, requests } = clientWith([page, json(200, endpoint)]);
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it("counts an error body that stalls against the attempt", async () => {
    const stalledError = (request: Request, signal: AbortSignal) => {
      const stalled = stalledBody(request, signal);
      return new Response(stalled.body, { status: 503, headers: { "content-type": "text/html" } });
    };
    const { vpcep, requests } = clientWith([stalledError, json(200, endpoint)], { timeout: { attemptMs: 20 } });
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(requests).toHaveLength(2);
  });

  it("hands an error status with a non-JSON body to the caller as text, with the status", async () => {
    const html = new Response("<html>Bad Gateway</html>", { status: 400, headers: { "content-type": "application/json" } });
    const { vpcep } = clientWith([html]);
    const { error, response } = await vpcep.getEndpoint("e1");
    expect(response.status).toBe(400);
    expect(error).toEqual({ status: 400, text: "<html>Bad Gateway</html>" });
  });
});
