import type { Policy } from "./policy.js";

/** What the client reports about its requests; never headers, tokens, keys or signatures. */
export type LogEntry =
  | { event: "response"; method: string; url: string; attempt: number; status: number; durationMs: number }
  | { event: "retry"; method: string; url: string; attempt: number; reason: string; delayMs: number };

export type Logger = (entry: LogEntry) => void;

/**
 * Reports every response with its attempt and how long it took, body included. A logger
 * that throws stops the call with its own error.
 */
export function responseLog(logger: Logger, now: () => number): Policy {
  return async (attempt, next) => {
    const started = now();
    const response = await next(attempt);
    logger({ event: "response", ...attempt.call.facts, attempt: attempt.number, status: response.status, durationMs: now() - started });
    return response;
  };
}
