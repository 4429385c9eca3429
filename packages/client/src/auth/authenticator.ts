import type { Attempt } from "../transport/policy.js";

/** How a request proves who sends it: each send of a call is authorized afresh. */
export interface Authenticator {
  /**
   * Puts credentials on the attempt's request (its headers are the attempt's own) and
   * resolves to what it used. Waits for credentials no longer than the attempt's signal allows.
   */
  authorize(attempt: Attempt): Promise<unknown>;
  /**
   * After a 401 (`response`) to a request authorized with `used`: whether fresh credentials
   * are there, so that the request is worth sending once more.
   */
  refreshAfterUnauthorized(used: unknown, response: Response, signal: AbortSignal): Promise<boolean>;
}
