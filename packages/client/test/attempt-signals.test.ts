import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAttemptSignals, DEADLINE_GRID_MS, MAX_ATTEMPTS_PER_DEADLINE } from "../src/attempt-signals.js";

afterEach(() => {
  vi.useRealTimers();
});

/** Attempt signals on fake timers, with the clock just past a grid point. */
function fakeClock(start = 1_000_001) {
  vi.useFakeTimers({ now: start });
  return createAttemptSignals(Date.now);
}

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

describe("attempt signals without a caller's signal", () => {
  it("share one signal among attempts whose deadlines fall on the same grid point", () => {
    const attemptSignal = fakeClock();
    const first = attemptSignal(30_000, undefined);
    vi.advanceTimersByTime(DEADLINE_GRID_MS / 2);
    const second = attemptSignal(30_000, undefined);
    expect(second.signal).toBe(first.signal);
  });

  it("give an attempt with a later deadline another signal", () => {
    const attemptSignal = fakeClock();
    const first = attemptSignal(30_000, undefined);
    expect(attemptSignal(30_000 + DEADLINE_GRID_MS, undefined).signal).not.toBe(first.signal);
  });

  it("abort an attempt in flight once its limit has passed, at most two grid steps late", () => {
    const attemptSignal = fakeClock();
    const attempt = attemptSignal(100, undefined);
    vi.advanceTimersByTime(100);
    expect(attempt.signal.aborted).toBe(false);
    vi.advanceTimersByTime(2 * DEADLINE_GRID_MS);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.timedOut()).toBe(true);
  });

  it("abort every attempt in flight that shares the deadline", () => {
    const attemptSignal = fakeClock();
    const first = attemptSignal(100, undefined);
    const second = attemptSignal(100, undefined);
    vi.advanceTimersByTime(100 + 2 * DEADLINE_GRID_MS);
    expect([first.timedOut(), second.timedOut()]).toEqual([true, true]);
  });

  it("never abort once every attempt sharing the deadline has ended", () => {
    const attemptSignal = fakeClock();
    const attempt = attemptSignal(100, undefined);
    attempt.release();
    vi.advanceTimersByTime(10_000);
    expect(attempt.signal.aborted).toBe(false);
  });

  it("hand out a fresh signal after a deadline has passed", () => {
    const attemptSignal = fakeClock();
    const spent = attemptSignal(100, undefined);
    vi.advanceTimersByTime(100 + 2 * DEADLINE_GRID_MS);
    const next = attemptSignal(100, undefined);
    expect(next.signal).not.toBe(spent.signal);
    expect(next.signal.aborted).toBe(false);
  });

  it("abort the attempts in flight on a full deadline and on the one that replaced it, leaving no timer", () => {
    const attemptSignal = fakeClock();
    const attempts = Array.from({ length: MAX_ATTEMPTS_PER_DEADLINE + 1 }, () => attemptSignal(100, undefined));
    const [first, last] = [attempts[0]!, attempts.at(-1)!];
    vi.advanceTimersByTime(100 + 2 * DEADLINE_GRID_MS);
    expect([first.timedOut(), last.timedOut()]).toEqual([true, true]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it(`hand one deadline to at most ${MAX_ATTEMPTS_PER_DEADLINE} attempts`, () => {
    const attemptSignal = fakeClock();
    const signals = new Set(Array.from({ length: MAX_ATTEMPTS_PER_DEADLINE + 1 }, () => attemptSignal(100, undefined).signal));
    expect(signals.size).toBe(2);
  });

  it("never keep Node's process alive, as AbortSignal.timeout() does not", () => {
    const attemptSignal = createAttemptSignals(() => performance.now());
    const before = timers();
    const attempt = attemptSignal(30_000, undefined);
    expect(timers()).toBe(before);
    attempt.release();
  });

  it("set one timer for all the attempts of a deadline, one after another or side by side", () => {
    const attemptSignal = fakeClock();
    const setTimer = vi.spyOn(globalThis, "setTimeout");
    attemptSignal(30_000, undefined).release();
    attemptSignal(30_000, undefined).release();
    const inFlight = attemptSignal(30_000, undefined);
    attemptSignal(30_000, undefined).release();
    inFlight.release();
    expect(setTimer).toHaveBeenCalledTimes(1);
  });

  it("clear the timer of an idle deadline once a later one is handed out", () => {
    const attemptSignal = fakeClock();
    attemptSignal(30_000, undefined).release();
    vi.advanceTimersByTime(DEADLINE_GRID_MS);
    attemptSignal(30_000, undefined).release();
    expect(vi.getTimerCount()).toBe(1);
  });

  it("clear the timer of a replaced deadline when its last attempt ends", () => {
    const attemptSignal = fakeClock();
    const early = attemptSignal(30_000, undefined);
    vi.advanceTimersByTime(DEADLINE_GRID_MS);
    const late = attemptSignal(30_000, undefined);
    expect(vi.getTimerCount()).toBe(2);
    early.release();
    expect(vi.getTimerCount()).toBe(1);
    late.release();
    expect(vi.getTimerCount()).toBe(1);
  });

  it("clear an idle deadline's timer at once where timers cannot be unref'd, as in browsers", () => {
    const cleared: unknown[] = [];
    vi.stubGlobal("setTimeout", () => 7);
    vi.stubGlobal("clearTimeout", (timer: unknown) => cleared.push(timer));
    try {
      const attemptSignal = createAttemptSignals(() => 1_000);
      const first = attemptSignal(30_000, undefined);
      first.release();
      expect(cleared).toEqual([7]);
      expect(attemptSignal(30_000, undefined).signal).not.toBe(first.signal);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("still abort an attempt that comes after an idle spell", () => {
    const attemptSignal = fakeClock();
    attemptSignal(100, undefined).release();
    const later = attemptSignal(100, undefined);
    vi.advanceTimersByTime(100 + 2 * DEADLINE_GRID_MS);
    expect(later.timedOut()).toBe(true);
  });
});

describe("attempt signals with a caller's signal", () => {
  it("follow the caller's abort without aborting the attempts sharing the deadline", () => {
    const attemptSignal = fakeClock();
    const caller = new AbortController();
    const followed = attemptSignal(100, caller.signal);
    const other = attemptSignal(100, undefined);
    caller.abort(new Error("cancelled"));
    expect(followed.signal.aborted).toBe(true);
    expect(followed.signal.reason).toEqual(new Error("cancelled"));
    expect(followed.timedOut()).toBe(false);
    expect(other.signal.aborted).toBe(false);
  });

  it("abort at the time limit too, and say so", () => {
    const attemptSignal = fakeClock();
    const attempt = attemptSignal(100, new AbortController().signal);
    vi.advanceTimersByTime(100 + 2 * DEADLINE_GRID_MS);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.timedOut()).toBe(true);
  });

  it("add no listener to the shared deadline, however many attempts follow it", () => {
    const attemptSignal = fakeClock();
    const plain = attemptSignal(100, undefined);
    for (let i = 0; i < 20; i++) attemptSignal(100, new AbortController().signal);
    expect(getEventListeners(plain.signal, "abort")).toHaveLength(0);
  });

  it("stop listening to the caller's signal when the attempt ends", () => {
    const attemptSignal = fakeClock();
    const caller = new AbortController();
    const attempt = attemptSignal(100, caller.signal);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    attempt.release();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("are no longer aborted by the deadline once ended", () => {
    const attemptSignal = fakeClock();
    const ended = attemptSignal(100, new AbortController().signal);
    const inFlight = attemptSignal(100, undefined);
    ended.release();
    vi.advanceTimersByTime(100 + 2 * DEADLINE_GRID_MS);
    expect([ended.signal.aborted, inFlight.signal.aborted]).toEqual([false, true]);
  });

  it("start aborted when the caller's signal already is", () => {
    const attemptSignal = fakeClock();
    expect(attemptSignal(100, AbortSignal.abort()).signal.aborted).toBe(true);
  });
});
