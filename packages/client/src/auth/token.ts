import { VpcepConfigError } from "../errors.js";

/** Returns an IAM token; called again (once) when the service answers 401. */
export type TokenProvider = () => string | Promise<string>;

/** A request with credentials added, and what was used, for `refreshAfterUnauthorized`. */
export interface Authorization {
  request: Request;
  used: unknown;
}

/** How a request proves who sends it: it is authorized before each attempt. */
export interface Authenticator {
  /** Adds credentials; synchronous when nothing has to be awaited (a fixed token). */
  authorize(request: Request): Authorization | Promise<Authorization>;
  /** After a 401 (`response`) to a request authorized with `used`: whether new credentials are there to try once more. */
  refreshAfterUnauthorized(used: unknown, response: Response): Promise<boolean>;
}

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
 * and again after a 401; concurrent calls share one refresh.
 */
export function tokenAuthenticator(token: string | TokenProvider): Authenticator {
  if (typeof token === "string") {
    return {
      authorize: (request) => ({ request: withHeader(request, "X-Auth-Token", token), used: token }),
      refreshAfterUnauthorized: async () => false,
    };
  }
  let current: Promise<string> | undefined;
  const fetchToken = () => Promise.resolve().then(token).then((value) => checkToken(value, "the token provider's result"));
  const refresh = (stale: Promise<string>) => {
    // Only the first caller holding the stale token starts a refresh; the rest share it.
    // After a refresh failed, the next caller to meet a 401 tries again.
    if (current === stale || current === undefined) {
      current = fetchToken();
      current.catch(() => (current = undefined));
    }
    return current;
  };
  return {
    async authorize(request) {
      current ??= fetchToken();
      const pending = current;
      pending.catch(() => {
        if (current === pending) current = undefined;
      });
      return { request: withHeader(request, "X-Auth-Token", await pending), used: pending };
    },
    async refreshAfterUnauthorized(used) {
      const next = refresh(used as Promise<string>);
      if (next === undefined) return false;
      await next;
      return true;
    },
  };
}

/** Sets a header on a request the client built itself (its headers are mutable). */
export function withHeader(request: Request, name: string, value: string): Request {
  request.headers.set(name, value);
  return request;
}
