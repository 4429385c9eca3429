import type { Authenticator } from "./token.js";
import { signRequest, type AkSkCredentials } from "./signing.js";

/**
 * Signs every attempt afresh (a new `X-Sdk-Date` each time) with the access key and
 * secret key, naming the project in `X-Project-Id`.
 */
export function akSkAuthenticator(credentials: AkSkCredentials, projectId: string, now: () => Date = () => new Date()): Authenticator {
  return {
    async authorize(request) {
      const headers = new Headers(request.headers);
      headers.set("X-Project-Id", projectId);
      return { request: await signRequest(new Request(request, { headers }), credentials, { date: now() }), used: undefined };
    },
    refreshAfterUnauthorized: async () => false,
  };
}
