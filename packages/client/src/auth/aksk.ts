import { signRequest, type AkSkCredentials } from "./signing.js";
import { withHeader, type Authenticator } from "./token.js";

/**
 * How far the server's clock may be from ours before a 401 is taken for a clock that is
 * off: the gateway refuses an `X-Sdk-Date` more than 15 minutes away; well inside that,
 * a 401 has another cause (a wrong key), which signing again would not mend.
 */
const SKEW_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Signs every attempt afresh (a new `X-Sdk-Date` each time) with the access key and
 * secret key, naming the project in `X-Project-Id`. When the gateway refuses a signature
 * and its `Date` says our clock is more than five minutes off, the offset is kept and the
 * call signed once more with the corrected time (as AWS SDKs correct clock skew); every
 * later call of the client signs with it too.
 */
export function akSkAuthenticator(credentials: AkSkCredentials, projectId: string, now: () => Date = () => new Date()): Authenticator {
  let offsetMs = 0;
  return {
    async authorize(request) {
      const date = new Date(now().getTime() + offsetMs);
      const signed = await signRequest(withHeader(request, "X-Project-Id", projectId), credentials, { date });
      return { request: signed, used: date };
    },
    async refreshAfterUnauthorized(used, response) {
      const serverTime = Date.parse(response.headers.get("date") ?? "");
      if (!Number.isFinite(serverTime) || !(used instanceof Date)) return false;
      if (Math.abs(serverTime - used.getTime()) <= SKEW_TOLERANCE_MS) return false;
      offsetMs = serverTime - now().getTime();
      return true;
    },
  };
}
