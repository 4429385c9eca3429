import traverse from "json-schema-traverse";
import { describe, expect, it } from "vitest";
import { atPointer, documentedResponses, model, operationIds } from "./support/spec.js";

// The spec's policy, "requests strict, responses tolerant" (spec/README.md, ADR 0010):
// response schemas accept what the service really sends, so none of them may close an
// enum, demand a pattern, a strict string format or an input length.
type Json = Record<string, unknown>;

const STRICT_STRING_FORMATS = new Set(["date-time", "date", "time", "uuid", "ipv4", "ipv6", "email", "uri", "hostname"]);
const INPUT_LIMITS = ["pattern", "minLength", "maxLength", "minItems", "maxItems"] as const;

/** An `anyOf` that lets any string through beside its listed values: an open enum. */
function opensEnum(schema: Json | undefined): boolean {
  const branches = schema?.["anyOf"];
  return (
    Array.isArray(branches) &&
    branches.some((branch: Json) => branch["type"] === "string" && Object.keys(branch).every((key) => ["type", "description", "title"].includes(key)))
  );
}

/** What in a schema (and every schema it references) breaks the response policy. */
function policyBreaches(rootPointer: string): string[] {
  const breaches = new Set<string>();
  const queue: { pointer: string; open: boolean }[] = [{ pointer: rootPointer, open: false }];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { pointer, open } = queue.shift()!;
    if (seen.has(`${open}${pointer}`)) continue;
    seen.add(`${open}${pointer}`);
    const visit: traverse.Callback = (schema, jsonPtr, _root, _parentPtr, parentKeyword, parentSchema) => {
      const where = `${pointer}${jsonPtr}`;
      const inOpenEnum = jsonPtr === "" ? open : parentKeyword === "anyOf" && opensEnum(parentSchema);
      if (typeof schema["$ref"] === "string") queue.push({ pointer: schema["$ref"], open: inOpenEnum });
      if (Array.isArray(schema["enum"]) && !inOpenEnum) breaches.add(`${where}: a closed enum`);
      if (typeof schema["format"] === "string" && STRICT_STRING_FORMATS.has(schema["format"])) {
        breaches.add(`${where}: the strict format ${schema["format"]}`);
      }
      for (const keyword of INPUT_LIMITS) if (schema[keyword] !== undefined) breaches.add(`${where}: ${keyword}`);
    };
    traverse(atPointer(pointer) as Json, { cb: visit });
  }
  return [...breaches];
}

const responses = operationIds().flatMap((operationId) =>
  documentedResponses(operationId).map((key) => ({ operationId, key, schemaPointer: model.bodySchema(operationId, key)?.pointer ?? "" })),
);

describe("the response policy", () => {
  it.each(responses)("$operationId $key: no closed enum, pattern, strict format or input limit", ({ schemaPointer }) => {
    expect(policyBreaches(schemaPointer)).toEqual([]);
  });

  it.each(operationIds())("%s documents a 5XX response with the error body", (operationId) => {
    const response = model.response(operationId, "5XX");
    expect((response?.node["content"] as Json)["application/json"]).toMatchObject({ schema: { $ref: "#/components/schemas/Error" } });
  });

  it("finds a closed enum, a pattern and a strict format where the policy forbids them", () => {
    const strict = policyBreaches("#/components/schemas/CreateEndpointServiceRequest");
    expect(strict).toContain("#/components/schemas/KnownServerType: a closed enum");
    expect(strict).toContain("#/components/schemas/CreateEndpointServiceRequest/properties/service_name: pattern");
    expect(strict).toContain("#/components/schemas/CreateEndpointServiceRequest/properties/port_id: the strict format uuid");
  });

  it("lets the documented values of an open enum through", () => {
    expect(policyBreaches("#/components/schemas/ServerType")).toEqual([]);
  });
});

