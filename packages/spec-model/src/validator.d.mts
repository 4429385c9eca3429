import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { OperationRef, SpecModel, Where } from "./index.d.mts";

export type { ErrorObject, ValidateFunction };

export interface ValidatorOptions {
  /** Collect every error (the default), or stop at the first. */
  allErrors?: boolean;
  /**
   * Coerce text to the schema's type before checking (`"10"` passes `type: integer`), as
   * a URL's parameters reach a server: for checking parameters as Prism does. Off by default.
   */
  coerceTypes?: boolean;
}

/**
 * One ajv, configured once for OpenAPI 3.1: JSON Schema 2020-12, strict about the schemas
 * (a keyword neither JSON Schema, OpenAPI nor an `x-` extension throws; a schema without a
 * `type`, an undeclared `required` property and a format of the document's own are taken),
 * the formats of ajv-formats, `int64` as any integer, and the document's `components` and
 * `paths` registered so that every `$ref` resolves. Validators are compiled on first use and kept.
 */
export interface SpecValidator {
  readonly ajv: Ajv2020;
  readonly model: SpecModel;
  /** The validator of the schema at a JSON pointer of the document (`#/components/schemas/Tag`). */
  schemaAt(pointer: string): ValidateFunction;
  /** The validator of the JSON body of the request, or of the response for a status or key; undefined when none is documented. */
  body(operation: OperationRef, where: Where): ValidateFunction | undefined;
  /** The validator of a parameter's schema; throws when the operation takes no such parameter. */
  parameter(operation: OperationRef, name: string, place?: "path" | "query" | "header" | "cookie"): ValidateFunction;
  /** What is wrong with a value by a validator: ajv's errors, empty when it is valid. */
  violations(validate: ValidateFunction, value: unknown): ErrorObject[];
  /** Whether a string has a format, as ajv-formats decides it; throws for a format it does not know. */
  acceptsFormat(format: string, value: string): boolean;
}

export declare function createValidator(model?: SpecModel, options?: ValidatorOptions): SpecValidator;
