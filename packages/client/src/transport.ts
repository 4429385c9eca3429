import type { Authenticator } from "./auth/token.js";
import { VpcepAbortError, VpcepNetworkError, VpcepResponseError, VpcepTimeoutError } from "./errors.js";
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
  now: () => number;
}

type Attempt =
  | { outcome: "response"; response: Response }
  | { outcome: "retry"; reason: string; response?: Response; refreshed?: true }
  | { outcome: "failed"; error: unknown };

/** The URL without its query: enough to tell requests apart in messages and logs. */
function describedUrl(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? url : url.slice(0, index);
}

/**
 * The `fetch` the client hands to openapi-fetch: it authorizes each attempt, enforces the
 * time limits, retries what is safe to retry, turns transport failures into typed errors,
 * and delivers int64 fields as strings.
 */
export function createTransport(config: TransportConfig): FetchFunction {
  const { retry, timeout } = config;

  return async function send(original: Request): Promise<Response> {
    const method = original.method;
    // The URL and the description are only needed for retries, errors and logs; reading
    // a Request's URL costs a serialisation, so it waits until then.
    let described: { method: string; url: string } | undefined;
    const facts = () => (described ??= { method, url: describedUrl(original.url) });
    const what = () => `${method} ${facts().url}`;
    // openapi-fetch puts the caller's signal, if any, on the request it builds.
    const callerSignal: AbortSignal | undefined = original.signal;
    const retryable = isRetryableMethod(method, retry);
    const started = config.now();
    const deadline = started + timeout.totalMs;
    // Later attempts need the body again; the first one sends the original request.
    const spareBody = original.body === null ? undefined : await original.clone().arrayBuffer();
    let refreshed = false;
    let lastError: unknown;
    let limitHit: "attempt" | "total" | undefined;

    const stopped = (): Error | undefined => {
      if (callerSignal?.aborted) return new VpcepAbortError(what(), callerSignal.reason);
      if (limitHit === "total") return new VpcepTimeoutError(what(), "total", timeout.totalMs);
      return undefined;
    };

    for (let attempt = 1; ; attempt++) {
      // One controller per attempt, aborted by the caller's signal, the attempt's time limit
      // or the call's deadline, whichever comes first. Its signal goes to fetch as an init,
      // not into the Request: a signal makes a Request several times dearer to build.
      const controller = new AbortController();
      const remaining = deadline - config.now();
      const limit: "attempt" | "total" = remaining <= timeout.attemptMs ? "total" : "attempt";
      const timer = setTimeout(() => {
        limitHit = limit;
        controller.abort(new VpcepTimeoutError(what(), limit, limit === "total" ? timeout.totalMs : timeout.attemptMs));
      }, Math.max(0, Math.min(remaining, timeout.attemptMs)));
      // The request's signal dies with the request, so the listener is never removed.
      const abortWithCaller = () => controller.abort(callerSignal?.reason);
      if (callerSignal?.aborted) abortWithCaller();
      else callerSignal?.addEventListener("abort", abortWithCaller, { once: true });
      limitHit = undefined;

      // A failure of the transport (not of the service): typed, and retried when safe.
      const failure = (error: unknown): Attempt => {
        const stop = stopped();
        if (stop !== undefined) return { outcome: "failed", error: stop };
        if (error instanceof VpcepResponseError) {
          if (error.status < 200 || error.status >= 300) return { outcome: "failed", error };
          lastError = error;
          return { outcome: "retry", reason: "a malformed response body" };
        }
        const timedOut = limitHit === "attempt";
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
        const attemptStarted = config.now();
        try {
          if (controller.signal.aborted) throw controller.signal.reason;
          // The attempt's signal covers the answer and its body: a body that stalls uses up
          // the attempt. A custom fetch must honour it, as the global fetch does.
          const response = await config.fetch(authorized, { signal: controller.signal });
          config.logger?.({ event: "response", ...facts(), attempt, status: response.status, durationMs: config.now() - attemptStarted });
          if (response.status === 401 && !refreshed && (await config.auth.refreshAfterUnauthorized(used))) {
            refreshed = true;
            discard(response);
            result = { outcome: "retry", reason: "401, retrying with a refreshed token", refreshed: true };
          } else if (RETRYABLE_STATUSES.has(response.status)) {
            result = { outcome: "retry", reason: `status ${response.status}`, response };
          } else {
            result = { outcome: "response", response: await withLosslessJson(response, facts) };
          }
        } catch (error) {
          result = failure(error);
        }
      } finally {
        clearTimeout(timer);
      }

      if (result.outcome === "response") return result.response;
      if (result.outcome === "failed") throw result.error;

      const giveUp = (): Promise<Response> => {
        if (result.response !== undefined) return withLosslessJson(result.response, facts);
        if (lastError instanceof VpcepTimeoutError || lastError instanceof VpcepResponseError) throw lastError;
        throw new VpcepNetworkError(facts(), attempt, lastError);
      };
      let delay = 0;
      if (result.refreshed !== true) {
        if (!retryable || attempt >= retry.maxAttempts) return giveUp();
        const asked = result.response && retryAfterMs(result.response.headers.get("retry-after"), config.now());
        if (asked !== undefined && asked > retry.maxRetryAfterMs) return giveUp();
        delay = asked ?? backoffDelay(attempt, retry, config.random);
        if (config.now() + delay >= deadline) return giveUp();
      }
      if (result.response !== undefined) discard(result.response);
      config.logger?.({ event: "retry", ...facts(), attempt, reason: result.reason, delayMs: delay });
      if (delay > 0) await pause(delay, callerSignal, () => new VpcepAbortError(what(), callerSignal?.reason));
      // A retry with a refreshed token does not use up an attempt.
      if (result.refreshed === true) attempt--;
    }
  };
}

/** Frees the connection of a response the caller will not see, without waiting for it. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * Reads a JSON body and checks that a success body parses; then hands openapi-fetch the
 * text with int64 fields quoted, so that they stay exact. The response object is kept
 * (building a new one costs more than the rest of the call): its `text()` and `json()`
 * answer with the quoted body. Other bodies pass through untouched.
 */
async function withLosslessJson(response: Response, request: () => { method: string; url: string }): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  if (response.status === 204 || !/[/+]json\b/i.test(type)) return response;
  const text = quoteInt64Fields(await response.text());
  let parsed: unknown;
  if (text.trim() !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      // An error status with a broken body still reaches the caller as that error.
      if (response.ok) throw new VpcepResponseError(request(), response.status, "a body that is not valid JSON");
    }
  }
  response.text = async () => text;
  response.json = async () => (parsed === undefined ? JSON.parse(text) : parsed);
  return response;
}
