/**
 * Sends generated requests to the contract mock, a few at a time, and checks the
 * answers against the spec; reproducible from a seed, and summarised per operation.
 */
import fc from "fast-check";
import {
  type BrokenRequest,
  type GeneratedRequest,
  type OperationModel,
  pathAndQuery,
} from "./generated-requests.js";
import { concerns, type PrismViolation } from "./prism-violations.js";
import { documentsBody, schemaViolations } from "./spec.js";
import { integerFromEnv } from "./settings.js";

/** How many cases, from which seed, how many requests at once; see the package README. */
export const settings = {
  /** Valid requests per operation, and invalid ones (at least one per constraint). */
  runs: integerFromEnv("VPCEP_GENERATED_RUNS", 200, 1),
  /** fast-check's seed: the same seed generates the same requests. */
  seed: integerFromEnv("VPCEP_GENERATED_SEED", 20_240_606, -(2 ** 31)),
  /** Requests in flight at once; Prism answers one at a time, this keeps its queue full. */
  concurrency: integerFromEnv("VPCEP_GENERATED_CONCURRENCY", 8, 1),
};

/** How to run the same cases again. */
export const rerunHint = () =>
  `VPCEP_GENERATED_SEED=${settings.seed} VPCEP_GENERATED_RUNS=${settings.runs} npx vitest run test/generated (in packages/conformance)`;

/** Runs `task` on every item, at most `limit` at a time; results in the items' order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A request as sent and the answer as received. */
export interface Exchange {
  method: string;
  url: string;
  body: string | undefined;
  status: number;
  contentType: string | null;
  violations: string | null;
  text: string;
  /** When no answer came: the requests sent just before, among which may be one that stopped the mock. */
  sentBefore?: string[];
}

const TOKEN = "conformance-test-token";

const clip = (text: string, length = 600) => (text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text);

/** The last requests sent, to name the suspects when the mock stops answering. */
const lastSent: string[] = [];
const LAST_SENT_KEPT = 2 * settings.concurrency + 4;

/**
 * Sends a generated request with `fetch`, as any HTTP caller would: token, JSON content
 * type. A request that gets no answer at all is sent once more, since a kept-alive
 * connection the server has just closed loses it; a request that really breaks the mock
 * gets no answer twice, and is reported with status 0.
 */
export async function send(baseUrl: string, operation: OperationModel, request: GeneratedRequest): Promise<Exchange> {
  const first = await sendOnce(baseUrl, operation, request);
  return first.status === 0 ? sendOnce(baseUrl, operation, request) : first;
}

async function sendOnce(baseUrl: string, operation: OperationModel, request: GeneratedRequest): Promise<Exchange> {
  const url = `${baseUrl}${pathAndQuery(operation, request)}`;
  const body = request.hasBody ? JSON.stringify(request.body) : undefined;
  const sent = { method: operation.method, url, body };
  const sentBefore = [...lastSent];
  lastSent.push(`${operation.method} ${url}${body === undefined ? "" : ` ${clip(body, 400)}`}`);
  if (lastSent.length > LAST_SENT_KEPT) lastSent.shift();
  try {
    const response = await fetch(url, {
      method: operation.method,
      headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body }),
    });
    return {
      ...sent,
      status: response.status,
      contentType: response.headers.get("content-type"),
      violations: response.headers.get("sl-violations"),
      text: await response.text(),
    };
  } catch (error) {
    // No answer at all (the connection closed, say) is a failure of that request, reported with it.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    const text = cause.includes("ECONNREFUSED")
      ? `no answer: the mock is not running any more (${cause})`
      : `no answer: ${cause}`;
    return { ...sent, status: 0, contentType: null, violations: null, text, sentBefore };
  }
}


/** An exchange for a failure message: the request line and body, and the answer. */
export function describeExchange(exchange: Exchange): string {
  return [
    `${exchange.method} ${exchange.url}`,
    ...(exchange.body === undefined ? [] : [`  request body: ${clip(exchange.body)}`]),
    `  answer: ${exchange.status} ${exchange.contentType ?? "(no content type)"} ${clip(exchange.text, 300)}`,
    ...(exchange.violations === null ? [] : [`  sl-violations: ${clip(exchange.violations, 300)}`]),
  ].join("\n");
}

function parsed(exchange: Exchange): { json: unknown } | { error: string } {
  try {
    return { json: JSON.parse(exchange.text) as unknown };
  } catch {
    return { error: `the body is not JSON` };
  }
}

/** What is wrong with the answer to a valid request: not the success status, or a body off the schema. */
export function successProblems(operation: OperationModel, exchange: Exchange): string[] {
  if (exchange.status !== operation.successStatus) {
    return [`expected ${operation.successStatus}, got ${exchange.status}`];
  }
  if (!documentsBody(operation.operationId, exchange.status)) {
    return exchange.text === "" ? [] : [`expected no body with ${exchange.status}`];
  }
  const body = parsed(exchange);
  if ("error" in body) return [body.error];
  return schemaViolations(operation.operationId, exchange.status, body.json).map(
    (e) => `response body${e.instancePath} ${e.message ?? ""}`,
  );
}

