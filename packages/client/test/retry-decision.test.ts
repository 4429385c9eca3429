import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, type RetryPolicy } from "../src/retry.js";
import { backoffDelay, decideRetry, MIN_TIME_FOR_A_RETRY_MS, type AttemptOutcome, type RetryMoment } from "../src/transport/retry-decision.js";
import { retryAfterMs } from "../src/transport/throttling.js";
import { VpcepAbortError, VpcepNetworkError, VpcepResponseError, VpcepTimeoutError } from "../src/errors.js";
import { ReadResponse } from "../src/transport/response-body.js";

const facts = { method: "GET", url: "https://vpcep.test/v1/p1/vpc-endpoints/e1" };
const policy: RetryPolicy = { ...DEFAULT_RETRY, baseDelayMs: 100 };
const moment: RetryMoment = { method: "GET", remainingMs: 60_000, wallTime: Date.parse("2026-12-01T12:00:00Z"), random: 0.5 };

function answered(status: number, body = "{}", headers: Record<string, string> = {}): AttemptOutcome {
  return { response: new ReadResponse(new Response(null, { status, headers }), { text: body, byteLength: body.length, bytes: undefined }, undefined, 1) };
}

describe("decideRetry", () => {
  it("retries a passing failure of an idempotent call after a full-jitter backoff", () => {
    expect(decideRetry(answered(503), 1, policy, moment)).toEqual({ retry: true, delayMs: 50, reason: "status 503" });
    expect(decideRetry({ error: new VpcepNetworkError(facts, 1, new Error("reset")) }, 2, policy, moment)).toEqual({
      retry: true,
      delayMs: 100,
      reason: "a network error",
    });
  });

  it("retries an attempt timeout and a broken success body, but not a total timeout or an abort", () => {
    expect(decideRetry({ error: new VpcepTimeoutError("GET x", "attempt", 10, 1) }, 1, policy, moment)).toMatchObject({ retry: true });
    expect(decideRetry({ error: new VpcepResponseError(facts, 200, "an empty body") }, 1, policy, moment)).toMatchObject({ retry: true });
    expect(decideRetry({ error: new VpcepTimeoutError("GET x", "total", 10, 1) }, 1, policy, moment)).toEqual({ retry: false });
    expect(decideRetry({ error: new VpcepAbortError("GET x", undefined) }, 1, policy, moment)).toEqual({ retry: false });
  });

  it("passes on an error it does not know, such as a token provider's", () => {
    expect(decideRetry({ error: new Error("vault sealed") }, 1, policy, moment)).toEqual({ retry: false });
  });

  it("retries the service's throttling code EndPoint.0022 like a 429, and no other 400", () => {
    const throttled = answered(400, '{"error_code":"EndPoint.0022","error_msg":"The number of requests exceeded the limit."}');
    expect(decideRetry(throttled, 1, policy, moment)).toMatchObject({ retry: true, reason: "status 400 EndPoint.0022 (throttled)" });
    expect(decideRetry(answered(400, '{"error":{"code":"EndPoint.0022","message":"x"}}'), 1, policy, moment)).toMatchObject({ retry: true });
    expect(decideRetry(answered(400, '{"error_code":"EndPoint.0002"}'), 1, policy, moment)).toEqual({ retry: false });
    expect(decideRetry(answered(400, "EndPoint.0022 <html>"), 1, policy, moment)).toEqual({ retry: false });
  });

  it("retries POST only with retryPost", () => {
    const post = { ...moment, method: "POST" };
    expect(decideRetry(answered(429), 1, policy, post)).toEqual({ retry: false });
    expect(decideRetry(answered(429), 1, { ...policy, retryPost: true }, post)).toMatchObject({ retry: true });
  });

  it("gives up after maxAttempts", () => {
    expect(decideRetry(answered(503), 3, policy, moment)).toEqual({ retry: false });
  });

  it("waits what a valid Retry-After asks, and gives up when that is over maxRetryAfterMs", () => {
    expect(decideRetry(answered(429, "{}", { "retry-after": "2" }), 1, policy, moment)).toMatchObject({ delayMs: 2000 });
    expect(decideRetry(answered(429, "{}", { "retry-after": "21" }), 1, policy, moment)).toEqual({ retry: false });
  });

  it.each(["-1", "1.5", "Tue, 01 Dec 2026 11:59:00 GMT", "soon", ""])("falls back to the backoff for Retry-After %j", (header) => {
    expect(decideRetry(answered(503, "{}", { "retry-after": header }), 1, policy, moment)).toMatchObject({ retry: true, delayMs: 50 });
  });

  it("gives up when the pause would end past the call's deadline", () => {
    expect(decideRetry(answered(503), 1, policy, { ...moment, remainingMs: 50 })).toEqual({ retry: false });
  });

  it("gives up when the pause would leave less than MIN_TIME_FOR_A_RETRY_MS for the retry", () => {
    expect(decideRetry(answered(503), 1, policy, { ...moment, remainingMs: 50 + MIN_TIME_FOR_A_RETRY_MS - 1 })).toEqual({ retry: false });
    expect(decideRetry(answered(503), 1, policy, { ...moment, remainingMs: 50 + MIN_TIME_FOR_A_RETRY_MS })).toMatchObject({ retry: true });
  });
});

describe("backoffDelay", () => {
  it("draws each delay from 0 to base × 2^(retry − 1), capped at maxDelayMs", () => {
    const capped = { ...policy, maxDelayMs: 20_000 };
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, capped, 0.999999))).toEqual([99, 199, 399, 799]);
    expect(backoffDelay(20, capped, 0.999999)).toBe(19_999);
    expect(backoffDelay(3, capped, 0)).toBe(0);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2024-05-06T09:00:00Z");

  it("reads a non-negative whole number of seconds", () => {
    expect(retryAfterMs("3", now)).toBe(3000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date in the future, in each of its three forms", () => {
    expect(retryAfterMs("Mon, 06 May 2024 09:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Monday, 06-May-24 09:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Mon May  6 09:00:05 2024", now)).toBe(5000);
  });

  it("reads the zone-less asctime form as GMT whatever the local time zone", () => {
    const zone = process.env["TZ"];
    process.env["TZ"] = "America/New_York";
    try {
      expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(300);
      expect(retryAfterMs("Mon May  6 09:00:05 2024", now)).toBe(5000);
    } finally {
      if (zone === undefined) delete process.env["TZ"];
      else process.env["TZ"] = zone;
    }
  });

  it.each(["-1", "1.5", "1e3", "0x10", "Mon, 06 May 2024 08:59:59 GMT", "Mon, 06 May 2024 09:00:00 GMT", "2024-05-06T09:00:05Z", "soon"])(
    "is undefined for %j",
    (header) => expect(retryAfterMs(header, now)).toBeUndefined(),
  );

  it("is undefined without a header", () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
