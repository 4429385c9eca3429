/** How failed calls are tried again. */
export interface RetryOptions {
  /** Attempts in all, the first included: 1 turns retries off. Default 3. */
  maxAttempts?: number;
  /** The first backoff ceiling; it doubles with each retry. Default 100 ms. */
  baseDelayMs?: number;
  /** The highest backoff ceiling. Default 20 000 ms. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client waits for. A longer one ends the retries and the
   * response is returned, so the call does not hammer a service that asked for a pause.
   * Default 20 000 ms.
   */
  maxRetryAfterMs?: number;
  /**
   * Retry POST too. Off by default: a create that reached the service but whose answer
   * was lost would be sent again, and create a second endpoint or service.
   */
  retryPost?: boolean;
}

/** Time limits of a call. */
export interface TimeoutOptions {
  /** The limit of one attempt, until the response body has arrived. Default 30 000 ms. */
  attemptMs?: number;
  /** The limit of the whole call, retries and their waits included. Default 120 000 ms. */
  totalMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 20_000,
  retryPost: false,
};

export const DEFAULT_TIMEOUT: Required<TimeoutOptions> = { attemptMs: 30_000, totalMs: 120_000 };

/** Statuses that say "try again later": timeout, throttling and passing server trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function isRetryableMethod(method: string, policy: RetryPolicy): boolean {
  return IDEMPOTENT_METHODS.has(method) || (policy.retryPost && method === "POST");
}
