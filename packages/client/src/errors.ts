import type { KnownErrorCode, ResourceError } from "./models.js";
import type { WaitResult } from "./waiters.js";

/** What a waiter saw before it stopped: the reads it made and the states they saw. */
type Seen = Pick<WaitResult<unknown>, "polls" | "states">;

/** "; 3 poll(s) saw creating, pendingAcceptance" for a waiter, nothing for a call. */
const saw = (seen?: Seen) => (seen ? `; ${seen.polls} poll(s) saw ${seen.states.join(", ") || "nothing"}` : "");

/** A documented error code, or one the reference does not list yet. */
export type ErrorCode = KnownErrorCode | (string & {});

/** The base of every error the client throws; `kind` tells them apart without `instanceof`. */
export abstract class VpcepError extends Error {
  abstract readonly kind: "config" | "argument" | "api" | "network" | "timeout" | "abort" | "response" | "redirect" | "wait";

  /** The fields of the error, for logs; never a header, token, key or signature. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) if (key !== "cause") fields[key] = value;
    return { name: this.name, message: this.message, ...fields };
  }
}

/**
 * Thrown by `createVpcepClient` when an option is missing or invalid. `option` names the
 * offending option; the message states the rule. Secret values are never quoted.
 */
export class VpcepConfigError extends VpcepError {
  override readonly name = "VpcepConfigError";
  readonly kind = "config";
  readonly option: string;

