/**
 * The wire check: every answer that comes through `recordingFetch` is checked against the
 * spec as it came over the wire, before the client read it (`wire-check.ts`, the setup
 * file, fails the test on any violation), and its body is kept for `wireBody`.
 */
import { inject } from "vitest";
import { documentsBody, operationFor, responseViolations } from "./spec.js";

/**
 * The body of each response as it came over the wire, by the number `recordingFetch` puts
 * in a header of the response: the client hands back a response of its own over the body it
 * read, with the answer's headers.
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
