import { VpcepArgumentError } from "../arguments.js";
import { withoutQuery } from "../errors.js";

/**
 * The URL a request is sent to is read with the platform's own getter: a `Request` subclass
 * or an own property may make `request.url` say another than the one `fetch` sends to.
 */
const platformUrl = Object.getOwnPropertyDescriptor(Request.prototype, "url")?.get;

function sentUrl(request: Request): string {
  return platformUrl === undefined ? request.url : (platformUrl.call(request) as string);
}

/**
 * Refuses a request for a URL outside the client's API root (its origin and, behind a
 * gateway, its path), before any credential is put on it. openapi-fetch's generic methods
 * take a `baseUrl` and a `Request` class per call, and a middleware may hand on a request of
 * its own: any of them would otherwise send the token or the signature elsewhere.
 */
export function refuseOutsideApiRoot(apiRoot: string): (request: Request) => Request {
  const prefix = `${apiRoot}/`;
  return (request) => {
    const url = sentUrl(request);
    if (url.startsWith(prefix)) return request;
    const what = `${request.method} ${withoutQuery(url)}`;
    throw new VpcepArgumentError(what, "url", `must be under the client's API root ${apiRoot}, the only place its credentials are sent to`);
  };
}
