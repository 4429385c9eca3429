import { describe, expect, it } from "vitest";
import { concerns, concernsField, isWithin, violationPlace, type PrismViolation } from "./support/prism-violations.js";

const at = (location: string[], message = "must be string"): PrismViolation => ({ location, message });

describe("the place of a Prism violation", () => {
  it("is its location after `request`", () => {
    expect(violationPlace(at(["request", "body", "tags", "0", "key"]))).toEqual(["body", "tags", "0", "key"]);
  });

  it("is the property a missing required or an unknown property names", () => {
    expect(violationPlace(at(["request", "body"], "must have required property 'vpc_id'"))).toEqual(["body", "vpc_id"]);
    expect(violationPlace(at(["request", "body", "ports", "0"], "must NOT have additional properties; found 'colour'"))).toEqual([
      "body",
      "ports",
      "0",
      "colour",
    ]);
  });

  it("is the body itself when the body is missing", () => {
    expect(violationPlace(at(["request"], "Body parameter is required"))).toEqual(["body"]);
  });
});

describe("whether a violation concerns a place (one rule, by segments)", () => {
  const tagKey = at(["request", "body", "tags", "0", "key"]);
  const otherField = at(["request", "body", "tags_x"]);

  it("holds at the place and inside it", () => {
    expect(concerns(tagKey, ["body", "tags"])).toBe(true);
    expect(concerns(tagKey, ["body", "tags", 0, "key"])).toBe(true);
    expect(concernsField(tagKey, "tags")).toBe(true);
    expect(concernsField(tagKey, "tags.0.key")).toBe(true);
    expect(concernsField(tagKey, "")).toBe(true);
  });

  it("never holds for a field whose name only starts like it: tags is not tags_x", () => {
    expect(concerns(otherField, ["body", "tags"])).toBe(false);
    expect(concernsField(otherField, "tags")).toBe(false);
    expect(concernsField(at(["request", "body", "tags", "01"]), "tags.0")).toBe(false);
  });

  it("does not hold above the place, nor in another part of the request", () => {
    expect(concerns(at(["request", "body", "tags"]), ["body", "tags", 0])).toBe(false);
    expect(concerns(at(["request", "query", "limit"]), ["body", "limit"])).toBe(false);
    expect(isWithin(["query", "limit"], ["query"])).toBe(true);
  });
});
