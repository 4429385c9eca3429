import { VpcepConfigError, VpcepTimeoutError } from "../errors.js";
import { untilAborted } from "../pause.js";
import type { Authenticator } from "./authenticator.js";

/** Returns an IAM token; called again (once) when the service answers 401. */
export type TokenProvider = () => string | Promise<string>;

/** A header value: printable ASCII without surrounding white space. */
export const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** Checks a token; the message says what is wrong, never what the token is. */
export function checkToken(token: unknown, source?: string): string {
  const subject = source === undefined ? "" : `${source} `;
  if (typeof token !== "string" || token.length === 0) {
    const got = typeof token === "string" ? "an empty string" : token === null ? "null" : typeof token;
    throw new VpcepConfigError("token", `${subject}must be a non-empty string; got ${got}`);
  }
  if (!HEADER_SAFE.test(token)) {
    throw new VpcepConfigError("token", `${subject}must be printable ASCII without surrounding white space (it is sent as a header)`);
  }
  return token;
}

/**
 * Sends an IAM token as `X-Auth-Token`. With a provider, the token is fetched on first use
 * and again after a 401; concurrent calls share one request to the provider.
 */
export function tokenAuthenticator(token: string | TokenProvider): Authenticator {
  if (typeof token === "string") {
    return {
      async authorize({ request }) {
        request.headers.set("X-Auth-Token", token);
        return token;
      },
      refreshAfterUnauthorized: async () => false,
    };
  }
  const tokens = sharedTokens(token);
  return {
    async authorize({ request, signal }) {
      const token = tokens.current();
      request.headers.set("X-Auth-Token", await tokens.wait(token, signal));
      // Wrapped: an async function's result would be the token, not the request for it.
      return { token };
    },
    async refreshAfterUnauthorized(used, _response, signal) {
      await tokens.wait(tokens.refresh((used as { token: Promise<string> }).token), signal);
      return true;
    },
  };
}

/**
 * The provider's token, shared by the calls of a client. A failed request to the provider
 * is forgotten, so the next call asks again; so is one that a call waited for until its
 * whole time limit ran out, so that a provider that never answers holds up only the calls
 * already waiting. A call that stops sooner (its attempt's limit, its caller's abort)
 * leaves the request to the others: a slow provider is still waited for.
 */
function sharedTokens(provider: TokenProvider) {
  let pending: Promise<string> | undefined;
  const forget = (token: Promise<string>) => {
    if (pending === token) pending = undefined;
  };
  const ask = () => {
    const token = Promise.resolve()
      .then(provider)
      .then((value) => checkToken(value, "the token provider's result"));
    token.catch(() => forget(token));
    return (pending = token);
  };
  return {
    current: () => pending ?? ask(),
    /** After a 401 to `stale`: a new token, unless another call has asked for one already. */
    refresh: (stale: Promise<string>) => (pending === stale || pending === undefined ? ask() : pending),
    async wait(token: Promise<string>, signal: AbortSignal): Promise<string> {
      try {
        return await untilAborted(token, signal);
      } catch (error) {
        if (isCallTimeout(signal.reason)) forget(token);
        throw error;
      }
    },
  };
}

function isCallTimeout(reason: unknown): boolean {
  return reason instanceof VpcepTimeoutError && reason.limit === "total";
}
