import type { Authenticator } from "../auth/authenticator.js";
import type { RetryPolicy, TimeoutOptions } from "../retry.js";
import { authentication } from "./authentication.js";
import { Call } from "./call.js";
import { attemptLimits } from "./limits.js";
import { responseLog, type Logger } from "./log.js";
import { refuseOutsideApiRoot } from "./origin.js";
import { chain, type FetchFunction, type Policy, type Send } from "./policy.js";
import { refuseRedirect } from "./redirects.js";
import { readBody } from "./response-body.js";
import { retrying, type RetryClock } from "./retry-loop.js";
import { fetchAttempt } from "./send.js";

export interface TransportConfig {
  /** The API root, e.g. `https://vpcep.eu-de.otc.t-systems.com`: requests, and their credentials, go only under it. */
  apiRoot: string;
  fetch: FetchFunction;
  auth: Authenticator;
  retry: RetryPolicy;
  timeout: Required<TimeoutOptions>;
  logger: Logger | undefined;
  /** A monotonic clock for the limits (a wall clock may jump), the wall clock, and the jitter. */
  clock: RetryClock;
}

/**
 * The `fetch` the client hands to openapi-fetch. A request outside the API root is refused
 * (`refuseOutsideApiRoot`). Each call is a loop of attempts
 * (`retrying`), and each attempt passes these policies, outermost first:
 *
 * 1. `attemptLimits`: the attempt's and the call's time limits, and the caller's signal;
 * 2. `authentication`: a token or an AK/SK signature on each send, and one re-send after a
 *    401 when fresh credentials are there;
 * 3. `responseLog`: a log entry per response (with a logger only);
 *
 * then it is sent: `fetch`, a refusal of any redirect, and the body read once, whole.
 */
export function createTransport(config: TransportConfig): FetchFunction {
  const { clock, logger } = config;
  const policies: Policy[] = [
    attemptLimits(config.timeout, clock.now),
    authentication(config.auth, logger),
    ...(logger === undefined ? [] : [responseLog(logger, clock.now)]),
  ];
  const send: Send = async (attempt) => readBody(refuseRedirect(await fetchAttempt(config.fetch, attempt), attempt), attempt);
  const sendCall = retrying(chain(policies, send), config.retry, clock, logger);
  const underApiRoot = refuseOutsideApiRoot(config.apiRoot);
  return async (request) => sendCall(await Call.start(underApiRoot(request), clock.now() + config.timeout.totalMs));
}
