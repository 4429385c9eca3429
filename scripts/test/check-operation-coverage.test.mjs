import { describe, expect, it } from "vitest";
import { coverageProblems, operationIdsOf } from "../check-operation-coverage.mjs";

const spec = {
  paths: {
    "/things": { parameters: [], post: { operationId: "createThing" }, get: { operationId: "listThings" } },
  },
};
const complete = `describe("createThing", () => { describe("valid requests", () => {}); describe("invalid requests", () => {}); });`;

describe("operationIdsOf", () => {
  it("lists the operationIds of every method, ignoring path-level fields", () => {
    expect(operationIdsOf(spec)).toEqual(["createThing", "listThings"]);
  });
});

describe("coverageProblems", () => {
  it("reports nothing when each operation has both blocks", () => {
    expect(coverageProblems(["createThing"], new Map([["createThing", complete]]))).toEqual([]);
  });

  it("reports an operation without a test file", () => {
    expect(coverageProblems(["createThing", "listThings"], new Map([["createThing", complete]]))).toEqual([
      "listThings: no test file operations/listThings.test.ts",
    ]);
  });

  it("reports a missing invalid-requests block", () => {
    const source = `describe("createThing", () => { describe("valid requests", () => {}); });`;
    expect(coverageProblems(["createThing"], new Map([["createThing", source]]))).toEqual([
      'createThing: no describe("invalid requests") block',
    ]);
  });

  it("reports a file whose describe names another operation", () => {
    const source = complete.replace('describe("createThing"', 'describe("createThings"');
    expect(coverageProblems(["createThing"], new Map([["createThing", source]]))).toEqual([
      'createThing: its file has no describe("createThing")',
    ]);
  });

  it("reports a test file of an operation the spec does not have", () => {
    const files = new Map([["createThing", complete], ["deleteThing", complete]]);
    expect(coverageProblems(["createThing"], files)).toEqual(["deleteThing: test file names no operation of the spec"]);
  });
});
