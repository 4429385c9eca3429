import { VpcepNetworkError, VpcepResponseError, VpcepTimeoutError } from "../errors.js";
import { isRetryableMethod, RETRYABLE_STATUSES, type RetryPolicy } from "../retry.js";
import type { ReadResponse } from "./response-body.js";
import { isThrottledBadRequest, retryAfterMs, THROTTLED_CODE } from "./throttling.js";

/** How an attempt ended: with a response, or with an error. */
export type AttemptOutcome = { response: ReadResponse } | { error: unknown };

/** What the decision needs to know of the moment. */
export interface RetryMoment {
  method: string;
  /** Time left before the call's deadline, in ms. */
  remainingMs: number;
  /** The wall clock now, for a `Retry-After` date. */
  wallTime: number;
  /** A number from [0, 1), for the jitter. */
  random: number;
}

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false };

const GIVE_UP: RetryDecision = { retry: false };

/** The least time worth a retry after its pause: one that would have less is doomed, and only adds load. */
export const MIN_TIME_FOR_A_RETRY_MS = 100;

/**
 * Whether to try again after attempt `attempt`, and after what pause: a pure function of
 * the outcome, the policy and the moment.
 *
 * Retried: network failures, attempt timeouts and broken success bodies, the statuses that
 * say "try again later" (`RETRYABLE_STATUSES`) and the service's throttling code, for GET,
 * PUT and DELETE (POST only with `retryPost`). The pause is what `Retry-After` asks for, or
 * a full-jitter backoff; a `Retry-After` over `maxRetryAfterMs`, or a pause that would leave
 * less than `MIN_TIME_FOR_A_RETRY_MS` before the deadline, gives up instead.
 */
export function decideRetry(outcome: AttemptOutcome, attempt: number, policy: RetryPolicy, moment: RetryMoment): RetryDecision {
  const reason = retryableReason(outcome);
  if (reason === undefined || !isRetryableMethod(moment.method, policy) || attempt >= policy.maxAttempts) return GIVE_UP;
  const asked = "response" in outcome ? retryAfterMs(outcome.response.headers.get("retry-after"), moment.wallTime) : undefined;
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return GIVE_UP;
  const delayMs = asked ?? backoffDelay(attempt, policy, moment.random);
  if (moment.remainingMs - delayMs < MIN_TIME_FOR_A_RETRY_MS) return GIVE_UP;
  return { retry: true, delayMs, reason };
}

/** Why the outcome is worth another attempt, for the log; undefined if it is not. */
function retryableReason(outcome: AttemptOutcome): string | undefined {
  if ("response" in outcome) {
    const { response } = outcome;
    if (isThrottledBadRequest(response)) return `status 400 ${THROTTLED_CODE} (throttled)`;
    return RETRYABLE_STATUSES.has(response.status) ? `status ${response.status}` : undefined;
  }
  const { error } = outcome;
  if (error instanceof VpcepNetworkError) return "a network error";
  if (error instanceof VpcepResponseError) return "a malformed response body";
  if (error instanceof VpcepTimeoutError && error.limit === "attempt") return "the attempt timed out";
  return undefined;
}

/** Full jitter: a delay drawn from 0 to min(max, base × 2^(retry − 1)), `random` in [0, 1). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random * ceiling);
}
