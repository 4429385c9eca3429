import { describe, expect, it } from "vitest";
import { breakingChanges, majorChangesetFor } from "../breaking-changes.mjs";

/**
 * A minimal document with one create operation whose request and response schemas are given.
 * @param {{ request?: object, response?: object, parameters?: object[], operationId?: string, extraPaths?: object }} [parts]
 * @returns {any}
 */
function documentWith({ request = {}, response = {}, parameters = [], operationId = "createThing", extraPaths = {} } = {}) {
  return {
    openapi: "3.1.0",
    paths: {
      "/things": {
        post: {
          operationId,
          parameters,
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Input" } } } },
          responses: { 200: { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
        },
      },
      ...extraPaths,
    },
    components: {
      schemas: {
        Input: { type: "object", properties: { name: { type: "string", maxLength: 16 }, size: { type: "integer" } }, ...request },
        Thing: { type: "object", required: ["id"], properties: { id: { type: "string" }, status: { type: "string", enum: ["on", "off"] } }, ...response },
      },
    },
  };
}

const rules = (/** @type {any} */ before, /** @type {any} */ after) => breakingChanges(before, after).map((change) => change.rule);

describe("breakingChanges", () => {
  it("finds nothing between equal documents", () => {
    expect(breakingChanges(documentWith(), documentWith())).toEqual([]);
  });

  it("finds a removed operation", () => {
    const before = documentWith({ extraPaths: { "/others": { get: { operationId: "listOthers", responses: {} } } } });
    expect(rules(before, documentWith())).toEqual(["operation-removed"]);
  });

  it("finds a renamed operation", () => {
    expect(rules(documentWith(), documentWith({ operationId: "makeThing" }))).toEqual(["operation-renamed"]);
  });

  it("finds a field added to a request's required", () => {
    expect(breakingChanges(documentWith(), documentWith({ request: { required: ["name"] } }))).toEqual([
      { rule: "request-required-added", where: "createThing body.name", message: "name is now required" },
    ]);
  });

  it("finds a new required parameter", () => {
    const after = documentWith({ parameters: [{ name: "dry_run", in: "query", required: true, schema: { type: "boolean" } }] });
    expect(rules(documentWith(), after)).toEqual(["request-required-added"]);
  });

  it("finds a tightened request limit", () => {
    const after = documentWith({ request: { properties: { name: { type: "string", maxLength: 8 }, size: { type: "integer" } } } });
    expect(breakingChanges(documentWith(), after)).toEqual([
      { rule: "request-constraint-tightened", where: "createThing body.name", message: "maxLength 16 → 8" },
    ]);
  });

  it("does not count a loosened request limit", () => {
    const after = documentWith({ request: { properties: { name: { type: "string", maxLength: 32 }, size: { type: "integer" } } } });
    expect(breakingChanges(documentWith(), after)).toEqual([]);
  });

  it("finds a changed type", () => {
    const after = documentWith({ request: { properties: { name: { type: "string", maxLength: 16 }, size: { type: "string" } } } });
    expect(rules(documentWith(), after)).toEqual(["request-type-changed"]);
  });

  it("finds a response field removed", () => {
    const after = documentWith({ response: { properties: { id: { type: "string" } } } });
    expect(breakingChanges(documentWith(), after)).toEqual([
      { rule: "response-property-removed", where: "createThing 200.status", message: "status is no longer returned" },
    ]);
  });

  it("does not count a response field added", () => {
    const after = documentWith({
      response: { properties: { id: { type: "string" }, status: { type: "string", enum: ["on", "off"] }, owner: { type: "string" } } },
    });
    expect(breakingChanges(documentWith(), after)).toEqual([]);
  });

  it("finds a response enum value removed", () => {
    const after = documentWith({ response: { properties: { id: { type: "string" }, status: { type: "string", enum: ["on"] } } } });
    expect(breakingChanges(documentWith(), after)).toEqual([
      { rule: "response-enum-value-removed", where: "createThing 200.status", message: "enum value(s) removed: off" },
    ]);
  });

  describe("responses follow the policy: tolerant, so widening is fine and narrowing breaks", () => {
    const withStatus = (/** @type {object} */ status) => documentWith({ response: { properties: { id: { type: "string" }, status } } });
    const closed = { type: "string", enum: ["on", "off"] };
    const open = { anyOf: [closed, { type: "string" }] };

    it("does not count a response enum opened to any string", () => {
      expect(breakingChanges(withStatus(closed), withStatus(open))).toEqual([]);
    });

    it("finds a value added to a closed response enum: clients written against it do not know it", () => {
      expect(rules(withStatus(closed), withStatus({ type: "string", enum: ["on", "off", "frozen"] }))).toEqual(["response-enum-value-added"]);
    });

    it("finds a response enum closed again", () => {
      expect(breakingChanges(withStatus(open), withStatus(closed))).toEqual([
        { rule: "response-enum-closed", where: "createThing 200.status", message: "any string was accepted, now only on, off" },
      ]);
    });

    it("finds a documented value dropped from an open response enum", () => {
      expect(rules(withStatus(open), withStatus({ anyOf: [{ type: "string", enum: ["on"] }, { type: "string" }] }))).toEqual([]);
      expect(rules(withStatus(closed), withStatus({ type: "string", enum: ["on"] }))).toEqual(["response-enum-value-removed"]);
    });

    it("does not count a format dropped from a response field", () => {
      expect(breakingChanges(withStatus({ type: "string", format: "date-time" }), withStatus({ type: "string" }))).toEqual([]);
    });

    it("finds a strict format put on a response field", () => {
      expect(breakingChanges(withStatus({ type: "string" }), withStatus({ type: "string", format: "date-time" }))).toEqual([
        { rule: "response-constraint-tightened", where: "createThing 200.status", message: "format (none) → date-time" },
      ]);
    });

    it("finds an input pattern or length limit put on a response field", () => {
      const limited = withStatus({ type: "string", maxLength: 43, pattern: "^[a-z]*$" });
      expect(rules(withStatus({ type: "string" }), limited)).toEqual(["response-constraint-tightened", "response-constraint-tightened"]);
    });
  });

  it("finds a format put on a request field", () => {
    const after = documentWith({ request: { properties: { name: { type: "string", maxLength: 16, format: "uuid" }, size: { type: "integer" } } } });
    expect(breakingChanges(documentWith(), after)).toEqual([
      { rule: "request-constraint-tightened", where: "createThing body.name", message: "format (none) → uuid" },
    ]);
  });

  it("does not count a request enum opened to any string", () => {
    const closedRequest = documentWith({ request: { properties: { mode: { type: "string", enum: ["a"] } } } });
    const openRequest = documentWith({ request: { properties: { mode: { anyOf: [{ type: "string", enum: ["a"] }, { type: "string" }] } } } });
    expect(breakingChanges(closedRequest, openRequest)).toEqual([]);
    expect(rules(openRequest, closedRequest)).toEqual(["request-enum-added"]);
  });

  it("finds a response field that may now be absent", () => {
    const after = documentWith({ response: { required: [] } });
    expect(rules(documentWith(), after)).toEqual(["response-required-removed"]);
  });

  it("compares the bodies of a JSON media type other than application/json, as spec-model reads them", () => {
    /** @param {any} document */
    const asProblemJson = (document) => {
      const operation = document.paths["/things"].post;
      operation.responses[200].content = { "application/problem+json": operation.responses[200].content["application/json"] };
      return document;
    };
    const after = asProblemJson(documentWith({ response: { properties: { id: { type: "string" } } } }));
    expect(rules(asProblemJson(documentWith()), after)).toEqual(["response-property-removed"]);
  });

  it("finds a removed success status", () => {
    const after = documentWith();
    after.paths["/things"].post.responses = { 201: after.paths["/things"].post.responses[200] };
    expect(rules(documentWith(), after)).toEqual(["response-status-removed"]);
  });
});

describe("majorChangesetFor", () => {
  it("sees a changeset that releases the spec as major", () => {
    expect(majorChangesetFor(new Map([["a.md", '---\n"@otc-vpcep/spec": major\n---\n\nRemove v2.\n']]))).toBe(true);
  });

  it("does not take a minor release, or a major one of another package, for it", () => {
    const files = new Map([
      ["a.md", '---\n"@otc-vpcep/spec": minor\n---\n\nAdd a field.\n'],
      ["b.md", "---\n'@otc-vpcep/client': major\n---\n\nNew API.\n"],
    ]);
    expect(majorChangesetFor(files)).toBe(false);
  });
});

describe("breakingChanges, where a hand-written check went wrong before", () => {
  const union = (/** @type {object[]} */ branches) => ({ oneOf: branches });
  const onBranch = { type: "object", properties: { kind: { const: "on" }, level: { type: "integer", maximum: 10 } } };
  const offBranch = { type: "object", properties: { kind: { const: "off" }, reason: { type: "string" } } };

  it("matches oneOf branches by their content, not their index: reordering them breaks nothing", () => {
    const before = documentWith({ request: { properties: { setting: union([onBranch, offBranch]) } } });
    const after = documentWith({ request: { properties: { setting: union([offBranch, onBranch]) } } });
    expect(rules(before, after)).toEqual([]);
  });

  it("still finds a tightened branch after a reorder", () => {
    const tighter = { ...onBranch, properties: { ...onBranch.properties, level: { type: "integer", maximum: 5 } } };
    const before = documentWith({ request: { properties: { setting: union([onBranch, offBranch]) } } });
    const after = documentWith({ request: { properties: { setting: union([offBranch, tighter]) } } });
    expect(rules(before, after)).toEqual(["request-constraint-tightened"]);
  });

  it("does not count a pattern that accepts at least as much as tightening", () => {
    const before = documentWith({ request: { properties: { name: { type: "string", pattern: "^[a-z]{1,8}$" } } } });
    const after = documentWith({ request: { properties: { name: { type: "string", pattern: "^[a-z0-9]{1,16}$" } } } });
    expect(rules(before, after)).toEqual([]);
  });

  it("counts a pattern that refuses what the old one accepted, and names such a string", () => {
    const before = documentWith({ request: { properties: { name: { type: "string", pattern: "^[a-z0-9]{1,16}$" } } } });
    const after = documentWith({ request: { properties: { name: { type: "string", pattern: "^[a-z]{1,8}$" } } } });
    const [change, ...rest] = breakingChanges(before, after);
    expect([change?.rule, rest]).toEqual(["request-constraint-tightened", []]);
    expect(change?.message).toMatch(/which refuses ".+"/);
  });

  it("finds a value added to a closed response enum, which clients do not know", () => {
    const after = documentWith({ response: { properties: { id: { type: "string" }, status: { type: "string", enum: ["on", "off", "broken"] } } } });
    expect(rules(documentWith(), after)).toEqual(["response-enum-value-added"]);
  });

  it("lets a request enum gain a value", () => {
    const before = documentWith({ request: { properties: { mode: { type: "string", enum: ["a"] } } } });
    const after = documentWith({ request: { properties: { mode: { type: "string", enum: ["a", "b"] } } } });
    expect(rules(before, after)).toEqual([]);
  });
});

describe("breakingChanges, with boolean schemas (true takes any value, false none)", () => {
  /** The document with the request body's (or the 200 response's) schema as written. @param {"request" | "response"} where @param {unknown} schema */
  const withBodySchema = (where, schema) => {
    const document = documentWith();
    const operation = document.paths["/things"].post;
    const holder = where === "request" ? operation.requestBody : operation.responses[200];
    holder.content["application/json"].schema = schema;
    return document;
  };

  it("finds a request body whose schema becomes false", () => {
    expect(rules(documentWith(), withBodySchema("request", false))).toEqual(["request-schema-false"]);
  });

  it("finds a request field whose schema becomes false, and names it", () => {
    const after = documentWith({ request: { properties: { name: false, size: { type: "integer" } } } });
    expect(breakingChanges(documentWith(), after)).toEqual([{ rule: "request-schema-false", where: "createThing body.name", message: "now refuses every value (the schema false)" }]);
  });

  it("lets a request field whose schema was false take values", () => {
    const before = documentWith({ request: { properties: { name: false, size: { type: "integer" } } } });
    expect(rules(before, documentWith())).toEqual([]);
  });

  it("reads true as a schema without constraints: a limit put on it is a tightening", () => {
    const before = documentWith({ request: { properties: { name: true, size: { type: "integer" } } } });
    expect(rules(before, documentWith())).toEqual(["request-constraint-tightened"]);
  });

  it("finds a response whose schema was false now bringing values", () => {
    expect(rules(withBodySchema("response", false), documentWith())).toEqual(["response-schema-opened"]);
  });

  it("finds a response whose schema becomes false", () => {
    expect(rules(documentWith(), withBodySchema("response", false))).toEqual(["response-schema-false"]);
  });

  it("takes a false branch of a request enum's anyOf as no values", () => {
    const before = documentWith({ request: { properties: { mode: { anyOf: [{ enum: ["a"] }, false] } } } });
    const after = documentWith({ request: { properties: { mode: { anyOf: [{ enum: ["a", "b"] }, false] } } } });
    expect(rules(before, after)).toEqual([]);
  });
});
