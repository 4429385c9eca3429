import type { ReadResponse } from "./response-body.js";

/** The service's "The number of requests exceeded the limit", sent with HTTP 400. */
export const THROTTLED_CODE = "EndPoint.0022";

/** Whether a 400 is the service asking the client to slow down (`EndPoint.0022`), which is retried like a 429. */
export function isThrottledBadRequest(response: ReadResponse): boolean {
  return response.status === 400 && response.serviceErrorCode() === THROTTLED_CODE;
}

/**
 * The wait a `Retry-After` header asks for, in ms: a non-negative whole number of seconds,
 * or an HTTP date in the future (`wallTime` is now, on the wall clock). Every HTTP-date
 * form starts with the day's name, which tells a date from the numbers `Date.parse` also
 * reads (it takes "-1" and "1.5" for dates). Anything else, a negative or fractional
 * number, a date in the past or an unreadable text, is undefined: the backoff applies.
 */
export function retryAfterMs(header: string | null, wallTime: number): number | undefined {
  const text = header?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // The asctime form names no zone, and Date.parse would take it for local time: it is GMT.
  const date = /^[A-Z][a-z]{2}/.test(text) ? Date.parse(text.endsWith("GMT") ? text : `${text} GMT`) : NaN;
  return date > wallTime ? date - wallTime : undefined;
}
