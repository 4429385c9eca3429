import { VpcepNetworkError } from "../errors.js";
import type { Attempt, FetchFunction } from "./policy.js";

/**
 * Hands the attempt's request to `fetch` with the attempt's signal. A failure to get an
 * answer is a `VpcepNetworkError`; the time limits turn the ones their signal caused into
 * timeouts and aborts.
 */
export async function fetchAttempt(fetch: FetchFunction, attempt: Attempt): Promise<Response> {
  if (attempt.signal.aborted) throw attempt.signal.reason;
  try {
    return await fetch(attempt.request, { signal: attempt.signal });
  } catch (error) {
    throw new VpcepNetworkError(attempt.call.facts, attempt.number, error);
  }
}
