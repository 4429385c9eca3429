/**
 * The `Request` class openapi-fetch builds each call's request with. It notes whether the
 * caller passed a signal: the transport gives an attempt a signal of its own only when
 * there is one to follow, and a shared deadline signal otherwise.
 */
export class CallRequest extends Request {
  readonly hasCallerSignal: boolean;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.hasCallerSignal = init?.signal != null || input instanceof Request;
  }
}

/** Whether a request's signal may abort: unknown for a request the client did not build. */
export function mayBeAborted(request: Request): boolean {
  return !(request instanceof CallRequest) || request.hasCallerSignal;
}
