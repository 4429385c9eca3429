import type { FetchFunction } from "../src/index.js";

/** A `fetch` that records each `Request` it receives and answers with `respond`. */
export function recordingFetch(respond: (request: Request) => Response | Promise<Response> = () => jsonResponse(200, {})) {
  const requests: Request[] = [];
  const fetch: FetchFunction = async (request) => {
    // Like a real fetch, it uses up the request's body; the record is a copy.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    requests.push(new Request(request.url, { method: request.method, headers: request.headers, ...(body === undefined ? {} : { body }) }));
    return respond(request);
  };
  return { fetch, requests };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
