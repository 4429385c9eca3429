import { VpcepArgumentError } from "../arguments.js";
import { withoutQuery } from "../errors.js";

/**
 * Refuses a request for another origin than the client's, before any credential is put on
 * it. openapi-fetch's generic methods take a `baseUrl` per call, and a middleware may change
 * a request's URL: either would otherwise send the token or the signature there.
 */
export function refuseOtherOrigin(origin: string): (request: Request) => Request {
  const prefix = `${origin}/`;
  return (request) => {
    if (request.url.startsWith(prefix)) return request;
    const what = `${request.method} ${withoutQuery(request.url)}`;
    throw new VpcepArgumentError(what, "url", `must be on the client's origin ${origin}, the only one its credentials are sent to`);
  };
}
