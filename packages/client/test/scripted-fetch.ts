import { createVpcepClient, type FetchFunction, type VpcepClientOptions } from "../src/index.js";

/** What the fake service does with one request. */
export type Step =
  | Response
  | (() => Response)
  | { drop: string }
  | "hang"
  | ((request: Request, signal: AbortSignal) => Response | Promise<Response>);

/**
 * A `fetch` that plays `steps` in order, one per request (the last one repeats), and
 * records each `Request` it receives. Like a real fetch, it uses up the request's body
 * (the record is a copy). `{ drop }` fails like a broken connection; "hang" never answers
 * until the request's signal aborts, as a real fetch would.
 */
export function scriptedFetch(...steps: Step[]) {
  const requests: Request[] = [];
  const fetch: FetchFunction = async (request, init) => {
    const body = request.body === null ? undefined : await request.arrayBuffer();
    requests.push(new Request(request.url, { method: request.method, headers: request.headers, ...(body === undefined ? {} : { body }) }));
    const signal = init?.signal ?? request.signal;
    const step = steps[Math.min(requests.length, steps.length) - 1];
    if (step === undefined) throw new Error("scriptedFetch needs at least one step");
    if (step === "hang") {
      return new Promise<Response>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    if (signal.aborted) throw signal.reason;
    if (step instanceof Response) return step.clone();
    if (typeof step === "function") return step(request, signal);
    throw new TypeError("fetch failed", { cause: new Error(step.drop) });
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A response whose headers arrive at once but whose body never does, until aborted. */
export function stalledBody(_request: Request, signal: AbortSignal): Response {
  const body = new ReadableStream({
    start(controller) {
      signal.addEventListener("abort", () => controller.error(signal.reason), { once: true });
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}

/**
 * A client of a fake service at https://vpcep.test that plays `steps` (see scriptedFetch),
 * with a placeholder token; `options` override or add to that.
 */
export function scriptedClient(steps: Step[], options: Partial<VpcepClientOptions> = {}) {
  const script = scriptedFetch(...steps);
  const vpcep = createVpcepClient({
    baseUrl: "https://vpcep.test",
    projectId: "p1",
    token: "t",
    fetch: script.fetch,
    ...options,
  } as VpcepClientOptions);
  return { vpcep, ...script };
}
