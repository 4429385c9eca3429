/**
 * The bundled spec for the suite, through spec-model (the repository's one reader of the
 * spec): its model, the suite's validator (strict ajv, every error), and the questions the
 * tests ask of it, by operationId.
 */
import { specModel } from "@otc-vpcep/spec-model";
import { createRouter } from "@otc-vpcep/spec-model/router";
import { createValidator, type ErrorObject } from "@otc-vpcep/spec-model/validator";

type Json = Record<string, unknown>;

/** The model of the bundled spec, as published by @otc-vpcep/spec. */
export const model = specModel();

/** The bundled spec itself (shared: never change it). */
export const spec = model.document as Json;

/** Checks bodies against the spec with ajv, independently of Prism: every error, formats strict. */
export const validator = createValidator(model);

/** The node of the spec at a JSON pointer such as `#/components/schemas/Tag`. */
export function atPointer(pointer: string): unknown {
  return model.at(pointer);
}

/** Follows `$ref`s within the spec and returns the object with its JSON pointer. */
export function resolve(node: unknown, pointer: string): { node: Json; pointer: string } {
  const found = model.resolve(node, pointer);
  if (typeof found.node !== "object" || found.node === null) throw new Error(`nothing at ${pointer} in the spec`);
  return { node: found.node as Json, pointer: found.pointer };
}

/** Every operationId of the spec, in document order. */
export function operationIds(): string[] {
  return model.operationIds();
}

/** The JSON pointer of an operation: `#/paths/~1v1~1{project_id}~1quotas/get`. */
export function operationPointer(operationId: string): string {
  return model.operationById(operationId).pointer;
}

/**
 * The key under which an operation documents the response for a status: the status
 * itself, else its range (`5XX`), else `default`, as OpenAPI resolves it.
 */
export function responseKeyFor(operationId: string, status: number): string | undefined {
  return model.responseKey(operationId, status);
}

/** `where`: the request, a status (resolved with `responseKeyFor`), or a response key such as `5XX`. */
type Where = "request" | number | string;

/**
 * Checks a body against the bundled spec's schema for an operation's request or its
 * response with a status, independently of Prism; returns ajv's errors, empty when valid.
 */
export function schemaViolations(operationId: string, where: Where, body: unknown): ErrorObject[] {
  const validate = validator.body(operationId, where);
  if (validate === undefined) throw new Error(`${operationId} documents no JSON schema for ${where}`);
  return validator.violations(validate, body);
}

/** Checks a response body against the spec; see `schemaViolations`. */
export function responseViolations(operationId: string, status: number, body: unknown): ErrorObject[] {
  return schemaViolations(operationId, status, body);
}

/** Whether the operation takes a request body. */
export function hasRequestBody(operationId: string): boolean {
  return model.requestBody(operationId) !== undefined;
}

/** The response keys (`200`, `404`, `5XX`, ...) an operation documents a JSON body for. */
export function documentedResponses(operationId: string): string[] {
  return model.responses(operationId).flatMap((response) => (model.jsonMedia(response)?.schema === undefined ? [] : [response.key]));
}

/** The named examples of an operation's request body, or of its response with a status. */
export function examplesOf(operationId: string, where: Where): Map<string, unknown> {
  return model.examples(operationId, where);
}

/** Whether the operation documents a JSON body for this status (exactly, by its range or by `default`). */
export function documentsBody(operationId: string, status: number): boolean {
  const key = responseKeyFor(operationId, status);
  return key !== undefined && documentedResponses(operationId).includes(key);
}

/**
 * The spec's router, as the emulator routes with it, but naming the operation a request was meant
 * for: `GET /1` is a refused getVersion, whose answer the wire check holds against getVersion's.
 */
const router = createRouter(model.operations(), { parameterPatterns: false });

/** The operation a request addresses, from its method and its path below the target's root. */
export function operationFor(method: string, path: string): string | undefined {
  const route = router.match(method.toUpperCase(), path);
  return route.kind === "operation" ? route.operation.id : undefined;
}
