import { describeValue, VpcepError } from "./errors.js";
import type { ResourceType } from "./models.js";

/**
 * Thrown before any request is sent when a named operation gets an argument it cannot
 * send: `operation` and `argument` name it, the message states the rule.
 */
export class VpcepArgumentError extends VpcepError {
  override readonly name = "VpcepArgumentError";
  readonly kind = "argument";
  readonly operation: string;
  readonly argument: string;

  constructor(operation: string, argument: string, rule: string) {
    super(`Invalid argument "${argument}" of ${operation}: ${rule}`);
    this.operation = operation;
    this.argument = argument;
  }
}

/**
 * An ID that goes into the path. Empty IDs, `.` and `..` would address another
 * resource once the URL is resolved, so they are refused.
 */
export function pathId(operation: string, argument: string, value: unknown): string {
  if (typeof value !== "string" || value === "" || value === "." || value === "..") {
    throw new VpcepArgumentError(operation, argument, `must be a non-empty ID; got ${describeValue(value)}`);
  }
  return value;
}

const RESOURCE_TYPES: readonly ResourceType[] = ["endpoint_service", "endpoint"];

export function resourceType(operation: string, value: unknown): ResourceType {
  if (!RESOURCE_TYPES.includes(value as ResourceType)) {
    throw new VpcepArgumentError(operation, "resourceType", `must be "endpoint_service" or "endpoint"; got ${describeValue(value)}`);
  }
  return value as ResourceType;
}

/** The service to look up: exactly one of its full name or its ID. */
export type ServiceLookup =
  | { endpoint_service_name: string; id?: never }
  | { id: string; endpoint_service_name?: never };

export function serviceLookup(operation: string, value: unknown): ServiceLookup {
  const lookup = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const given = (["endpoint_service_name", "id"] as const).filter((key) => lookup[key] !== undefined);
  if (given.length !== 1 || Object.keys(lookup).some((key) => lookup[key] !== undefined && !given.includes(key as never))) {
    throw new VpcepArgumentError(operation, "lookup", 'must have exactly one of "endpoint_service_name" or "id"');
  }
  const key = given[0]!;
  pathId(operation, `lookup.${key}`, lookup[key]);
  return { [key]: lookup[key] } as ServiceLookup;
}

/** A whole number from `min` to `max` (of `unit`, e.g. "ms "), or none. */
export function wholeNumber(operation: string, argument: string, value: unknown, min: number, max: number, unit = ""): number | undefined {
  if (value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max)) return value;
  throw new VpcepArgumentError(operation, argument, `must be a whole number ${unit}from ${min} to ${max}; got ${describeValue(value)}`);
}

/** An `AbortSignal`, or none. */
export function abortSignal(operation: string, argument: string, value: unknown): AbortSignal | undefined {
  if (value === undefined || value instanceof AbortSignal) return value;
  throw new VpcepArgumentError(operation, argument, `must be an AbortSignal; got ${describeValue(value)}`);
}

/** Refuses the first key of `given` that is not `known`, naming it: `rule` says what is taken. */
export function onlyKnownKeys(operation: string, argument: string, given: object, known: readonly string[], rule: string): void {
  const other = Object.keys(given).find((key) => !known.includes(key));
  if (other !== undefined) throw new VpcepArgumentError(operation, `${argument}.${other}`, rule);
}

/** Whether `fetch` can send a header of this name and value. */
function sendableHeader(name: string, value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    new Headers({ [name]: value });
    return true;
  } catch {
    return false;
  }
}

/** The per-call options a named operation takes: `signal` and `headers`, checked. */
export function callOptions(operation: string, value: unknown): { signal?: AbortSignal; headers?: Record<string, string> } {
  if (value === undefined) return {};
  const fail = (argument: string, rule: string) => new VpcepArgumentError(operation, argument, rule);
  if (typeof value !== "object" || value === null) throw fail("options", `must be an object; got ${describeValue(value)}`);
  // Anything else openapi-fetch would take (`baseUrl`, `fetch`, ...) could send the call, and its credentials, elsewhere.
  onlyKnownKeys(operation, "options", value, ["signal", "headers"], 'is no option of a call: give "signal" and "headers" only');
  const { headers } = value as Record<string, unknown>;
  const signal = abortSignal(operation, "options.signal", (value as Record<string, unknown>)["signal"]);
  if (headers === undefined) return { ...(signal && { signal }) };
  if (typeof headers !== "object" || headers === null || Array.isArray(headers) || headers instanceof Headers) {
    throw fail("options.headers", `must be an object of header names and values; got ${describeValue(headers)}`);
  }
  for (const [name, text] of Object.entries(headers)) {
    if (!sendableHeader(name, text)) {
      throw fail(`options.headers[${JSON.stringify(name)}]`, "is no header fetch can send: a name of letters, digits and !#$%&'*+.^_`|~-, a value of Latin-1 text without line breaks");
    }
  }
  return { ...(signal && { signal }), headers: headers as Record<string, string> };
}
