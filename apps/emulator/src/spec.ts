/**
 * The bundled OpenAPI description, read once: its operations by operationId, with their
 * parameters, request body and responses resolved. Everything the emulator routes and
 * validates comes from here.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type JsonSchema = Record<string, unknown>;

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  style: string | undefined;
  explode: boolean | undefined;
  schema: JsonSchema;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`. */
  path: string;
  parameters: SpecParameter[];
  /** The JSON schema of the body, if the operation takes one. */
  requestBody: { required: boolean; schema: JsonSchema } | undefined;
  /** By status key as the spec writes it (`200`, `4XX`, `default`): the JSON schema, or `null` for no content. */
  responses: Map<string, JsonSchema | null>;
  /** Whether the operation needs credentials (`security: []` turns them off). */
  secured: boolean;
}

export interface Spec {
  document: JsonSchema;
  /** The schemas of `components.schemas`, by name. */
  schemas: Record<string, JsonSchema>;
  operations: SpecOperation[];
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export function bundledSpecPath(): string {
  return createRequire(import.meta.url).resolve("@otc-vpcep/spec/openapi.json");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/...`) to what it names. */
function resolve(document: JsonSchema, value: unknown): Record<string, unknown> {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops++) {
    const ref = current["$ref"];
    if (!ref.startsWith("#/") || hops > 32) throw new Error(`Unsupported $ref ${JSON.stringify(ref)} in the spec`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
  }
  if (!isObject(current)) throw new Error(`A $ref in the spec names nothing: ${JSON.stringify(value)}`);
  return current;
}

function jsonSchemaOf(document: JsonSchema, content: unknown): JsonSchema | null {
  if (!isObject(content)) return null;
  const json = Object.entries(content).find(([type]) => type === "application/json" || type.endsWith("+json"));
  if (json === undefined) return null;
  const media = resolve(document, json[1]);
  return isObject(media["schema"]) ? media["schema"] : {};
}

function parameterOf(document: JsonSchema, raw: unknown): SpecParameter {
  const parameter = resolve(document, raw);
  const where = parameter["in"];
  if (where !== "path" && where !== "query" && where !== "header" && where !== "cookie") {
    throw new Error(`A parameter of the spec has no valid "in": ${JSON.stringify(parameter)}`);
  }
  return {
    name: String(parameter["name"]),
    in: where,
    required: parameter["required"] === true,
    style: typeof parameter["style"] === "string" ? parameter["style"] : undefined,
    explode: typeof parameter["explode"] === "boolean" ? parameter["explode"] : undefined,
    schema: isObject(parameter["schema"]) ? parameter["schema"] : {},
  };
}

export function parseSpec(document: JsonSchema): Spec {
  const paths = document["paths"];
  const components = document["components"];
  if (!isObject(paths)) throw new Error("The spec has no paths");
  const schemas = isObject(components) && isObject(components["schemas"]) ? (components["schemas"] as Record<string, JsonSchema>) : {};
  const globalSecured = Array.isArray(document["security"]) && document["security"].length > 0;
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(document, rawItem);
    const shared = Array.isArray(item["parameters"]) ? item["parameters"].map((p) => parameterOf(document, p)) : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = Array.isArray(operation["parameters"]) ? operation["parameters"].map((p) => parameterOf(document, p)) : [];
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      const body = isObject(operation["requestBody"]) ? resolve(document, operation["requestBody"]) : undefined;
      const bodySchema = body === undefined ? null : jsonSchemaOf(document, body["content"]);
      const responses = new Map<string, JsonSchema | null>();
      for (const [status, response] of Object.entries(isObject(operation["responses"]) ? operation["responses"] : {})) {
        responses.set(status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase(), jsonSchemaOf(document, resolve(document, response)["content"]));
      }
      const security = operation["security"];
      operations.push({
        operationId: String(operation["operationId"]),
        method: method.toUpperCase(),
        path,
        parameters,
        requestBody: bodySchema === null ? undefined : { required: body?.["required"] === true, schema: bodySchema },
        responses,
        secured: Array.isArray(security) ? security.length > 0 : globalSecured,
      });
    }
  }
  return { document, schemas, operations };
}

export function loadSpec(file: string = bundledSpecPath()): Spec {
  return parseSpec(JSON.parse(readFileSync(file, "utf8")) as JsonSchema);
}