  constructor(option: string, rule: string) {
    super(`Invalid VPCEP client option "${option}": ${rule}`);
    this.option = option;
  }
}

/** An error body as `VpcepApiError.body` holds it: the JSON value, the text when it is no JSON, undefined when empty. */
export function errorBodyOf(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The URL without its query: enough to tell requests apart in messages and logs. */
export function withoutQuery(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? url : url.slice(0, index);
}

export interface RequestFacts {
  method: string;
  /** The URL without its query, which may hold filters but never credentials. */
  url: string;
}

/** A finding of the contract mock (Prism's `sl-violations` header): where the request broke the spec, and how. */
export interface ContractViolation {
  /** Where, e.g. `body.endpoint_service_id` or `query.limit`. */
  location: string;
  message: string;
}

/** The service answered with an HTTP error status. */
export class VpcepApiError extends VpcepError {
  override readonly name = "VpcepApiError";
  readonly kind = "api";
  readonly status: number;
  /** The service's error code (`EndPoint.0005`), from either error body; undefined without one. */
  readonly code: ErrorCode | undefined;
  /** The service's own message (`error_msg`), from either error body; undefined without one. */
  readonly serviceMessage: string | undefined;
  /** What the contract mock found wrong with the request; empty from the real service. */
  readonly violations: ContractViolation[];
  /** The request ID from the response headers, when the gateway sent one. */
  readonly requestId: string | undefined;
  /** The parsed error body as the service sent it. */
  readonly body: unknown;
  readonly method: string;
  readonly url: string;
  /** How many attempts the call took before this answer. */
  readonly attempts: number;

  constructor(response: { status: number; statusText?: string; headers: Headers }, body: unknown, request: RequestFacts, attempts = 1) {
    const { code, message } = errorCodeAndMessage(body);
    const violations = contractViolations(response.headers);
    const summary = message ?? (response.statusText || "no error message");
    // The contract mock names them in its message too: what it says already is not said again.
    const unsaid = violations.filter((v) => !summary.includes(v.message));
    const found = unsaid.length === 0 ? "" : ` (${unsaid.map((v) => `${v.location}: ${v.message}`).join("; ")})`;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    super(`${request.method} ${request.url} failed with ${response.status}${code === undefined ? "" : ` ${code}`}${tries}: ${summary}${found}`);
    this.status = response.status;
    this.code = code;
    this.serviceMessage = message;
    this.violations = violations;
    this.requestId = response.headers.get("x-request-id") ?? response.headers.get("x-openstack-request-id") ?? undefined;
    this.body = body;
    this.method = request.method;
    this.url = request.url;
    this.attempts = attempts;
  }
}

/** The findings of Prism's `sl-violations` header, `[{ location: ["request", "body", "x"], message }]`. */
function contractViolations(headers: Headers): ContractViolation[] {
  const header = headers.get("sl-violations");
  if (header === null) return [];
  try {
    const found: unknown = JSON.parse(header);
    if (!Array.isArray(found)) return [];
    return found.flatMap((item: { location?: unknown; message?: unknown }) => {
      if (typeof item?.message !== "string") return [];
      const path = Array.isArray(item.location) ? item.location.filter((part): part is string | number => typeof part !== "object") : [];
      const location = (path[0] === "request" ? path.slice(1) : path).join(".") || "request";
      return [{ location, message: item.message }];
    });
  } catch {
    return [];
  }
}

/** The request did not reach the service or no answer came back (DNS, TCP, TLS, reset). */
export class VpcepNetworkError extends VpcepError {
  override readonly name = "VpcepNetworkError";
  readonly kind = "network";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(request: RequestFacts, attempts: number, cause: unknown) {
    super(`${request.method} ${request.url} failed after ${attempts} attempt(s): ${describeCause(cause)}`, { cause });
    this.method = request.method;
    this.url = request.url;
    this.attempts = attempts;
  }
}

/**
 * A time limit ran out: one attempt's, the whole call's, or a waiter's (`limit: "wait"`,
 * whose message names the polls made and the states they saw).
 */
export class VpcepTimeoutError extends VpcepError {
  override readonly name = "VpcepTimeoutError";
  readonly kind = "timeout";
  readonly limit: "attempt" | "total" | "wait";
  readonly timeoutMs: number;
  /** For a call's limits: how many attempts it made; undefined for a waiter. */
  readonly attempts: number | undefined;
  /** For a waiter: how many reads got an answer or a passing failure (see `WaitResult`); undefined for a call. */
  declare readonly polls: number | undefined;
  /** For a waiter: the states its reads saw, as in `WaitResult`; undefined for a call. */
  declare readonly states: WaitResult<unknown>["states"] | undefined;

  constructor(what: string, limit: "attempt" | "total" | "wait", timeoutMs: number, attempts?: number, seen?: Seen) {
    super(`${what} timed out: the ${limit} limit of ${timeoutMs} ms ran out${saw(seen)}`);
    this.limit = limit;
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
    Object.assign(this, seen);
  }
}

/** The caller's `AbortSignal` stopped the call, or a waiter (whose message then names the polls and states it saw). */
export class VpcepAbortError extends VpcepError {
  override readonly name = "VpcepAbortError";
  readonly kind = "abort";
  /** For a waiter: how many reads got an answer or a passing failure; undefined for a call. */
  declare readonly polls: number | undefined;
  /** For a waiter: the states its reads saw, as in `WaitResult`; undefined for a call. */
  declare readonly states: WaitResult<unknown>["states"] | undefined;

  constructor(what: string, reason: unknown, seen?: Seen) {
    super(`${what} was aborted${reason instanceof Error ? `: ${reason.message}` : ""}${saw(seen)}`, { cause: reason });
    Object.assign(this, seen);
  }
}

/** The service answered with a body that is not what its status promised (e.g. broken JSON). */
export class VpcepResponseError extends VpcepError {
  override readonly name = "VpcepResponseError";
  readonly kind = "response";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The attempt that got this answer. */
  readonly attempts: number;

  constructor(request: RequestFacts, status: number, problem: string, attempts = 1) {
    super(`${request.method} ${request.url} answered ${status} with ${problem}`);
    this.status = status;
    this.method = request.method;
    this.url = request.url;
    this.attempts = attempts;
  }
}

/**
 * The answer was a redirect, which the client does not follow: the API never redirects,
 * and following would hand the credentials to the redirect's target.
 */
export class VpcepRedirectError extends VpcepError {
  override readonly name = "VpcepRedirectError";
  readonly kind = "redirect";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** Where the redirect points (without query), if the runtime lets it be read; browsers hide it. */
  readonly location: string | undefined;

  constructor(request: RequestFacts, status: number, location: string | undefined) {
    const to = location === undefined ? "an undisclosed location" : location;
    super(`${request.method} ${request.url} was redirected${status === 0 ? "" : ` (${status})`} to ${to}; redirects are not followed`);
    this.status = status;
    this.method = request.method;
    this.url = request.url;
    this.location = location;
  }
}

/** A waiter saw the resource reach a state it cannot leave for the one awaited. */
export class VpcepWaitError extends VpcepError {
  override readonly name = "VpcepWaitError";
  readonly kind = "wait";
  readonly resourceId: string;
  readonly status: string;
  /** Why the resource failed, as the service reports it. */
  readonly errors: ResourceError[];
  /** The resource as last read. */
  readonly resource: unknown;
  /** How many reads the wait made, the last one included (see `WaitResult`). */
  declare readonly polls: number;
  /** The states the reads saw, in order, a run of equal ones once; the last is the one that ended the wait. */
  declare readonly states: WaitResult<unknown>["states"];

  constructor(what: string, resourceId: string, status: string, errors: ResourceError[], resource: unknown, seen: Seen) {
    const reasons = errors.map((error) => [error.error_code, error.error_message].filter(Boolean).join(" ")).join("; ");
    super(`${what} ${resourceId} became ${status}${reasons === "" ? "" : `: ${reasons}`}`);
    this.resourceId = resourceId;
    this.status = status;
    this.errors = errors;
    this.resource = resource;
    Object.assign(this, seen);
  }
}

/** A value as a message shows it: strings quoted, numbers and booleans as they are, anything else by its type (never its contents). */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  // A number or a boolean is no secret, and the rule it breaks is often about its value.
  if (typeof value === "number" || typeof value === "boolean") return `the ${typeof value} ${String(value)}`;
  return value === null ? "null" : typeof value;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
  return `${cause.message}${inner}`;
}

/** The code and message of either documented error body. */
export function errorCodeAndMessage(body: unknown): { code: ErrorCode | undefined; message: string | undefined } {
  if (typeof body !== "object" || body === null) return { code: undefined, message: undefined };
  const flat = body as { error_code?: unknown; error_msg?: unknown; error?: unknown };
  const nested = (typeof flat.error === "object" && flat.error !== null ? flat.error : {}) as { code?: unknown; message?: unknown };
  const code = typeof flat.error_code === "string" ? flat.error_code : typeof nested.code === "string" ? nested.code : undefined;
  const message = typeof flat.error_msg === "string" ? flat.error_msg : typeof nested.message === "string" ? nested.message : undefined;
  return { code, message };
}
