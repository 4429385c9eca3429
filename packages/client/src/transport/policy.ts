import type { Call } from "./call.js";
import type { ReadResponse } from "./response-body.js";

/**
 * A `fetch` that the client calls with a fully built `Request`, and an init whose `signal`
 * aborts when the attempt must stop (time limit, caller's abort); honour it, as the global
 * `fetch` does, so that an abandoned attempt frees its connection. The request asks for
 * redirects not to be followed (`redirect: "manual"`); honour that too.
 */
export type FetchFunction = (request: Request, init?: { signal: AbortSignal }) => Promise<Response>;

/** One try at a call: what is sent, and the signal that ends it. */
export interface Attempt {
  readonly call: Call;
  /** 1 for the first try; a re-send with refreshed credentials keeps the number. */
  readonly number: number;
  readonly request: Request;
  readonly signal: AbortSignal;
}

/** Sends an attempt and delivers its response, body read. */
export type Send = (attempt: Attempt) => Promise<ReadResponse>;

/** One concern of the transport: it may change the attempt, send it on with `next`, and judge what comes back. */
export type Policy = (attempt: Attempt, next: Send) => Promise<ReadResponse>;

/** The policies around `send`, the first one outermost. */
export function chain(policies: readonly Policy[], send: Send): Send {
  return policies.reduceRight<Send>((next, policy) => (attempt) => policy(attempt, next), send);
}
