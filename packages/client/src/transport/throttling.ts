import type { ReadResponse } from "./response-body.js";

/** The service's "The number of requests exceeded the limit", sent with HTTP 400. */
export const THROTTLED_CODE = "EndPoint.0022";

/** Whether the service asks the client to slow down: 429, or a 400 with `EndPoint.0022`. */
export function isThrottled(response: ReadResponse): boolean {
  return response.status === 429 || (response.status === 400 && response.serviceErrorCode() === THROTTLED_CODE);
}

/** The HTTP-date forms of RFC 9110: IMF-fixdate, and the obsolete RFC 850 and asctime forms. */
const HTTP_DATE = [
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * The wait a `Retry-After` header asks for, in ms: a non-negative whole number of seconds,
 * or an HTTP date in the future (`wallTime` is now, on the wall clock). Anything else, a
 * negative or fractional number, a date in the past or an unreadable text, is undefined,
 * and the backoff applies.
 */
export function retryAfterMs(header: string | null, wallTime: number): number | undefined {
  const text = header?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.some((form) => form.test(text))) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) || date <= wallTime ? undefined : date - wallTime;
}
