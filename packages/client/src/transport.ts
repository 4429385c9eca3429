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

type Attempt =
  | { outcome: "response"; response: Response }
  | { outcome: "retry"; reason: string; response?: Response; refreshed?: true }
  | { outcome: "failed"; error: unknown };

/**
 * The `fetch` the client hands to openapi-fetch: it authorizes each attempt, enforces the
 * time limits, retries what is safe to retry, turns transport failures into typed errors,
 * and delivers int64 fields as strings.
 */
export function createTransport(config: TransportConfig): FetchFunction {
  const { retry, timeout } = config;
  const attemptSignal = createAttemptSignals(config.now);

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
    const retryable = isRetryableMethod(method, retry);
    const deadline = config.now() + timeout.totalMs;
    // Later attempts need the body again; the first one sends the original request.
    const spareBody = original.body === null ? undefined : await original.clone().arrayBuffer();
    let refreshed = false;
    let lastError: unknown;

    for (let attempt = 1; ; attempt++) {
      // Each attempt ends at its own time limit or at the call's deadline, whichever comes
      // first, or when the caller aborts. The signal goes to fetch as an init, not into the
      // Request: a signal makes a Request several times dearer to build.
      const remaining = deadline - config.now();
      // Only a retry after a token refresh can get here that late: it is not sent.
      if (remaining <= 0) throw outOfTime();
      const limit: "attempt" | "total" = remaining <= timeout.attemptMs ? "total" : "attempt";
      const ending = attemptSignal(Math.min(remaining, timeout.attemptMs), callerSignal);

      // A failure of the transport (not of the service): typed, and retried when safe.
      const failure = (error: unknown): Attempt => {
        if (callerSignal?.aborted) return { outcome: "failed", error: new VpcepAbortError(what(), callerSignal.reason) };
        const timedOut = ending.timedOut();
        if (timedOut && limit === "total") return { outcome: "failed", error: outOfTime() };
        if (error instanceof VpcepResponseError) {
          if (error.status < 200 || error.status >= 300) return { outcome: "failed", error };
          lastError = error;
          return { outcome: "retry", reason: "a malformed response body" };
        }
        lastError = timedOut ? new VpcepTimeoutError(what(), "attempt", timeout.attemptMs) : error;
        return { outcome: "retry", reason: timedOut ? "the attempt timed out" : "a network error" };
      };

      let result: Attempt;
      try {
        const request =
          attempt === 1
            ? original
            : new Request(original.url, {
                method,
                headers: original.headers,
                ...(spareBody === undefined ? {} : { body: spareBody }),
              });
        // Credentials are outside the retries: a failing token provider is the caller's
        // to handle, and its error reaches the caller as it is.
        const authorization = config.auth.authorize(request);
        const { request: authorized, used } = authorization instanceof Promise ? await authorization : authorization;
        const attemptStarted = config.logger === undefined ? 0 : config.now();
        try {
          if (ending.signal.aborted) throw ending.signal.reason;
          // The attempt's signal covers the answer and its body: a body that stalls uses up
          // the attempt. A custom fetch must honour it, as the global fetch does.
          const answer = await config.fetch(authorized, { signal: ending.signal });
          config.logger?.({ event: "response", ...facts(), attempt, status: answer.status, durationMs: config.now() - attemptStarted });
          const response = await readBody(answer, facts);
          if (response.status === 401 && !refreshed && (await config.auth.refreshAfterUnauthorized(used))) {
            refreshed = true;
            result = { outcome: "retry", reason: "401, retrying with a refreshed token", refreshed: true };
          } else if (RETRYABLE_STATUSES.has(response.status)) {
            result = { outcome: "retry", reason: `status ${response.status}`, response };
          } else {
            result = { outcome: "response", response };
          }
        } catch (error) {
          result = failure(error);
        }
      } finally {
        ending.release();
      }

      if (result.outcome === "response") return result.response;
      if (result.outcome === "failed") throw result.error;

      const giveUp = (): Response => {
        if (result.response !== undefined) return result.response;
        if (lastError instanceof VpcepTimeoutError || lastError instanceof VpcepResponseError) throw lastError;
        throw new VpcepNetworkError(facts(), attempt, lastError);
      };
      let delay = 0;
      if (result.refreshed !== true) {
        if (!retryable || attempt >= retry.maxAttempts) return giveUp();
        const asked = result.response && retryAfterMs(result.response.headers.get("retry-after"), Date.now());
        if (asked !== undefined && asked > retry.maxRetryAfterMs) return giveUp();
        delay = asked ?? backoffDelay(attempt, retry, config.random);
        if (config.now() + delay >= deadline) return giveUp();
      }
      config.logger?.({ event: "retry", ...facts(), attempt, reason: result.reason, delayMs: delay });
      if (delay > 0) await pause(delay, callerSignal, () => new VpcepAbortError(what(), callerSignal?.reason));
      // A retry with a refreshed token does not use up an attempt.
      if (result.refreshed === true) attempt--;
    }
  };
}

/**
 * Reads the whole body within the attempt, so that the attempt's limits cover it and a
 * later abort of a shared deadline finds nothing left to cut. The API answers JSON, and
 * the body is read as JSON whatever its content type (as openapi-fetch does): int64 fields
 * are quoted so that they stay exact, and a success body must parse. The response object
 * is kept (building a new one costs more than the rest of the call): its `text()` and
 * `json()` answer from memory.
 */
async function readBody(response: Response, request: () => { method: string; url: string }): Promise<Response> {
  if (response.body === null) return response;
  const text = quoteInt64Fields(await response.text());
  let parsed: unknown;
  if (text.trim() !== "") {
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
