import { describe, expect, it } from "vitest";
import { documentedStatuses, examplesOf, operationIds, schemaViolations } from "./support/spec.js";

// Redocly's lint validates the examples too; this checks them again with ajv, the
// validator the conformance suite trusts, so the two cannot silently disagree.
const cases = operationIds().flatMap((operationId) =>
  (["request", ...documentedStatuses(operationId)] as const).flatMap((where) =>
    [...examplesOf(operationId, where)].map(([name, value]) => ({ operationId, where, name, value })),
  ),
);

describe("the spec's examples", () => {
  it("exist for every operation's request and responses", () => {
    for (const operationId of operationIds()) {
      for (const where of ["request", ...documentedStatuses(operationId)] as const) {
        expect(examplesOf(operationId, where).size, `${operationId} ${where}`).toBeGreaterThan(0);
      }
    }
  });

  it.each(cases)("$operationId $where example $name is valid against its schema", ({ operationId, where, value }) => {
    expect(schemaViolations(operationId, where, value)).toEqual([]);
  });
});
