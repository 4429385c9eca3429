import { withoutQuery, type RequestFacts } from "../errors.js";

/** A body as the transport keeps it for every send of a call. */
export type KeptBody = string | Uint8Array<ArrayBuffer> | undefined;

/**
 * The `Request` class openapi-fetch builds each call's request with. It keeps the body as
 * openapi-fetch serialised it, so that retries and the AK/SK payload hash never read the
 * body back, and it asks `fetch` not to follow redirects: a redirect would carry the
 * credentials, and a create's body, to wherever the `Location` points.
 */
export class CallRequest extends Request {
  /** The body, when it is text or absent; `null` for another kind of body (a custom `bodySerializer`'s). */
  readonly #keptBody: string | undefined | null;
  /** The signal the caller passed, if any (the request's own `signal` follows it). */
  readonly #callerSignal: AbortSignal | undefined;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, { ...init, redirect: "manual" });
    const body = init?.body ?? (input instanceof Request ? input.body : null);
    this.#keptBody = body == null ? undefined : typeof body === "string" ? body : null;
    this.#callerSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  }

  /**
   * Any `Request` passes for one: openapi-fetch takes a middleware's new request only when
   * it is an instance of the class it builds requests with, and a middleware builds a plain
   * `Request`. What only a request of this class has is read through `keptOf`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  /** The kept body and the caller's signal of a request this class built; undefined for another request. */
  static keptOf(request: Request): { body: string | undefined | null; callerSignal: AbortSignal | undefined } | undefined {
    return #keptBody in request ? { body: request.#keptBody, callerSignal: request.#callerSignal } : undefined;
  }
}

/** One call of the client: everything needed to send it again, and its limits. */
export class Call {
  readonly method: string;
  /** The caller's signal, if any (openapi-fetch puts it on the request it builds). */
  readonly signal: AbortSignal | undefined;
  /** When the call's total time limit runs out, on the transport's monotonic clock. */
  readonly deadline: number;
  readonly body: KeptBody;
  #unsent: Request | undefined;
  readonly #template: Request;
  #facts: RequestFacts | undefined;

  private constructor(request: Request, body: KeptBody, firstSendable: boolean, deadline: number) {
    this.method = request.method;
    const kept = CallRequest.keptOf(request);
    this.signal = kept === undefined ? request.signal : kept.callerSignal;
    this.deadline = deadline;
    this.body = body;
    this.#template = request;
    this.#unsent = firstSendable ? request : undefined;
  }

  /**
   * Starts a call from the request openapi-fetch built. A request the client did not build
   * (a middleware may replace it) has its body read once, and is copied for every send.
   */
  static async start(request: Request, deadline: number): Promise<Call> {
    const kept = CallRequest.keptOf(request);
    if (kept !== undefined && kept.body !== null) return new Call(request, kept.body, true, deadline);
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    return new Call(request, body, false, deadline);
  }

  /** The method and URL (without the query, which may hold filters) for errors and logs. */
  get facts(): RequestFacts {
    // Reading a Request's URL costs a serialisation: only errors, retries and logs need it.
    return (this.#facts ??= { method: this.method, url: withoutQuery(this.#template.url) });
  }

  /** `GET https://…/vpc-endpoints/e1`, for messages. */
  describe(): string {
    return `${this.facts.method} ${this.facts.url}`;
  }

  /**
   * The request to send next: the one openapi-fetch built, the first time; afterwards a
   * fresh copy with the kept body (a sent request's body is used up). Credentials on the
   * copied headers are set anew by the authentication of each send.
   */
  nextRequest(): Request {
    const unsent = this.#unsent;
    if (unsent !== undefined) {
      this.#unsent = undefined;
      return unsent;
    }
    return new Request(this.#template, { redirect: "manual", ...(this.body === undefined ? {} : { body: this.body }) });
  }
}
