import { describe, expect, it } from "vitest";
import { HTTP_METHODS, bundledSpecPath, escapePointer, loadSpec, pointerSegments, readablePath, specModel, type OpenApiDocument } from "../src/index.mjs";

/** A small document with every case the model distinguishes. */
function sample(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    security: [{ Token: [] }],
    paths: {
      "/things/{id}": {
        parameters: [
          { $ref: "#/components/parameters/Id" },
          { name: "verbose", in: "query", schema: { type: "boolean" } },
          { name: "verbose", in: "header", schema: { type: "string" } },
        ],
        put: {
          operationId: "updateThing",
          tags: ["Things"],
          parameters: [{ name: "verbose", in: "query", required: true, schema: { type: "integer" } }],
          requestBody: { $ref: "#/components/requestBodies/Thing" },
          responses: {
            "200": { $ref: "#/components/responses/Thing" },
            "4xx": { description: "refused", content: { "application/problem+json": { schema: { type: "object" } } } },
            default: { description: "other" },
          },
        },
        get: { operationId: "getThing", security: [], responses: { "204": { description: "none" } } },
        summary: "not an operation",
      },
      "/others": { $ref: "#/components/pathItems/Others" },
    },
    components: {
      parameters: { Id: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } } },
      schemas: { Id: { type: "string" }, Thing: { type: "object", properties: { id: { $ref: "#/components/schemas/Id" } } } },
      requestBodies: { Thing: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" }, examples: { One: { $ref: "#/components/examples/One" } } } } } },
      responses: { Thing: { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" }, examples: { Inline: { value: { id: "b" } } } } } } },
      examples: { One: { value: { id: "a" } } },
      pathItems: { Others: { delete: { responses: {} } } },
    },
  };
}

describe("HTTP_METHODS", () => {
  it("are the eight methods a path item may hold", () => {
    expect([...HTTP_METHODS].sort()).toEqual(["delete", "get", "head", "options", "patch", "post", "put", "trace"]);
  });
});

describe("the bundled spec", () => {
  it("is found in @otc-vpcep/spec, as JSON and as YAML", () => {
    expect(bundledSpecPath()).toMatch(/spec[\\/]dist[\\/]openapi\.json$/);
    expect(bundledSpecPath("yaml")).toMatch(/spec[\\/]dist[\\/]openapi\.yaml$/);
  });

  it("is read once and shared, and so is its model", () => {
    expect(loadSpec()).toBe(loadSpec());
    expect(specModel()).toBe(specModel(loadSpec()));
  });

  it("has its 21 operations in the order of the document, each at its pointer", () => {
    const model = specModel();
    const operations = model.operations();
    expect(operations).toHaveLength(21);
    expect(model.operationIds().slice(0, 4)).toEqual(["listVersions", "getVersion", "createEndpointService", "listEndpointServices"]);
    for (const entry of operations) expect(model.at(entry.pointer)).toBe(entry.operation);
    expect(model.operationById("getQuotas")).toMatchObject({ method: "get", path: "/v1/{project_id}/quotas", tags: ["Quotas"] });
  });

  it("gives each operation its path-level parameters", () => {
    const names = specModel()
      .operationById("getEndpoint")
      .parameters.map((parameter) => `${parameter.in}:${parameter.name}@${parameter.pointer}`);
    expect(names).toEqual([
      "path:project_id@#/components/parameters/ProjectId",
      "path:vpc_endpoint_id@#/components/parameters/VpcEndpointId",
    ]);
  });
});

describe("operations", () => {
  const model = specModel(sample());

  it("are the methods of each path item, not its other fields, through a path item's $ref", () => {
    expect(model.operations().map((entry) => `${entry.method} ${entry.path} ${entry.id}`)).toEqual([
      "put /things/{id} updateThing",
      "get /things/{id} getThing",
      "delete /others DELETE /others",
    ]);
    expect(model.operations()[2]?.pointer).toBe("#/components/pathItems/Others/delete");
    expect(model.operationIds()).toEqual(["updateThing", "getThing"]);
    const unnamed = model.operations()[2]!;
    expect(model.responses(unnamed)).toEqual([]);
    expect(model.requestBody(unnamed)).toBeUndefined();
  });

  it("merge path-level parameters with the operation's by name and place, the operation's winning", () => {
    const parameters = model.operationById("updateThing").parameters;
    expect(parameters.map((parameter) => [parameter.in, parameter.name, parameter.required, parameter.pointer])).toEqual([
      ["path", "id", true, "#/components/parameters/Id"],
      ["header", "verbose", false, "#/paths/~1things~1{id}/parameters/2"],
      ["query", "verbose", true, "#/paths/~1things~1{id}/put/parameters/0"],
    ]);
    expect(parameters[2]?.schema).toEqual({ type: "integer" });
  });

  it("take the operation's security, else the document's", () => {
    expect(model.operationById("updateThing").security).toEqual([{ Token: [] }]);
    expect(model.operationById("getThing").security).toEqual([]);
  });

  it("are found by id, and an unknown or a shared id is an error", () => {
    expect(model.operationById("getThing").method).toBe("get");
    expect(model.findOperation("nothing")).toBeUndefined();
    expect(() => model.operationById("nothing")).toThrow("operation nothing is not in the spec");
    const twice = sample();
    (twice.paths!["/others"] as unknown) = { get: { operationId: "getThing", responses: {} } };
    expect(() => specModel(twice).operationById("getThing")).toThrow("operationId getThing names 2 operations: GET /things/{id}, GET /others");
  });
});

