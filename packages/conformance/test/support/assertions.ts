/** What the tests assert of an answer: a documented success, a refusal, a 401. */
import { expect } from "vitest";
import { concernsField, reportedViolations } from "./prism-violations.js";
import { responseViolations } from "./spec.js";
import { targetUrl } from "./urls.js";
import { wireBody } from "./wire.js";

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
    const concerned = violations.filter((violation) => concernsField(violation, field));
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
