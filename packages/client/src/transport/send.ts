import { describeValue, VpcepNetworkError } from "../errors.js";
import type { Attempt, FetchFunction } from "./policy.js";

/**
 * Hands the attempt's request to `fetch` with the attempt's signal. A failure to get an
 * answer, or something that is not one, is a `VpcepNetworkError`; the time limits turn
 * the ones their signal caused into timeouts and aborts.
 */
export async function fetchAttempt(fetch: FetchFunction, attempt: Attempt): Promise<Response> {
  if (attempt.signal.aborted) throw attempt.signal.reason;
  let answer: unknown;
  try {
    answer = await fetch(attempt.request, { signal: attempt.signal });
  } catch (error) {
    throw new VpcepNetworkError(attempt.call.facts, attempt.number, error);
  }
  // A fetch that ignored the signal may answer after the attempt gave up: nothing may act on that answer.
  if (attempt.signal.aborted) {
    if (answer instanceof Response) void answer.body?.cancel().catch(() => {});
    throw attempt.signal.reason;
  }
  // A network error as a custom fetch may report it (`Response.error()`), or not a response at all.
  if (!(answer instanceof Response) || answer.type === "error") {
    const got = answer instanceof Response ? "a network error response" : describeValue(answer);
    throw new VpcepNetworkError(attempt.call.facts, attempt.number, new TypeError(`fetch resolved to ${got}, not an answer`));
  }
  return answer;
}
