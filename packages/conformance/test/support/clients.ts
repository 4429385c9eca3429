import { createVpcepClient, type VpcepClient } from "@otc-vpcep/client";
import { expect, inject } from "vitest";
import { documentsBody, operationFor, responseViolations } from "./spec.js";
import type { Consumer, Target } from "./target.js";

export const projectId = "6e9dfd51d1124e8d8498dce894923a0d";

/**
 * The body of each response as it came over the wire, before the client read it, by the
 * number `recordingFetch` puts in a header of the response: the client hands back a
 * response of its own over the body it read, with the answer's headers.
 */
const wireBodies = new Map<string, string>();
const WIRE_BODY_HEADER = "x-conformance-wire-body";

/** Responses that broke the spec, found by `recordingFetch`; the setup file fails the test on any. */
export const wireViolations: string[] = [];

/**
 * A `fetch` that keeps a copy of each response body, so that the wire form is validated,
 * and checks every answer whose status the operation documents against the spec with
 * ajv, independently of Prism.
 */
export async function recordingFetch(request: Request, init?: { signal: AbortSignal }): Promise<Response> {
  const answer = await fetch(request, init);
  const text = await answer.clone().text();
  const id = String(wireBodies.size + 1);
  wireBodies.set(id, text);
  const headers = new Headers(answer.headers);
  headers.set(WIRE_BODY_HEADER, id);
  const response = new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
  Object.defineProperty(response, "url", { value: answer.url });
  const root = inject("target").url;
  const path = new URL(request.url).pathname.slice(new URL(root).pathname.replace(/\/$/, "").length);
  const operationId = operationFor(request.method, path);
  if (operationId === undefined) {
    wireViolations.push(`${request.method} ${path}: no operation of the spec matches`);
  } else if (text !== "" && documentsBody(operationId, response.status)) {
    const violations = responseViolations(operationId, response.status, JSON.parse(text));
    if (violations.length > 0) wireViolations.push(`${operationId} ${response.status}: ${JSON.stringify(violations)}`);
  }
  return response;
}

/** The parsed wire body of a response the client returned; undefined when it had none. */
export function wireBody(response: Response): unknown {
  const text = wireBodies.get(response.headers.get(WIRE_BODY_HEADER) ?? "");
  if (text === undefined) throw new Error("this response did not come through recordingFetch");
  return text === "" ? undefined : JSON.parse(text);
}

/**
 * A client of the suite's target (the emulator, or VPCEP_BASE_URL) with its credentials:
 * of your own project, or of the consumer's, the second account of the two-account tests.
 */
export function targetClient(account: "owner" | "consumer" = "owner"): VpcepClient {
  const target = inject("target");
  const { projectId, auth } = account === "owner" ? target : consumerOf(target);
  return createVpcepClient({ baseUrl: target.url, projectId, ...auth, fetch: recordingFetch });
}

function consumerOf(target: Target): Consumer {
  if (target.consumer === undefined) throw new Error(`no consumer account: set ${target.missing.consumer.join(", ")}`);
  return target.consumer;
}

/** The URL of a project-scoped path on the suite's target. */
export function targetUrl(path: string): string {
  const target = inject("target");
  return `${target.url}/v1/${target.projectId}${path}`;
}

/** A client of the contract mock, authenticated with a placeholder IAM token. */
export function mockClient(): VpcepClient {
  return createVpcepClient({ baseUrl: inject("mockUrl"), projectId, token: "conformance-test-token", fetch: recordingFetch });
}

/** The mock's URL of a path at the host root, such as the versions. */
export function rootUrl(path: string): string {
  return `${inject("mockUrl")}${path}`;
}

/** The mock's URL of a project-scoped path, for requests the client would not send. */
export function mockUrl(path: string): string {
  return `${inject("mockUrl")}/v1/${projectId}${path}`;
}

/**
 * Sends a value the types forbid, as a JavaScript caller or a hand-written request
 * could; the contract, not the compiler, has to refuse it.
 */
export function unchecked<T>(value: unknown): T {
  return value as T;
}

interface Outcome {
  response: Response;
  data?: unknown;
  error?: unknown;
}

/** Asserts a documented success: the status, and a body (as sent over the wire) valid against the spec. */
export function expectSuccess(operationId: string, outcome: Outcome, status = 200): void {
  expect(outcome.response.status).toBe(status);
  expect(responseViolations(operationId, status, wireBody(outcome.response))).toEqual([]);
}

/** One finding of Prism's `sl-violations` header. */
export interface PrismViolation {
  location: string[];
  message: string;
}

/**
 * Where the mock says a request broke the contract. Prism lists its findings in the
 * `sl-violations` header; other targets do not, and this returns undefined there.
 */
function reportedViolations(response: Response): PrismViolation[] | undefined {
  const header = response.headers.get("sl-violations");
  return header === null ? undefined : (JSON.parse(header) as PrismViolation[]);
}

/**
 * The place a violation is about, after `request`: `["body", "tags", "0", "key"]`. A missing
 * required property and an unknown one are reported at their parent, named in the message;
 * a missing body at the request itself, here `["body"]`.
 */
export function violationPlace(violation: PrismViolation): string[] {
  if (violation.location.length === 1 && /body parameter is required/i.test(violation.message)) return ["body"];
  const named = /(?:required property|additional properties; found) '([^']+)'/.exec(violation.message)?.[1];
  return [...violation.location.slice(1), ...(named === undefined ? [] : [named])];
}

/** The field a violation is about within its part of the request, as a dotted path (`tags.0.key`). */
function violationPath(violation: PrismViolation): string {
  return violationPlace(violation).slice(1).join(".");
}

/**
 * Asserts a refusal: a 4xx status, an error body valid against the spec and, where the
 * target reports violations, one that concerns `field` (a path such as `tags.0.key`).
 */
export function expectRefusal(operationId: string, outcome: Outcome, field: string, status = 400): void {
  expect(outcome.response.status).toBe(status);
  expect(outcome.error).toBeDefined();
  expect(responseViolations(operationId, status, wireBody(outcome.response))).toEqual([]);
  const violations = reportedViolations(outcome.response);
  if (violations !== undefined) {
    const concerned = violations.filter((violation) => violationPath(violation).startsWith(field));
    expect(concerned, JSON.stringify(violations)).not.toEqual([]);
  }
}

/** Sends a request without credentials and asserts the 401 with a valid error body. */
export async function expectUnauthorized(operationId: string, path: string, init: RequestInit = {}): Promise<void> {
  const response = await fetch(targetUrl(path), {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });
  expect(response.status).toBe(401);
  expect(responseViolations(operationId, 401, await response.json())).toEqual([]);
}
