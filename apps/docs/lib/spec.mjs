// The parts of an OpenAPI document the docs build reads and writes, and how to walk its operations.

/**
 * @typedef {{ $ref: string }} Ref
 * @typedef {{ example?: unknown, enum?: unknown[], default?: unknown, type?: string }} Schema
 * @typedef {{ summary?: string, value?: unknown }} Example
 * @typedef {{
 *   name: string,
 *   in: string,
 *   required?: boolean,
 *   style?: string,
 *   explode?: boolean,
 *   example?: unknown,
 *   examples?: Record<string, Example | Ref>,
 *   schema?: Schema,
 * }} Parameter
 * @typedef {{ example?: unknown, examples?: Record<string, Example | Ref> }} MediaType
 * @typedef {{ required?: boolean, content?: Record<string, MediaType> }} RequestBody
 * @typedef {{ lang: string, label: string, source: string }} CodeSample
 * @typedef {{
 *   operationId: string,
 *   summary?: string,
 *   tags?: string[],
 *   parameters?: Array<Parameter | Ref>,
 *   requestBody?: RequestBody | Ref,
 *   security?: Array<Record<string, string[]>>,
 *   "x-codeSamples"?: CodeSample[],
 * }} Operation
 * @typedef {{
 *   parameters?: Array<Parameter | Ref>,
 *   get?: Operation, put?: Operation, post?: Operation, delete?: Operation,
 *   options?: Operation, head?: Operation, patch?: Operation, trace?: Operation,
 * }} PathItem
 * @typedef {{ name: string, description?: string, "x-traitTag"?: boolean }} Tag
 * @typedef {{
 *   openapi: string,
 *   servers?: Array<{ url: string, description?: string }>,
 *   security?: Array<Record<string, string[]>>,
 *   tags?: Tag[],
 *   "x-tagGroups"?: Array<{ name: string, tags: string[] }>,
 *   paths: Record<string, PathItem>,
 *   components?: { schemas?: Record<string, unknown> } & Record<string, unknown>,
 * }} OpenApi
 * @typedef {{ path: string, method: HttpMethod, operation: Operation, pathItem: PathItem }} OperationEntry
 * @typedef {typeof HTTP_METHODS[number]} HttpMethod
 */

export const HTTP_METHODS = /** @type {const} */ (["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * Every operation of the document, in the order of its paths.
 * @param {OpenApi} spec
 * @returns {OperationEntry[]}
 */
export function listOperations(spec) {
  return Object.entries(spec.paths).flatMap(([path, pathItem]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = pathItem[method];
      return operation === undefined ? [] : [{ path, method, operation, pathItem }];
    }),
  );
}

/**
 * Follows local `$ref`s (`#/components/...`) until it reaches a value.
 * @template T
 * @param {OpenApi} spec
 * @param {T | Ref} node
 * @returns {T}
 */
export function deref(spec, node) {
  /** @type {unknown} */
  let current = node;
  for (let hops = 0; isRef(current); hops += 1) {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || hops > 20) throw new Error(`cannot follow $ref "${ref}"`);
    /** @type {unknown} */
    let target = spec;
    for (const segment of ref.slice(2).split("/")) {
      const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
      if (typeof target !== "object" || target === null || !(key in target)) {
        throw new Error(`$ref "${ref}" points to nothing`);
      }
      target = /** @type {Record<string, unknown>} */ (target)[key];
    }
    current = target;
  }
  return /** @type {T} */ (current);
}

/**
 * @param {unknown} node
 * @returns {node is Ref}
 */
function isRef(node) {
  return typeof node === "object" && node !== null && typeof (/** @type {Ref} */ (node).$ref) === "string";
}
