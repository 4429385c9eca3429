import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const SPEC_ID = "vpcep-openapi.json";

type Json = Record<string, unknown>;

/** The bundled spec, as published by @otc-vpcep/spec. */
export const spec = JSON.parse(readFileSync(require.resolve("@otc-vpcep/spec/openapi.json"), "utf8")) as Json;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
// Keywords OpenAPI and Redoc add to JSON Schema; they document, they do not constrain.
/** Every `x-` extension key used anywhere in the spec. */
function extensionKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => extensionKeys(item, found));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeys(value, found);
    }
  }
  return found;
}

// Keywords OpenAPI adds to JSON Schema; they document, they do not constrain: `example`,
// `discriminator` (ajv validates the `oneOf` itself) and the `x-` extensions. Any other
// unknown keyword is a mistake that ajv's strict mode reports.
ajv.addVocabulary(["example", "discriminator", ...extensionKeys(spec)]);
// The whole document is registered so that `#/components/...` references resolve; its
// top-level fields are declared as keywords so that ajv's strict mode accepts the root.
ajv.addVocabulary(Object.keys(spec).filter((key) => !key.startsWith("x-")));
ajv.addSchema(spec, SPEC_ID);

/** A JSON pointer segment, escaped. */
export const escapePointer = (part: string) => part.replaceAll("~", "~0").replaceAll("/", "~1");

/** The node of the spec at a JSON pointer such as `#/components/schemas/Tag`. */
export function atPointer(pointer: string): unknown {
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], spec);
}

/** Follows `$ref`s within the spec and returns the node with its JSON pointer. */
export function resolve(node: unknown, pointer: string): { node: Json; pointer: string } {
  const ref = (node as Json | undefined)?.["$ref"];
  if (typeof ref === "string") return resolve(atPointer(ref), ref);
  if (typeof node !== "object" || node === null) throw new Error(`nothing at ${pointer} in the spec`);
  return { node: node as Json, pointer };
}

/** Every operationId of the spec, in document order. */
export function operationIds(): string[] {
  return Object.values(spec["paths"] as Json).flatMap((pathItem) =>
    Object.values(pathItem as Json)
      .map((operation) => (operation as Json)["operationId"])
      .filter((id): id is string => typeof id === "string"),
  );
}

export function operationPointer(operationId: string): string {
  for (const [path, pathItem] of Object.entries(spec["paths"] as Json)) {
    for (const [method, operation] of Object.entries(pathItem as Json)) {
      if ((operation as Json)["operationId"] === operationId) return `#/paths/${escapePointer(path)}/${method}`;
    }
  }
  throw new Error(`operation ${operationId} is not in the spec`);
}

/**
 * The key under which an operation documents the response for a status: the status
 * itself, else its range (`5XX`), else `default`, as OpenAPI resolves it.
 */
export function responseKeyFor(operationId: string, status: number): string | undefined {
  const responses = atPointer(`${operationPointer(operationId)}/responses`) as Json;
  return [String(status), `${String(status).charAt(0)}XX`, "default"].find((key) => responses[key] !== undefined);
}

/** `where`: the request, a status (resolved with `responseKeyFor`), or a response key such as `5XX`. */
type Where = "request" | number | string;

function mediaType(operationId: string, where: Where): { node: Json; pointer: string } {
  const base = operationPointer(operationId);
  const key = typeof where === "number" ? responseKeyFor(operationId, where) : where;
  const at = where === "request" ? `${base}/requestBody` : `${base}/responses/${key ?? String(where)}`;
  const container = resolve(atPointer(at), at);
  const pointer = `${container.pointer}/content/application~1json`;
  return resolve(atPointer(pointer), pointer);
}

/**
 * Checks a body against the bundled spec's schema for an operation's request or its
 * response with a status, independently of Prism; returns ajv's errors, empty when valid.
 */
export function schemaViolations(operationId: string, where: Where, body: unknown): ErrorObject[] {
  const { pointer } = mediaType(operationId, where);
  const validate = ajv.getSchema(`${SPEC_ID}${pointer}/schema`);
  if (validate === undefined) throw new Error(`${operationId} documents no JSON schema for ${where}`);
  return validate(body) ? [] : [...(validate.errors ?? [])];
}

/** Checks a response body against the spec; see `schemaViolations`. */
export function responseViolations(operationId: string, status: number, body: unknown): ErrorObject[] {
  return schemaViolations(operationId, status, body);
}

/** Whether the operation takes a request body. */
export function hasRequestBody(operationId: string): boolean {
  return atPointer(`${operationPointer(operationId)}/requestBody`) !== undefined;
}

/** The response keys (`200`, `404`, `5XX`, ...) an operation documents a JSON body for. */
export function documentedResponses(operationId: string): string[] {
  const responses = atPointer(`${operationPointer(operationId)}/responses`) as Json;
  return Object.keys(responses).filter((key) => {
    try {
      return mediaType(operationId, key).node["schema"] !== undefined;
    } catch {
      return false;
    }
  });
}

/** The named examples of an operation's request body, or of its response with a status. */
export function examplesOf(operationId: string, where: Where): Map<string, unknown> {
  const { node, pointer } = mediaType(operationId, where);
  const examples = Object.entries((node["examples"] ?? {}) as Json);
  return new Map(examples.map(([name, example]) => [name, resolve(example, `${pointer}/examples/${name}`).node["value"]]));
}

interface Route {
  method: string;
  pattern: RegExp;
  literalSegments: number;
  operationId: string;
}

/** Every operation as a matcher of its method and path; literal segments win over templates. */
const routes: Route[] = Object.entries(spec["paths"] as Json)
  .flatMap(([path, pathItem]) =>
    Object.entries(pathItem as Json).flatMap(([method, operation]) => {
      const operationId = (operation as Json)["operationId"];
      if (typeof operationId !== "string") return [];
      const segments = path.split("/").filter(Boolean);
      const pattern = new RegExp(`^/${segments.map((segment) => (segment.startsWith("{") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}$`);
      return [{ method: method.toUpperCase(), pattern, literalSegments: segments.filter((segment) => !segment.startsWith("{")).length, operationId }];
    }),
  )
  .sort((a, b) => b.literalSegments - a.literalSegments);

/** The operation a request addresses, from its method and its path below the target's root. */
export function operationFor(method: string, path: string): string | undefined {
  return routes.find((route) => route.method === method && route.pattern.test(path))?.operationId;
}

/** Whether the operation documents a JSON body for this status (exactly, by its range or by `default`). */
export function documentsBody(operationId: string, status: number): boolean {
  const key = responseKeyFor(operationId, status);
  return key !== undefined && documentedResponses(operationId).includes(key);
}
