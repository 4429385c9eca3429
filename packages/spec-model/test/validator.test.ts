import { describe, expect, it } from "vitest";
import { specModel, type OpenApiDocument } from "../src/index.mjs";
import { createValidator } from "../src/validator.mjs";

const bundled = createValidator();

function documentWith(schemas: Record<string, unknown>, extra: Record<string, unknown> = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          parameters: [{ name: "limit", in: "query", schema: { type: "integer", minimum: 0, maximum: 1000 } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
        },
      },
    },
    components: { schemas },
    ...extra,
  };
}

describe("the validator of the bundled spec", () => {
  const model = specModel();

  it("compiles every request body, response body and parameter schema in strict mode", () => {
    let compiled = 0;
    for (const operation of model.operations()) {
      for (const parameter of operation.parameters) {
        expect(bundled.parameter(operation.id, parameter.name, parameter.in)).toBeTypeOf("function");
        compiled += 1;
      }
      if (bundled.body(operation.id, "request") !== undefined) compiled += 1;
      for (const response of model.responses(operation.id)) if (bundled.body(operation.id, response.key) !== undefined) compiled += 1;
    }
    expect(compiled).toBeGreaterThan(100);
  });

  it("checks a request body with all its errors, and a response body", () => {
    const body = bundled.body("createEndpoint", "request")!;
    const errors = bundled.violations(body, { vpc_id: 1, unknown: true });
    expect(errors.map((error) => error.keyword)).toEqual(expect.arrayContaining(["required", "additionalProperties", "type"]));
    const [example] = model.examples("getEndpoint", 200).values();
    expect(bundled.violations(bundled.body("getEndpoint", 200)!, example)).toEqual([]);
  });

  it("takes an int64 beyond a JavaScript number's exact range, as the service sends marker_id", () => {
    const marker = bundled.schemaAt("#/components/schemas/Endpoint/properties/marker_id");
    expect(marker(JSON.parse("422321321312321321"))).toBe(true);
    expect(marker(2 ** 53 + 2)).toBe(true);
    expect(marker(1.5)).toBe(false);
  });

  it("decides formats as ajv-formats does", () => {
    expect(bundled.acceptsFormat("uuid", "4189d3c2-8882-4871-a3c2-d380272eed88")).toBe(true);
    expect(bundled.acceptsFormat("ipv4", "256.0.0.1")).toBe(false);
    expect(() => bundled.acceptsFormat("no-such-format", "x")).toThrow(/unknown format/);
  });

  it("refuses a pointer at nothing, and a parameter the operation does not take", () => {
    expect(() => bundled.schemaAt("#/components/schemas/Nothing")).toThrow("no schema at #/components/schemas/Nothing");
    expect(() => bundled.parameter("getEndpoint", "limit")).toThrow("getEndpoint takes no parameter limit");
  });
});

describe("the configuration", () => {
  it("accepts OpenAPI's keywords and the document's x- extensions, and refuses an unknown keyword", () => {
    const open = createValidator(
      specModel(documentWith({ Thing: { type: "object", example: {}, discriminator: { propertyName: "kind" }, "x-note": 1 } }, { "x-top": true })),
    );
    expect(open.body("listThings", 200)!({})).toBe(true);
    const typo = createValidator(specModel(documentWith({ Thing: { type: "string", maxLenght: 3 } })));
    expect(() => typo.body("listThings", 200)).toThrow(/unknown keyword: "maxLenght"/);
    const malformed = createValidator(specModel(documentWith({ Thing: { type: "string", maxLength: "3" } })));
    expect(() => malformed.body("listThings", 200)).toThrow('maxLength value must be ["number"]');
  });

  it("accepts what OpenAPI allows: a schema without a type, a required property not declared, a format of its own", () => {
    const loose = { type: "object", properties: { note: { maxLength: 3 }, kind: { type: "string", format: "text" } }, required: ["note", "elsewhere"] };
    const validator = createValidator(specModel(documentWith({ Thing: loose })));
    const validate = validator.body("listThings", 200)!;
    expect(validator.violations(validate, { note: "abc", kind: "anything", elsewhere: 1 })).toEqual([]);
    expect(validator.violations(validate, { note: "abcd", kind: "x", elsewhere: 1 }).map((error) => error.instancePath)).toEqual(["/note"]);
  });

  it("takes no top-level field of the document for a keyword: `servers` in a schema is refused", () => {
    const document = documentWith({ Thing: { type: "string", servers: "x" } }, { servers: [{ url: "https://example.test" }] });
    expect(() => createValidator(specModel(document)).body("listThings", 200)).toThrow(/unknown keyword: "servers"/);
  });

  it("coerces parameter text only when asked to, as a URL's parameters reach a server", () => {
    const document = documentWith({ Thing: { type: "object" } });
    expect(createValidator(specModel(document)).parameter("listThings", "limit")("10")).toBe(false);
    const coercing = createValidator(specModel(document), { coerceTypes: true }).parameter("listThings", "limit");
    expect(coercing("10")).toBe(true);
    expect(coercing("-1")).toBe(false);
    expect(coercing("Infinity")).toBe(false);
  });

  it("stops at the first error when asked to", () => {
    const document = documentWith({ Thing: { type: "object", properties: { a: {}, b: {} }, required: ["a", "b"] } });
    const first = createValidator(specModel(document), { allErrors: false });
    expect(first.violations(first.body("listThings", 200)!, {})).toHaveLength(1);
    const all = createValidator(specModel(document));
    expect(all.violations(all.body("listThings", 200)!, {})).toHaveLength(2);
  });
});

describe("boolean schemas, which OpenAPI 3.1 takes as JSON Schema does", () => {
  /** listThings with its 200 body's schema and its limit's schema as written. */
  function withSchemas(body: boolean, limit: boolean): OpenApiDocument {
    const document = documentWith({});
    const operation = (document.paths?.["/things"] as { get: { parameters: { schema: unknown }[]; responses: Record<string, { content: Record<string, { schema: unknown }> }> } }).get;
    operation.responses["200"]!.content["application/json"]!.schema = body;
    operation.parameters[0]!.schema = limit;
    return document;
  }

  it("are kept as the schema of a body and of a parameter, with their pointers", () => {
    const model = specModel(withSchemas(false, true));
    expect(model.bodySchema("listThings", 200)).toEqual({ node: false, pointer: "#/paths/~1things/get/responses/200/content/application~1json/schema" });
    expect(model.operationById("listThings").parameters[0]?.schema).toBe(true);
  });

  it("validate as they say: false refuses every value, true takes any", () => {
    const validator = createValidator(specModel(withSchemas(false, true)));
    expect(validator.violations(validator.body("listThings", 200)!, {}).map((error) => error.keyword)).toEqual(["false schema"]);
    expect(validator.parameter("listThings", "limit")("anything")).toBe(true);
  });
});

