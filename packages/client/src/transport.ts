import type { FetchFunction } from "./options.js";

/** Wraps `fetch` so that every request carries the IAM token. */
export function withToken(fetch: FetchFunction, token: string): FetchFunction {
  return (request) => {
    const headers = new Headers(request.headers);
    headers.set("X-Auth-Token", token);
    return fetch(new Request(request, { headers }));
  };
}
