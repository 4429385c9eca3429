/**
 * The derivation of fast-check arbitraries checks itself on every response schema of
 * the spec, with ajv and without the mock: what it calls valid is valid, and what it
 * generates to break a constraint is invalid. The request schemas are checked the same
 * way in operations.test.ts, before anything is sent; the responses add what requests
 * do not use, such as `date-time`, `int64`, `anyOf` and `type: ["object", "null"]`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describePath } from "../support/arbitraries.js";
import { generatable, responseSchemaOf, schemas } from "../support/generated-requests.js";
import { settings } from "../support/generated-runner.js";
import { documentedResponses, operationIds, schemaViolations } from "../support/spec.js";

/** Each distinct response schema once, with the last operation and status that use it. */
const responses = [
  ...new Map(
    operationIds().flatMap((operationId) =>
      documentedResponses(operationId).map((status) => {
        const schema = responseSchemaOf(operationId, status);
        return [JSON.stringify(schema), { operationId, status, schema }] as const;
      }),
    ),
  ).values(),
];
const RUNS = 50;

describe("the derivation of arbitraries from the spec's schemas", () => {
  it.each(responses.map((r) => [`${r.operationId} ${r.status}`, r] as const))(
    "generates only valid values of the %s response",
    (_, { operationId, status, schema }) => {
      const values = fc.sample(schemas.valid(schema), { seed: settings.seed, numRuns: RUNS });
      const invalid = values.filter((value) => schemaViolations(operationId, status, value).length > 0);
      expect(invalid).toEqual([]);
    },
  );

  it.each(responses.map((r) => [`${r.operationId} ${r.status}`, r] as const))(
    "breaks each constraint of the %s response into invalid values",
    (_, { operationId, status, schema }) => {
      const { breakages } = schemas.breakages(schema);
      const stillValid = breakages.flatMap((breakage) => {
        // A value that breaks a constraint of an anyOf branch itself (e.g. the enum of
        // KnownErrorCode) may match a sibling branch (any code of the documented pattern).
        // Constraints deeper inside a branch are checked like any other.
        const last = breakage.path.at(-1);
        if (last !== undefined && "of" in last && last.of === "anyOf") return [];
        return fc
          .sample(breakage.arbitrary, { seed: settings.seed, numRuns: 5 })
          .filter(({ value }) => schemaViolations(operationId, status, value).length === 0)
          .map(({ value }) => `${describePath(breakage.path)}: ${breakage.keyword} ${JSON.stringify(value)}`);
      });
      expect(stillValid).toEqual([]);
    },
  );
});

describe("boolean schemas, which the spec may hold where a schema goes", () => {
  it("read true as a schema without constraints", () => {
    expect(generatable(true, "#/x")).toEqual({});
    expect(schemas.view(true as unknown as Record<string, unknown>)).toEqual({});
  });

  it("refuse false, which accepts no value to generate, naming where it stands", () => {
    expect(() => generatable(false, "#/paths/~1things/post/requestBody/content/application~1json/schema")).toThrow(
      "the schema at #/paths/~1things/post/requestBody/content/application~1json/schema is false, which accepts no value: nothing can be generated for it",
    );
    expect(() => schemas.view(false as unknown as Record<string, unknown>)).toThrow("a schema false accepts no value");
  });
});

