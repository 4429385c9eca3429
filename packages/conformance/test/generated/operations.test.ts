/**
 * Generated conformance cases: for every operation, requests derived from the spec's
 * schemas with fast-check, sent to the contract mock with `fetch`.
 *
 * - Valid requests (path and query parameters, the `lookup` object, the JSON body) get
 *   the documented success status and a body valid against the response schema.
 * - Requests that each break one constraint of the spec get a 4xx, never a 2xx or a 5xx,
 *   with a JSON error body valid against the spec, and the mock's violation report
 *   points at the broken place.
 *
 * The seed is fixed, so a run is reproducible; VPCEP_GENERATED_RUNS (default 200) and
 * VPCEP_GENERATED_SEED change the cases, `npm run test:deep` runs 2000 per operation.
 */
import fc from "fast-check";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  type BrokenRequest,
  type OperationModel,
  brokenRequests,
  operationModel,
  requestViolations,
  validRequests,
} from "../support/generated-requests.js";
import {
  type Failure,
  type SummaryRow,
  failureReport,
  inParallel,
  refusalProblems,
  send,
  settings,
  successProblems,
  summaryTable,
} from "../support/generated-runner.js";
import { documentsBody, operationIds } from "../support/spec.js";

/** Generous: about 60 ms per request, for a slow machine. */
const TIMEOUT = 30_000 + settings.runs * 60;

const rows = new Map<string, SummaryRow>();
function rowOf(operationId: string): SummaryRow {
  let row = rows.get(operationId);
  if (row === undefined) {
    row = { operationId, valid: 0, invalid: 0, constraints: 0, unbreakable: 0, refusals: new Map(), milliseconds: 0 };
    rows.set(operationId, row);
  }
  return row;
}

afterAll(() => {
  if (rows.size > 0) console.log(summaryTable(operationIds().flatMap((id) => rows.get(id) ?? [])));
});

const byIndex = (a: Failure, b: Failure) => a.source.localeCompare(b.source) || a.index - b.index;

/** Splits the runs over the constraints, at least one case each. */
function casesPerConstraint(constraints: number): number[] {
  const total = Math.max(settings.runs, constraints);
  return Array.from({ length: constraints }, (_, i) => Math.floor(total / constraints) + (i < total % constraints ? 1 : 0));
}

function successTitle(operation: OperationModel): string {
  const withBody = documentsBody(operation.operationId, operation.successStatus);
  return `answers ${settings.runs} generated valid requests with ${operation.successStatus} ${
    withBody ? "and a body valid against its response schema" : "and no body"
  }`;
}

describe.each(operationIds())("%s", (operationId) => {
  const operation = operationModel(operationId);
  const { sites, unbreakable } = brokenRequests(operation);

  it(
    successTitle(operation),
    async () => {
      const started = Date.now();
      const arbitrary = validRequests(operation);
      const requests = fc.sample(arbitrary, { seed: settings.seed, numRuns: settings.runs });

      // The generator checks itself: ajv, independently of Prism, accepts every request.
      const offSpec = requests
        .map((request, index) => ({ index, violations: requestViolations(operation, request), request }))
        .filter(({ violations }) => violations.length > 0);
      expect(offSpec, "the generator made requests the spec refuses (a bug in test/support/arbitraries.ts)").toEqual([]);

      const failures: Failure[] = [];
      await inParallel(requests, settings.concurrency, async (request, index) => {
        const exchange = await send(inject("mockUrl"), operation, request);
        const problems = successProblems(operation, exchange);
        if (problems.length > 0) failures.push({ source: "valid requests", index, problems, exchange });
      });
      const row = rowOf(operationId);
      row.valid = requests.length;
      row.milliseconds += Date.now() - started;

      const [first] = failures.sort(byIndex);
      if (first !== undefined) {
        throw new Error(
          await failureReport(operation, failures, requests.length, {
            arbitrary,
            index: first.index,
            fails: async (request) => successProblems(operation, await send(inject("mockUrl"), operation, request)).length > 0,
          }),
        );
      }
    },
    TIMEOUT,
  );

  if (sites.length === 0) {
    it("takes no parameter and no body, so no request can break a constraint", () => {
      expect(operation.parameters).toEqual([]);
      expect(operation.body).toBeUndefined();
      expect(unbreakable).toEqual([]);
    });
    return;
  }

  it(
    `refuses generated requests that each break ${
      sites.length === 1 ? "its one constraint" : `one of its ${sites.length} constraints`
    } with a 400 and a valid error body`,
    async () => {
      const started = Date.now();
      const counts = casesPerConstraint(sites.length);
      const generated = sites.flatMap((site, s) =>
        fc
          .sample(site.arbitrary, { seed: settings.seed, numRuns: counts[s] ?? 1 })
          .map((request, index) => ({ site: s, index, request })),
      );
      // A case that ajv finds valid broke nothing: the generator is wrong.
      const unbroken = generated.filter(({ request }) => requestViolations(operation, request).length === 0);
      expect(unbroken.map(({ request }) => `${request.constraint} at ${request.at.join(".")}`), "cases that break nothing").toEqual([]);
      const cases = generated;

      const row = rowOf(operationId);
      const failed: { failure: Failure; site: number }[] = [];
      await inParallel(cases, settings.concurrency, async ({ site, index, request }) => {
        const exchange = await send(inject("mockUrl"), operation, request);
        row.refusals.set(exchange.status, (row.refusals.get(exchange.status) ?? 0) + 1);
        const problems = refusalProblems(operation, request, exchange);
        const source = `${request.constraint} (broken at ${request.at.join(".")})`;
        if (problems.length > 0) failed.push({ failure: { source, index, problems, exchange }, site });
      });
      row.invalid = cases.length;
      row.constraints = sites.length;
      row.unbreakable = unbreakable.length;
      row.refusals = new Map([...row.refusals].sort(([a], [b]) => a - b));
      row.milliseconds += Date.now() - started;

      failed.sort((a, b) => byIndex(a.failure, b.failure));
      const [first] = failed;
      if (first !== undefined) {
        const site = sites[first.site];
        throw new Error(
          await failureReport(
            operation,
            failed.map(({ failure }) => failure),
            cases.length,
            site && {
              arbitrary: site.arbitrary,
              index: first.failure.index,
              fails: async (request) => {
                const broken = request as BrokenRequest;
                if (requestViolations(operation, broken).length === 0) return false;
                return refusalProblems(operation, broken, await send(inject("mockUrl"), operation, broken)).length > 0;
              },
            },
          ),
        );
      }
    },
    TIMEOUT,
  );
});
