import { VpcepAbortError, VpcepTimeoutError } from "../errors.js";
import type { TimeoutOptions } from "../retry.js";
import type { Attempt, Policy } from "./policy.js";

/**
 * Ends each attempt at its own time limit or at the call's deadline, whichever comes first,
 * or when the caller aborts. Everything the attempt does is covered: waiting for
 * credentials, the request, the answer and its whole body. A failure the signal caused
 * becomes a `VpcepAbortError` (the caller) or a `VpcepTimeoutError` naming the limit that
 * ran out; any other failure passes through as it is.
 */
export function attemptLimits(timeout: Required<TimeoutOptions>, now: () => number): Policy {
  return async (attempt, next) => {
    const { call } = attempt;
    const caller = call.signal;
    const remaining = call.deadline - now();
    if (caller?.aborted) throw new VpcepAbortError(call.describe(), caller.reason);
    // A retry is not decided on unless time is left for it; this guards the limit all the same.
    if (remaining <= 0) throw timedOut(attempt, "total", timeout.totalMs);
    const byTotal = remaining <= timeout.attemptMs;
    const ending = () => (byTotal ? timedOut(attempt, "total", timeout.totalMs) : timedOut(attempt, "attempt", timeout.attemptMs));
    const limit = limitSignal(caller, byTotal ? remaining : timeout.attemptMs, ending);
    try {
      // Raced against the signal: a custom fetch, a body stream or a provider that ignores it cannot hold the attempt.
      return await limit.race(() => next({ ...attempt, signal: limit.signal }));
    } catch (error) {
      if (caller?.aborted) throw new VpcepAbortError(call.describe(), caller.reason);
      const expired = limit.expired();
      if (expired !== undefined) throw expired;
      throw error;
    } finally {
      limit.release();
    }
  };
}

function timedOut(attempt: Attempt, limit: "attempt" | "total", ms: number): VpcepTimeoutError {
  return new VpcepTimeoutError(attempt.call.describe(), limit, ms, attempt.number);
}

/**
 * A signal that aborts after `ms`, with the error `ending` makes as its reason (so that
 * what waits on it can tell which limit ran out), or when `caller` aborts; and a race that
 * ends with it. Its timer is cleared, and its listener removed, on `release()`: nothing of
 * an attempt outlives it.
 */
function limitSignal(caller: AbortSignal | undefined, ms: number, ending: () => VpcepTimeoutError) {
  const controller = new AbortController();
  let expired: VpcepTimeoutError | undefined;
  // The race's reject, called where the signal is aborted: cheaper than a listener on our own signal.
  let endRace: ((reason: unknown) => void) | undefined;
  const end = (reason: unknown) => {
    controller.abort(reason);
    endRace?.(reason);
  };
  const timer = setTimeout(() => end((expired = ending())), ms);
  const follow = () => end(caller?.reason);
  caller?.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired,
    /** Settles as what `start` starts does, or rejects with the signal's reason as soon as it aborts. */
    race<T>(start: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        endRace = reject;
        start().then(resolve, reject);
      });
    },
    release() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", follow);
    },
  };
}
