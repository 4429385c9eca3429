// How deep a JSON body nests, counted without parsing it (src/server/request-guard.ts).
import { describe, expect, it } from "vitest";
import { jsonDepth } from "../src/server/request-guard.js";

describe("jsonDepth", () => {
  it("counts arrays and objects inside each other", () => {
    expect(jsonDepth('{"tags":[{"key":"a"}]}')).toBe(3);
  });

  it("does not count brackets inside strings", () => {
    expect(jsonDepth(JSON.stringify({ description: "[[[{{{" }))).toBe(1);
  });

  it("does not end a string at an escaped quote", () => {
    expect(jsonDepth(JSON.stringify({ description: 'say "[[[" and \\ go' }))).toBe(1);
  });

  it("is 0 for a scalar", () => {
    expect(jsonDepth("42")).toBe(0);
  });

  it("counts 100,000 levels in one pass", () => {
    expect(jsonDepth("[".repeat(100_000))).toBe(100_000);
  });
});
