import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { VpcepAbortError, VpcepTimeoutError } from "../src/errors.js";
import { Call, CallRequest } from "../src/transport/call.js";
import { attemptLimits } from "../src/transport/limits.js";
import type { Attempt, Send } from "../src/transport/policy.js";

const timeout = { attemptMs: 100, totalMs: 250 };
const now = () => performance.now();

/** A send that never answers, and ignores its signal: only the race can end its attempt. */
const deaf: Send = () => new Promise(() => {});

/** A send that never answers, until its attempt's signal aborts. */
const hanging: Send = (attempt) =>
  new Promise((_, reject) => attempt.signal.addEventListener("abort", () => reject(attempt.signal.reason), { once: true }));

async function attempt(signal?: AbortSignal): Promise<Attempt> {
  const call = await Call.start(new CallRequest("https://vpcep.test/x", signal === undefined ? {} : { signal }), now() + timeout.totalMs);
  return { call, number: 1, request: call.nextRequest(), signal: call.signal ?? new AbortController().signal };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("attemptLimits", () => {
  it("ends an attempt at attemptMs with a VpcepTimeoutError for the attempt", async () => {
    const outcome = attemptLimits(timeout, now)(await attempt(), hanging).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    expect(await outcome).toMatchObject({ limit: "attempt", timeoutMs: 100, attempts: 1 });
  });

  it("ends an attempt at the call's deadline when that comes first, and says so", async () => {
    const first = await attempt();
    vi.advanceTimersByTime(200);
    const outcome = attemptLimits(timeout, now)(first, hanging).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(50);
    expect(await outcome).toMatchObject({ limit: "total", timeoutMs: 250 });
  });

  it("does not start an attempt after the deadline", async () => {
    const late = await attempt();
    vi.advanceTimersByTime(250);
    const send = vi.fn(hanging);
    await expect(attemptLimits(timeout, now)(late, send)).rejects.toBeInstanceOf(VpcepTimeoutError);
    expect(send).not.toHaveBeenCalled();
  });

  it("ends an attempt when the caller aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const outcome = attemptLimits(timeout, now)(await attempt(controller.signal), hanging).catch((error: unknown) => error);
    controller.abort(new Error("user cancelled"));
    const error = await outcome;
    expect(error).toBeInstanceOf(VpcepAbortError);
    expect((error as Error).message).toContain("user cancelled");
  });

  it("ends an attempt whose send ignores the signal at its limit", async () => {
    const timedOut = attemptLimits(timeout, now)(await attempt(), deaf).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    expect(await timedOut).toMatchObject({ limit: "attempt", timeoutMs: 100 });
  });

  it("ends an attempt whose send ignores the signal when the caller aborts", async () => {
    const controller = new AbortController();
    const aborted = attemptLimits(timeout, now)(await attempt(controller.signal), deaf).catch((error: unknown) => error);
    controller.abort(new Error("user cancelled"));
    expect(await aborted).toBeInstanceOf(VpcepAbortError);
  });

  it("turns a send that throws at once into the attempt's failure", async () => {
    const failure = new Error("thrown, not rejected");
    const throwing: Send = () => {
      throw failure;
    };
    await expect(attemptLimits(timeout, now)(await attempt(), throwing)).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes other failures as they are", async () => {
    const failure = new Error("vault sealed");
    await expect(attemptLimits(timeout, now)(await attempt(), () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it("leaves no timer and no listener behind once the attempt is over", async () => {
    const first = await attempt(new AbortController().signal);
    const listeners = vi.spyOn(first.call.signal!, "removeEventListener");
    await attemptLimits(timeout, now)(first, async () => new Response() as never);
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners).toHaveBeenCalledTimes(1);
  });
});
