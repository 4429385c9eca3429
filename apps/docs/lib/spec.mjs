// The parts of an OpenAPI document the docs build reads and writes, as types, and its operations,
// read through spec-model (the repository's one reader of the spec).
import { specModel } from "@otc-vpcep/spec-model";

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
 * @typedef {Omit<import("@otc-vpcep/spec-model").Operation, "operation" | "pathItem"> & { operation: Operation, pathItem: PathItem }} OperationEntry
 *   An operation as spec-model reads it (its effective parameters included), typed as the docs read it.
 * @typedef {import("@otc-vpcep/spec-model").HttpMethod} HttpMethod
 */

/**
 * Every operation of the document, in its order.
 * @param {OpenApi} spec
 * @returns {OperationEntry[]}
 */
export function listOperations(spec) {
  return /** @type {OperationEntry[]} */ (/** @type {unknown} */ (specModel(spec).operations()));
}

/**
 * The operation with this operationId, or undefined when the document has none.
 * @param {OpenApi} spec
 * @param {string} operationId
 * @returns {OperationEntry | undefined}
 */
export function findOperation(spec, operationId) {
  return /** @type {OperationEntry | undefined} */ (/** @type {unknown} */ (specModel(spec).findOperation(operationId)));
}

/**
 * The operation with this operationId; throws when the document has none.
 * @param {OpenApi} spec
 * @param {string} operationId
 * @returns {OperationEntry}
 */
export function operationById(spec, operationId) {
  return /** @type {OperationEntry} */ (/** @type {unknown} */ (specModel(spec).operationById(operationId)));
}

/**
 * Follows local `$ref`s (`#/components/...`) until it reaches a value, as spec-model does.
 * @template T
 * @param {OpenApi} spec
 * @param {T | Ref} node
 * @returns {T}
 */
export function deref(spec, node) {
  return /** @type {T} */ (specModel(spec).resolve(node).node);
}
