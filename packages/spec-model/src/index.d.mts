/**
 * The one reader of an OpenAPI description for the whole repository: where the bundled
 * VPCEP description is, its operations with their effective parameters, `$ref`s followed
 * to what they name, request and response bodies, and examples. The configured ajv is in
 * `@otc-vpcep/spec-model/validator`.
 */

/** The HTTP methods a path item may hold an operation under, in OpenAPI's order. */
export declare const HTTP_METHODS: readonly ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonObject = Record<string, unknown>;
/** A JSON Schema as OpenAPI 3.1 takes one: an object, or `true` (anything) and `false` (nothing). */
export type Schema = JsonObject | boolean;
export type SecurityRequirement = Record<string, string[]>;

export interface OpenApiDocument {
  openapi?: string;
  paths?: Record<string, PathItemObject>;
  components?: Record<string, unknown>;
  security?: SecurityRequirement[];
  [key: string]: unknown;
}

export interface PathItemObject {
  parameters?: unknown[];
  [key: string]: unknown;
}

export interface OperationObject {
  operationId?: string;
  tags?: string[];
  summary?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: SecurityRequirement[];
  [key: string]: unknown;
}

/** A node of the document with the JSON pointer where it stands, after following `$ref`s. */
export interface Located<T = unknown> {
  node: T;
  pointer: string;
}

/** A parameter as the operation takes it: the path item's, unless the operation has its own of that name and place. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The parameter's schema as written (`{}` when it has none); its own `$ref`, if any, is left to the reader. */
  schema: Schema;
  style: string | undefined;
  explode: boolean | undefined;
  /** The JSON pointer of the parameter object (a component's, when it was a `$ref`). */
  pointer: string;
  /** The parameter object itself. */
  object: JsonObject;
}

export interface Operation {
  /** The operationId, or `METHOD path` for an operation without one. */
  id: string;
  method: HttpMethod;
  /** The path template, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`. */
  path: string;
  tags: string[];
  /** The JSON pointer of the operation object: `#/paths/~1v1~1{project_id}~1quotas/get`. */
  pointer: string;
  operation: OperationObject;
  pathItem: PathItemObject;
  /** Path-level parameters merged with the operation's, by name and place; the operation's win. */
  parameters: Parameter[];
  /** The security requirements that apply: the operation's, else the document's, else none. */
  security: SecurityRequirement[];
}

/** One media type of a request body or a response. */
export interface Media {
  mediaType: string;
  node: JsonObject;
  pointer: string;
  /** The schema as written, when the media type has one, and its pointer. */
  schema: Located<Schema> | undefined;
}

export interface RequestBody {
  required: boolean;
  node: JsonObject;
  pointer: string;
  content: Media[];
}

export interface Response {
  /** The key the operation documents it under: `200`, `4XX`, `default`. */
  key: string;
  node: JsonObject;
  pointer: string;
  content: Media[];
}

/** An operation, or its operationId. */
export type OperationRef = string | Operation;

/** Where a body is: the request, a status (found as OpenAPI finds it), or a response key such as `5XX`. */
export type Where = "request" | number | string;

export interface SpecModel {
  readonly document: OpenApiDocument;
  /** Every operation, in the order of the document. */
  operations(): readonly Operation[];
  /** The operationIds of the operations that have one, in the order of the document. */
  operationIds(): string[];
  /** The operation with this operationId; throws when there is none, or more than one. */
  operationById(operationId: string): Operation;
  /** The operation with this operationId, or undefined. */
  findOperation(operationId: string): Operation | undefined;
  /** The node at a JSON pointer such as `#/components/schemas/Tag`; undefined when there is none. */
  at(pointer: string): unknown;
  /**
   * Follows `$ref`s from a node until one without, and says where it stands (`pointer` is
   * where the node itself was found, for a node that is no `$ref`). Throws on a `$ref` that
   * is not local, names nothing, or goes round in a circle.
   */
  resolve(node: unknown, pointer?: string): Located;
  /** What a local `$ref` (`#/components/...`) names, followed to the end. */
  resolveRef(ref: string): Located;
  requestBody(operation: OperationRef): RequestBody | undefined;
  /** The responses an operation documents, in the order it lists them. */
  responses(operation: OperationRef): Response[];
  /** The key documenting a status: the status itself, else its range (`5XX`), else `default`. */
  responseKey(operation: OperationRef, status: number): string | undefined;
  /** The response for a status (see `responseKey`) or under a key. */
  response(operation: OperationRef, statusOrKey: number | string): Response | undefined;
  /** The JSON media type of a request body or a response: `application/json`, else any `+json` one. */
  jsonMedia(holder: RequestBody | Response | undefined): Media | undefined;
  /** The JSON schema of the request body, or of the response for a status or key. */
  bodySchema(operation: OperationRef, where: Where): Located<Schema> | undefined;
  /** The named examples of the request's JSON body, or of a response's, their values resolved. */
  examples(operation: OperationRef, where: Where): Map<string, unknown>;
  /** The named examples of a media type or a parameter object, their values resolved. */
  examplesOf(holder: JsonObject): Map<string, unknown>;
}

/** The model of a document, built once per document object (do not change the document afterwards). */
export declare function specModel(document?: OpenApiDocument): SpecModel;

/** The file of the bundled description `@otc-vpcep/spec` ships: `openapi.json`, or `openapi.yaml`. */
export declare function bundledSpecPath(format?: "json" | "yaml"): string;

/**
 * An OpenAPI description in JSON, parsed. Without a file: the bundled one, read once and
 * shared (copy it with `structuredClone` to change it).
 */
export declare function loadSpec(file?: string): OpenApiDocument;

/** A JSON pointer segment, escaped: `/` as `~1`, `~` as `~0`. */
export declare function escapePointer(segment: string): string;
/** The segments of a JSON pointer (`#/a~1b/c` or `/a~1b/c`), unescaped. */
export declare function pointerSegments(pointer: string): string[];
/** A JSON pointer into a value as a path to read: `/ports/0/client_port` is `ports[0].client_port`. */
export declare function readablePath(pointer: string): string;
