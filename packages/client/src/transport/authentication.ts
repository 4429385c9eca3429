import type { Authenticator } from "../auth/authenticator.js";
import type { Logger } from "./log.js";
import type { Policy } from "./policy.js";

/**
 * Authorizes each send. When the service answers 401 and the authenticator has fresh
 * credentials (a new token, or a signature with our clock corrected), a fresh copy of the
 * request is sent once more within the same attempt: the service refused the first one
 * unseen, so even a create is safe to repeat, and it does not use up a retry.
 */
export function authentication(auth: Authenticator, logger: Logger | undefined): Policy {
  return async (attempt, next) => {
    const used = await auth.authorize(attempt);
    const response = await next(attempt);
    if (response.status !== 401 || !(await auth.refreshAfterUnauthorized(used, response, attempt.signal))) return response;
    const reason = "401, retrying with refreshed credentials";
    logger?.({ event: "retry", ...attempt.call.facts, attempt: attempt.number, reason, delayMs: 0 });
    const resend = { ...attempt, request: attempt.call.nextRequest() };
    await auth.authorize(resend);
    return next(resend);
  };
}
