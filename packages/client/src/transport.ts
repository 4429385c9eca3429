import { createAttemptSignals } from "./attempt-signals.js";
import type { Authenticator } from "./auth/token.js";
import { mayBeAborted } from "./call-request.js";
import { VpcepAbortError, VpcepNetworkError, VpcepResponseError, VpcepTimeoutError, withoutQuery } from "./errors.js";
import type { FetchFunction } from "./options.js";
import { pause } from "./pause.js";
import { quoteInt64Fields } from "./precision.js";
import {
  backoffDelay,
  isRetryableMethod,
  retryAfterMs,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  type TimeoutOptions,
} from "./retry.js";

/** What the client reports about its requests; never headers, tokens, keys or signatures. */
export type LogEntry =
  | { event: "response"; method: string; url: string; attempt: number; status: number; durationMs: number }
  | { event: "retry"; method: string; url: string; attempt: number; reason: string; delayMs: number };

export type Logger = (entry: LogEntry) => void;

export interface TransportConfig {
  fetch: FetchFunction;
  auth: Authenticator;
  retry: RetryPolicy;
  timeout: Required<TimeoutOptions>;
  logger: Logger | undefined;
  random: () => number;
  /** A monotonic clock in ms for the time limits and durations (a wall clock may jump). */
  now: () => number;
}

/**
 * The `fetch` the client hands to openapi-fetch: it authorizes each attempt, enforces the
 * time limits, retries what is safe to retry, turns transport failures into typed errors,
 * and delivers int64 fields as strings.
 */
export function createTransport(config: TransportConfig): FetchFunction {
  const { retry, timeout, now } = config;
  const attemptSignal = createAttemptSignals(now);

  return async function send(original: Request): Promise<Response> {
    const method = original.method;
    // The URL and the description are only needed for retries, errors and logs; reading
    // a Request's URL costs a serialisation, so it waits until then.
    let described: { method: string; url: string } | undefined;
    const facts = () => (described ??= { method, url: withoutQuery(original.url) });
    const what = () => `${method} ${facts().url}`;
    const outOfTime = () => new VpcepTimeoutError(what(), "total", timeout.totalMs);
    // openapi-fetch puts the caller's signal, if any, on the request it builds.
    const callerSignal = mayBeAborted(original) ? original.signal : undefined;
    const deadline = now() + timeout.totalMs;
    // Later attempts need the body again; the first one sends the original request.
    const spareBody = original.body === null ? undefined : await original.clone().arrayBuffer();
    let refreshed = false;

    for (let attempt = 1; ; attempt++) {
      // Each attempt ends at its own time limit or at the call's deadline, whichever comes
      // first, or when the caller aborts. The signal goes to fetch as an init, not into the
      // Request: a signal makes a Request several times dearer to build.
      const remaining = deadline - now();
      // Only a retry after a token refresh can get here that late: it is not sent.
      if (remaining <= 0) throw outOfTime();
      const ending = attemptSignal(Math.min(remaining, timeout.attemptMs), callerSignal);
      // What the call ends with if no attempt is left: an answer worth retrying, or a failure.
      let retryableResponse: Response | undefined;
      let failure: unknown;
      let reason = "";
      try {
        const request =
          attempt === 1
            ? original
            : new Request(original.url, {
                method,
                headers: original.headers,
                ...(spareBody === undefined ? {} : { body: spareBody }),
              });
        // Credentials are outside the retries: a token provider that fails (at first use or
        // when refreshing after a 401) is the caller's to handle; its error reaches the
        // caller as it is.
        const authorization = config.auth.authorize(request);
        const { request: authorized, used } = authorization instanceof Promise ? await authorization : authorization;
        const attemptStarted = config.logger === undefined ? 0 : now();
        let response: Response | undefined;
        try {
          if (ending.signal.aborted) throw ending.signal.reason;
          // The attempt's signal covers the answer and its body: a body that stalls uses up
          // the attempt. A custom fetch must honour it, as the global fetch does.
          const answer = await config.fetch(authorized, { signal: ending.signal });
          response = answer.body === null ? answer : keepBody(answer, await answer.text(), facts);
        } catch (error) {
          // A failure of the transport (not of the service): typed, and retried when safe.
          if (callerSignal?.aborted) throw new VpcepAbortError(what(), callerSignal.reason);
          const timedOut = ending.timedOut();
          if (timedOut && remaining <= timeout.attemptMs) throw outOfTime();
          reason = error instanceof VpcepResponseError ? "a malformed response body" : timedOut ? "the attempt timed out" : "a network error";
          failure = timedOut ? new VpcepTimeoutError(what(), "attempt", timeout.attemptMs) : error;
        }
        if (response !== undefined) {
          // Outside the attempt's error handling: a logger that throws stops the call, as it is.
          config.logger?.({ event: "response", ...facts(), attempt, status: response.status, durationMs: now() - attemptStarted });
          if (response.status === 401 && !refreshed && (await config.auth.refreshAfterUnauthorized(used, response))) {
            // A retry with refreshed credentials (a new token, or a signature with the clock
            // corrected) does not use up an attempt.
            refreshed = true;
            config.logger?.({ event: "retry", ...facts(), attempt, reason: "401, retrying with refreshed credentials", delayMs: 0 });
            attempt--;
            continue;
          }
          if (!RETRYABLE_STATUSES.has(response.status)) return response;
          retryableResponse = response;
          reason = `status ${response.status}`;
        }
      } finally {
        ending.release();
      }

      const giveUp = (): Response => {
        if (retryableResponse !== undefined) return retryableResponse;
        if (failure instanceof VpcepTimeoutError || failure instanceof VpcepResponseError) throw failure;
        throw new VpcepNetworkError(facts(), attempt, failure);
      };
      if (!isRetryableMethod(method, retry) || attempt >= retry.maxAttempts) return giveUp();
      const asked = retryableResponse && retryAfterMs(retryableResponse.headers.get("retry-after"), Date.now());
      if (asked !== undefined && asked > retry.maxRetryAfterMs) return giveUp();
      const delay = asked ?? backoffDelay(attempt, retry, config.random);
      if (now() + delay >= deadline) return giveUp();
      config.logger?.({ event: "retry", ...facts(), attempt, reason, delayMs: delay });
      if (delay > 0) await pause(delay, callerSignal, () => new VpcepAbortError(what(), callerSignal?.reason));
    }
  };
}

/**
 * Keeps the body, read whole within the attempt, so that the attempt's limits cover it and
 * a later abort of a shared deadline finds nothing left to cut. The API answers JSON, and
 * the body is read as JSON whatever its content type (as openapi-fetch does): int64 fields
 * are quoted so that they stay exact, and a success body must parse. The response object
 * is kept (building a new one costs more than the rest of the call): its `text()` and
 * `json()` answer from memory.
 */
function keepBody(response: Response, body: string, request: () => { method: string; url: string }): Response {
  const text = quoteInt64Fields(body);
  let parsed: unknown;
  if (/\S/.test(text)) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // An error status with a body that is not JSON still reaches the caller as that error.
      if (response.ok) throw new VpcepResponseError(request(), response.status, "a body that is not valid JSON");
    }
  }
  response.text = async () => text;
  response.json = async () => (parsed === undefined ? JSON.parse(text) : parsed);
  return response;
}
