import { VpcepAbortError } from "../errors.js";
import { pause } from "../pause.js";
import type { RetryPolicy } from "../retry.js";
import type { Call } from "./call.js";
import type { Logger } from "./log.js";
import type { Send } from "./policy.js";
import type { ReadResponse } from "./response-body.js";
import { decideRetry, type AttemptOutcome } from "./retry-decision.js";

/** The signal of an attempt before `attemptLimits` gives it one of its own: one that never aborts. */
const NOT_YET_LIMITED = new AbortController().signal;

export interface RetryClock {
  /** Monotonic ms, the clock of the call's deadline. */
  now(): number;
  /** The wall clock in ms, for `Retry-After` dates. */
  wallTime(): number;
  /** A number from [0, 1), for the jitter. */
  random(): number;
}

/**
 * Sends the attempts of a call, each a fresh copy of the request, until one is worth
 * keeping or `decideRetry` gives up; then the last response is returned, or the last
 * error thrown. Between attempts it pauses as decided, and stops when the caller aborts.
 */
export function retrying(sendAttempt: Send, policy: RetryPolicy, clock: RetryClock, logger: Logger | undefined) {
  return async (call: Call): Promise<ReadResponse> => {
    for (let number = 1; ; number++) {
      let outcome: AttemptOutcome;
      try {
        outcome = { response: await sendAttempt({ call, number, request: call.nextRequest(), signal: call.signal ?? NOT_YET_LIMITED }) };
      } catch (error) {
        outcome = { error };
      }
      // A success is never retried: the clocks and the jitter are not consulted for one.
      if ("response" in outcome && outcome.response.ok) return outcome.response;
      const moment = { method: call.method, remainingMs: call.deadline - clock.now(), wallTime: clock.wallTime(), random: clock.random() };
      const decision = decideRetry(outcome, number, policy, moment);
      if (!decision.retry) {
        if ("error" in outcome) throw outcome.error;
        return outcome.response;
      }
      logger?.({ event: "retry", ...call.facts, attempt: number, reason: decision.reason, delayMs: decision.delayMs });
      if (decision.delayMs > 0) await pause(decision.delayMs, call.signal, () => new VpcepAbortError(call.describe(), call.signal?.reason));
    }
  };
}