/**
 * What is wrong with the answer to a request that breaks a constraint: not a 400, a body
 * that is not JSON or is off the error schema of a documented status, or a violation
 * report (Prism's `sl-violations`) that points nowhere near the broken place.
 */
export function refusalProblems(operation: OperationModel, request: BrokenRequest, exchange: Exchange): string[] {
  if (exchange.status !== 400) return [`expected 400, got ${exchange.status}`];
  const body = parsed(exchange);
  if ("error" in body) return [body.error];
  const problems: string[] = [];
  if (documentsBody(operation.operationId, exchange.status)) {
    problems.push(
      ...schemaViolations(operation.operationId, exchange.status, body.json).map(
        (e) => `error body${e.instancePath} ${e.message ?? ""}`,
      ),
    );
  }
  if (exchange.violations !== null) {
    const related = (JSON.parse(exchange.violations) as PrismViolation[]).some((violation) => concerns(violation, request.at));
    if (!related) problems.push(`the violations reported do not concern ${request.at.join(".")}: ${exchange.violations}`);
  }
  return problems;
}

/** A generated case that failed, for the report. */
export interface Failure {
  /** Which arbitrary generated it (valid requests, or a constraint) and its index there. */
  source: string;
  index: number;
  problems: string[];
  exchange: Exchange;
}

/**
 * The failure report: the seed and how to rerun, each failing request, and the first
 * failure shrunk by fast-check (replayed from its seed and index, then simplified).
 */
export async function failureReport(
  operation: OperationModel,
  failures: Failure[],
  total: number,
  shrink?: { arbitrary: fc.Arbitrary<GeneratedRequest>; index: number; fails: (request: GeneratedRequest) => Promise<boolean> },
): Promise<string> {
  const lines = [
    `${operation.operationId}: ${failures.length} of ${total} generated requests failed (seed ${settings.seed}).`,
    `Rerun: ${rerunHint()}`,
    ...failures.slice(0, 5).flatMap((failure) => [
      `- ${failure.source}, case ${failure.index}: ${failure.problems.join("; ")}`,
      `  ${describeExchange(failure.exchange).replaceAll("\n", "\n  ")}`,
    ]),
    ...(failures.length > 5 ? [`… and ${failures.length - 5} more`] : []),
  ];
  const unanswered = failures.find((failure) => failure.exchange.status === 0);
  if (unanswered !== undefined) {
    lines.push(
      "The mock stopped answering; one of the requests sent just before the first unanswered one may have stopped it:",
      ...(unanswered.exchange.sentBefore ?? []).map((line) => `  ${line}`),
    );
    return lines.join("\n"); // shrinking needs a mock that answers
  }
  if (shrink !== undefined) {
    const details = await fc.check(
      fc.asyncProperty(shrink.arbitrary, async (request) => !(await shrink.fails(request))),
      { seed: settings.seed, path: String(shrink.index), numRuns: settings.runs, interruptAfterTimeLimit: 20_000 },
    );
    const [smallest] = details.counterexample ?? [];
    if (smallest !== undefined) {
      lines.push(`Shrunk by fast-check (${details.numShrinks} steps): ${clip(JSON.stringify(smallest), 1200)}`);
    }
  }
  return lines.join("\n");
}

/** One line of the summary: what was generated and sent for an operation. */
export interface SummaryRow {
  operationId: string;
  valid: number;
  invalid: number;
  constraints: number;
  unbreakable: number;
  /** The refusals' statuses and how often each came. */
  refusals: Map<number, number>;
  milliseconds: number;
}

/** The summary table, one row per operation, and the totals. */
export function summaryTable(rows: SummaryRow[]): string {
  const header = ["operation", "valid", "invalid", "constraints", "unbreakable", "refused with", "ms"];
  const body = rows.map((row) => [
    row.operationId,
    String(row.valid),
    String(row.invalid),
    String(row.constraints),
    String(row.unbreakable),
    [...row.refusals].map(([status, count]) => `${status}×${count}`).join(" ") || "-",
    String(row.milliseconds),
  ]);
  const sum = (pick: (row: SummaryRow) => number) => String(rows.reduce((total, row) => total + pick(row), 0));
  body.push([
    "total",
    sum((r) => r.valid),
    sum((r) => r.invalid),
    sum((r) => r.constraints),
    sum((r) => r.unbreakable),
    "",
    sum((r) => r.milliseconds),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [
    `Generated conformance cases (seed ${settings.seed}, ${settings.runs} runs, ${settings.concurrency} at a time):`,
    line(header),
    ...body.map(line),
  ].join("\n");
}
