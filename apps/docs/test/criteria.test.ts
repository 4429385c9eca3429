// How the Workflows guide words an Arazzo step's checks and waits (lib/criteria.mjs).
import { describe, expect, it } from "vitest";
import { describeCriteria, describeCriterion, describeExpression, describeFailureAction, pointerPath } from "../lib/criteria.mjs";

describe("the words for a step's checks", () => {
  it("say a status condition as the status it must be", () => {
    expect(describeCriterion({ condition: "$statusCode == 204" })).toBe("the status is 204");
  });

  it("read a condition on the body by the path its JSON pointer names", () => {
    expect(describeCriterion({ condition: "$response.body#/connections/0/status == 'pendingAcceptance'" })).toBe(
      "the body's `connections[0].status` is `pendingAcceptance`",
    );
    expect(pointerPath("/a~1b/2/c")).toBe("a/b[2].c");
  });

  it("say a JSONPath filter of one field and several values as one of them", () => {
    expect(describeCriterion({ context: "$response.body", condition: "$[?@.status == 'creating' || @.status == 'available']", type: "jsonpath" })).toBe(
      "the body's `status` is `creating` or `available`",
    );
  });

  it("say a JSONPath filter on a field alone as the body having it", () => {
    expect(describeCriterion({ context: "$response.body", condition: "$[?@.versions]", type: "jsonpath" })).toBe("the body has `versions`");
  });

  it("quote a condition of a form they do not know, with its context and type", () => {
    expect(describeCriterion({ context: "$response.body", condition: "$..id", type: "jsonpath" })).toBe("`$..id` holds for `$response.body` (jsonpath)");
  });

  it("join several checks, all of which must hold", () => {
    expect(describeCriteria([{ condition: "$statusCode == 200" }, { condition: "$response.body#/total_count >= 0" }])).toBe(
      "the status is 200 and the body's `total_count` is at least 0",
    );
  });

  it("name a step's output by the step it comes from", () => {
    expect(describeExpression("$steps.createService.outputs.serviceId")).toBe("`serviceId` of step `createService`");
  });
});

describe("the words for a step's waits", () => {
  it("say how often a retry tries again, and how many times at most", () => {
    expect(describeFailureAction({ name: "readAgain", type: "retry", retryAfter: 5, retryLimit: 1, criteria: [{ condition: "$statusCode == 200" }] })).toBe(
      "when the checks fail and the status is 200, it tries again after 5 s, at most 1 time",
    );
  });

  it("say where a failure goes when it does not retry", () => {
    expect(describeFailureAction({ name: "giveUp", type: "end" })).toBe("when the checks fail, the workflow ends");
  });
});
