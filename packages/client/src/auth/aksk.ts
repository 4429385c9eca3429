import { signRequest, type AkSkCredentials } from "./signing.js";
import { withHeader, type Authenticator } from "./token.js";

/**
 * Signs every attempt afresh (a new `X-Sdk-Date` each time) with the access key and
 * secret key, naming the project in `X-Project-Id`.
 */
export function akSkAuthenticator(credentials: AkSkCredentials, projectId: string, now: () => Date = () => new Date()): Authenticator {
  return {
    async authorize(request) {
      const signed = await signRequest(withHeader(request, "X-Project-Id", projectId), credentials, { date: now() });
      return { request: signed, used: undefined };
    },
    refreshAfterUnauthorized: async () => false,
  };
}