describe("$refs", () => {
  const model = specModel(sample());

  it("are followed to the end, with the pointer of what they name", () => {
    expect(model.resolve({ $ref: "#/components/parameters/Id" })).toEqual({
      node: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } },
      pointer: "#/components/parameters/Id",
    });
    expect(model.resolveRef("#/components/requestBodies/Thing").pointer).toBe("#/components/requestBodies/Thing");
    expect(model.resolve({ type: "string" }, "#/somewhere")).toEqual({ node: { type: "string" }, pointer: "#/somewhere" });
  });

  it("that name nothing, go round in a circle or leave the document are errors", () => {
    expect(() => model.resolveRef("#/components/schemas/Missing")).toThrow('the $ref "#/components/schemas/Missing" names nothing');
    const circle = specModel({ components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } } } });
    expect(() => circle.resolveRef("#/components/schemas/A")).toThrow("goes round in a circle");
    expect(() => model.resolveRef("other.yaml#/x")).toThrow("only local ones");
  });

  it("read JSON pointers with escaped segments", () => {
    expect(escapePointer("/v1/{id}~x")).toBe("~1v1~1{id}~0x");
    expect(pointerSegments("#/paths/~1v1~1{id}~0x/get")).toEqual(["paths", "/v1/{id}~x", "get"]);
    expect(model.at("#/paths/~1things~1{id}/get/operationId")).toBe("getThing");
    expect(model.at("#/paths/nothing/get")).toBeUndefined();
  });

  it("read a pointer into a value as a path: properties dotted, indexes bracketed", () => {
    expect(readablePath("/ports/0/client_port")).toBe("ports[0].client_port");
    expect(readablePath("/a~1b/2/c")).toBe("a/b[2].c");
    expect(readablePath("")).toBe("");
  });
});

describe("bodies and examples", () => {
  const model = specModel(sample());

  it("are the request body's and the responses', resolved", () => {
    expect(model.requestBody("updateThing")).toMatchObject({ required: true, pointer: "#/components/requestBodies/Thing" });
    expect(model.requestBody("getThing")).toBeUndefined();
    expect(model.bodySchema("updateThing", "request")).toEqual({
      node: { $ref: "#/components/schemas/Thing" },
      pointer: "#/components/requestBodies/Thing/content/application~1json/schema",
    });
    expect(model.responses("updateThing").map((response) => response.key)).toEqual(["200", "4xx", "default"]);
  });

  it("find a status as OpenAPI does: exactly, by its range, else default", () => {
    expect(model.responseKey("updateThing", 200)).toBe("200");
    expect(model.responseKey("updateThing", 404)).toBe("4xx");
    expect(model.responseKey("updateThing", 500)).toBe("default");
    expect(model.responseKey("getThing", 500)).toBeUndefined();
    expect(model.response("updateThing", 200)?.pointer).toBe("#/components/responses/Thing");
  });

  it("take application/json, else a +json media type", () => {
    expect(model.bodySchema("updateThing", 404)?.pointer).toBe("#/paths/~1things~1{id}/put/responses/4xx/content/application~1problem+json/schema");
    expect(model.bodySchema("updateThing", "default")).toBeUndefined();
    expect(model.bodySchema("getThing", 204)).toBeUndefined();
  });

  it("name their examples with the values resolved", () => {
    expect(model.examples("updateThing", "request")).toEqual(new Map([["One", { id: "a" }]]));
    expect(model.examples("updateThing", 200)).toEqual(new Map([["Inline", { id: "b" }]]));
    expect(() => model.examples("getThing", 204)).toThrow("getThing documents no JSON body for the response 204");
  });
});
