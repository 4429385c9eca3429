import type { Authenticator } from "./authenticator.js";
import { signHeaders, type AkSkCredentials } from "./signing.js";

/**
 * How far the server's clock may be from ours before a 401 is taken for a clock that is
 * off: the gateway refuses an `X-Sdk-Date` more than 15 minutes away; well inside that,
 * a 401 has another cause (a wrong key), which signing again would not mend.
 */
const SKEW_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Signs every send afresh (a new `X-Sdk-Date` each time), in place, with the access key
 * and secret key, naming the project in `X-Project-Id`. When the gateway refuses a
 * signature and its `Date` says our clock is more than five minutes off, the offset is
 * kept and the call signed once more with the corrected time (as AWS SDKs correct clock
 * skew); every later call of the client signs with it too.
 */
export function akSkAuthenticator(credentials: AkSkCredentials, projectId: string, now: () => number = Date.now): Authenticator {
  let offsetMs = 0;
  return {
    async authorize({ request, call }) {
      const date = new Date(now() + offsetMs);
      request.headers.set("X-Project-Id", projectId);
      await signHeaders({ method: request.method, url: new URL(request.url), headers: request.headers, body: call.body }, credentials, { date });
      return date;
    },
    async refreshAfterUnauthorized(used, response) {
      const serverTime = Date.parse(response.headers.get("date") ?? "");
      if (!Number.isFinite(serverTime) || !(used instanceof Date)) return false;
      if (Math.abs(serverTime - used.getTime()) <= SKEW_TOLERANCE_MS) return false;
      offsetMs = serverTime - now();
      return true;
    },
  };
}
