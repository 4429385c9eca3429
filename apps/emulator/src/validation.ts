/**
 * Request and response validation from the spec, with the repository's one ajv
 * configuration (spec-model's validator: JSON Schema 2020-12, the dialect of OpenAPI 3.1),
 * stopping at the first error. A refusal names the field and the rule it breaks, with the
 * documented code for that rule where the reference has one (its suggested mapping),
 * `EndPoint.0002` otherwise. Validators are compiled on first use, so start-up stays fast.
 */
import { readablePath, type SpecModel } from "@otc-vpcep/spec-model";
import { createValidator, type ErrorObject, type SpecValidator as Validator, type ValidateFunction } from "@otc-vpcep/spec-model/validator";
import { ApiFailure, Codes } from "./errors.js";
import type { Spec, SpecOperation, SpecParameter } from "./spec.js";

export interface ValidRequest {
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `/ports/0/client_port` → `ports[0].client_port`. */
export function fieldName(pointer: string): string {
  return readablePath(pointer);
}

/** The most telling of ajv's errors: the deepest one that is not a summary of branches. */
export function chooseError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  for (const error of errors) {
    if (error.keyword === "anyOf" || error.keyword === "oneOf" || error.keyword === "if") continue;
    if (best === undefined || error.instancePath.length > best.instancePath.length) best = error;
  }
  return best ?? errors[0];
}

export function ruleText(error: ErrorObject): { path: string; text: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { path: `${error.instancePath}/${String(params["missingProperty"])}`, text: "is required (rule: required)" };
    case "additionalProperties":
      return {
        path: `${error.instancePath}/${String(params["additionalProperty"])}`,
        text: "is not a field of this request (rule: additionalProperties false)",
      };
    case "enum":
      return {
        path: error.instancePath,
        text: `must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")} (rule: enum)`,
      };
    case "const":
      return { path: error.instancePath, text: `must be ${JSON.stringify(params["allowedValue"])} (rule: const)` };
    case "pattern":
      return { path: error.instancePath, text: `must match the pattern ${String(params["pattern"])} (rule: pattern)` };
    case "format":
      return { path: error.instancePath, text: `must be a valid ${String(params["format"])} (rule: format)` };
    case "false schema":
      return { path: error.instancePath, text: "is refused by the spec, whose schema here is false (rule: false schema)" };
    default:
      return { path: error.instancePath, text: `${error.message ?? "is invalid"} (rule: ${error.keyword})` };
  }
}

const OWN_TAGS = new Set(["createEndpointService", "createEndpoint", "updateResourceTags"]);

/** The documented code for a broken rule, after the reference's suggested mapping. */
function codeFor(operationId: string, where: "path" | "query" | "body", name: string, keyword: string): string {
  if (where === "query") {
    const byName: Record<string, string> = {
      limit: Codes.invalidLimit,
      offset: Codes.invalidOffset,
      sort_key: Codes.invalidSortKey,
      sort_dir: Codes.invalidSortDir,
      status: Codes.invalidStatus,
    };
    return byName[name] ?? Codes.parameter;
  }
  if (where === "path") return name === "resource_type" ? Codes.invalidResourceType : Codes.parameter;
  if (operationId === "acceptOrRejectConnections" && name === "endpoints" && (keyword === "maxItems" || keyword === "minItems")) {
    return Codes.onlyOneEndpoint;
  }
  // 3069 is about a resource's own tags: the creates and the tag action, not a tag filter.
  if (name === "tags" && keyword === "maxItems" && OWN_TAGS.has(operationId)) return Codes.tooManyTags;
  // A bad value of the body's limit/offset gets the query's codes; a number where the string goes stays a parameter error.
  if (operationId === "listResourcesByTags" && name === "limit" && keyword !== "type") return Codes.invalidLimit;
  if (operationId === "listResourcesByTags" && name === "offset" && keyword !== "type") return Codes.invalidOffset;
  if (/^tags\[\d+\]\.key$/.test(name)) {
    if (keyword === "minLength") return Codes.tagEmpty;
    if (keyword === "maxLength") return "EndPoint.3072";
    if (keyword === "pattern") return "EndPoint.3068";
  }
  if (/^tags\[\d+\]\.value$/.test(name)) {
    if (keyword === "maxLength") return "EndPoint.3073";
    if (keyword === "pattern") return "EndPoint.3068";
  }
  if (name === "ports" && keyword === "maxItems") return "EndPoint.3074";
  if (/^ports\[\d+\]\.protocol$/.test(name)) return "EndPoint.3075";
  if (/^ports\[\d+\]\.(client|server)_port$/.test(name) && (keyword === "minimum" || keyword === "maximum")) return "EndPoint.3043";
  if (name === "service_name" && (keyword === "pattern" || keyword === "maxLength")) return "EndPoint.3076";
  if (/^permissions\[\d+\]$/.test(name) && keyword === "pattern") return Codes.invalidPermission;
  return Codes.parameter;
}

/** The schema's JSON type, through `$ref`s and the first branch of `allOf`/`anyOf`/`oneOf` that has one. */
function typeOf(model: SpecModel, written: unknown, depth = 0): string | undefined {
  if (!isObject(written) || depth > 16) return undefined;
  const schema = model.resolve(written).node;
  if (!isObject(schema)) return undefined;
  if (typeof schema["type"] === "string") return schema["type"];
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const type = typeOf(model, branch, depth + 1);
      if (type !== undefined) return type;
    }
  }
  return undefined;
}

/** A query value as its schema's type: `"10"` → 10 for integers, `"true"` → true for booleans. */
function coerce(type: string | undefined, value: string): unknown {
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value) && value.length <= 16) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** Splits a raw query string (`a=1&b=%20`); `+` is a space, as in forms. */
export function parseQuery(search: string): Map<string, string[]> | { bad: string } {
  const entries = new Map<string, string[]>();
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query === "") return entries;
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? "" : pair.slice(equals + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, " "));
      value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      return { bad: rawName };
    }
    const values = entries.get(name) ?? [];
    values.push(value);
    entries.set(name, values);
  }
  return entries;
}

interface CompiledParameter {
  parameter: SpecParameter;
  type: string | undefined;
  /** For an exploded object parameter: the names of its properties. */
  properties: string[] | undefined;
  validate: ValidateFunction;
}

/** One validator per description, shared by the emulators of a process: what it compiles, it keeps. */
const validators = new WeakMap<SpecModel, Validator>();

/** The spec's one ajv configuration for a description, as the request checks use it (stopping at the first error). */
export function validatorOf(model: SpecModel): Validator {
  let validator = validators.get(model);
  if (validator === undefined) {
    validator = createValidator(model, { allErrors: false });
    validators.set(model, validator);
  }
  return validator;
}

export class SpecValidator {
  private readonly validator: Validator;
  private readonly anything: ValidateFunction;
  private readonly parameters = new Map<SpecOperation, CompiledParameter[]>();

  constructor(private readonly spec: Spec) {
    this.validator = validatorOf(spec.model);
    this.anything = this.validator.ajv.compile(true);
  }

  /** The validator of the schema at a pointer (compiled once); any value where there is no schema. */
  private compile(pointer: string | undefined): ValidateFunction {
    return pointer === undefined || this.spec.model.at(pointer) === undefined ? this.anything : this.validator.schemaAt(pointer);
  }

  private compiledParameters(operation: SpecOperation): CompiledParameter[] {
    let compiled = this.parameters.get(operation);
    if (compiled === undefined) {
      compiled = operation.parameters
        .filter((parameter) => parameter.in === "path" || parameter.in === "query")
        .map((parameter) => {
          const type = typeOf(this.spec.model, parameter.schema);
          const exploded = parameter.in === "query" && type === "object" && parameter.explode !== false;
          const properties = exploded && isObject(parameter.schema) && isObject(parameter.schema["properties"]) ? Object.keys(parameter.schema["properties"]) : undefined;
          return { parameter, type, properties, validate: this.compile(`${parameter.pointer}/schema`) };
        });
      this.parameters.set(operation, compiled);
    }
    return compiled;
  }

  private refuse(operation: SpecOperation, where: "path" | "query" | "body", label: string, pointerBase: string, errors: readonly ErrorObject[] | null | undefined): never {
    const error = chooseError(errors ?? []);
    const rule = error === undefined ? { path: "", text: "is invalid" } : ruleText(error);
    const sub = fieldName(rule.path);
    const name = where === "body" ? sub : sub === "" ? pointerBase : `${pointerBase}.${sub}`;
    const subject = where === "body" ? (name === "" ? "the body" : `body field "${name}"`) : `${label} "${name}"`;
    throw new ApiFailure(400, codeFor(operation.operationId, where, name, error?.keyword ?? ""), `Parameter error: ${subject} ${rule.text}.`);
  }

  /** Checks the path, the query and the body; throws an `ApiFailure` (400) naming the first broken rule. */
  request(operation: SpecOperation, pathParams: Record<string, string>, search: string, body: unknown): ValidRequest {
    const parsed = parseQuery(search);
    if ("bad" in parsed) {
      throw new ApiFailure(400, Codes.parameter, `Parameter error: query parameter "${parsed.bad}" is not valid percent-encoding (rule: RFC 3986).`);
    }
    const query: Record<string, unknown> = {};
    const compiled = this.compiledParameters(operation);
    const named = new Set(compiled.filter((c) => c.properties === undefined).map((c) => c.parameter.name));
    // Every query key must be a parameter (or a key of an exploded object parameter): a misspelt one is not ignored.
    const known = compiled.flatMap((c) => (c.parameter.in !== "query" ? [] : (c.properties ?? [c.parameter.name])));
    for (const name of parsed.keys()) {
      if (!known.includes(name)) {
        throw new ApiFailure(
          400,
          Codes.parameter,
          `Parameter error: query parameter ${JSON.stringify(name)} is not a parameter of ${operation.operationId} (valid: ${known.length === 0 ? "none" : known.join(", ")}) (rule: known parameters).`,
        );
      }
    }
    for (const { parameter, type, properties, validate } of compiled) {
      if (parameter.in === "path") {
        const value = pathParams[parameter.name];
        if (value === undefined || !validate(value)) this.refuse(operation, "path", "path parameter", parameter.name, validate.errors);
        continue;
      }
      if (properties !== undefined) {
        // An exploded object (style form): every query key not claimed by another parameter.
        const object: Record<string, unknown> = {};
        for (const [name, values] of parsed) if (!named.has(name)) object[name] = values.length === 1 ? values[0] : values;
        if (Object.keys(object).length === 0 && !parameter.required) continue;
        if (!validate(object)) this.refuse(operation, "query", "query parameter", properties.join(" or "), validate.errors);
        Object.assign(query, object);
        continue;
      }
      const values = parsed.get(parameter.name);
      if (values === undefined) {
        if (parameter.required) {
          throw new ApiFailure(400, codeFor(operation.operationId, "query", parameter.name, "required"), `Parameter error: query parameter "${parameter.name}" is required (rule: required).`);
        }
        continue;
      }
      if (values.length > 1 && type !== "array") {
        throw new ApiFailure(400, codeFor(operation.operationId, "query", parameter.name, "maxItems"), `Parameter error: query parameter "${parameter.name}" is given ${values.length} times (rule: at most once).`);
      }
      const value = type === "array" ? values : coerce(type, values[0]!);
      if (!validate(value)) this.refuse(operation, "query", "query parameter", parameter.name, validate.errors);
      query[parameter.name] = value;
    }
    if (operation.requestBody !== undefined) {
      if (body === undefined) {
        if (operation.requestBody.required) throw new ApiFailure(400, Codes.parameter, "Parameter error: the body is required (rule: requestBody required).");
      } else {
        const validate = this.compile(operation.requestBody.schemaPointer);
        if (!validate(body)) this.refuse(operation, "body", "body", "", validate.errors);
      }
    }
    return { pathParams, query, body };
  }

  /** Why a response breaks the spec, or `undefined` when it conforms. `body` is the parsed wire text. */
  response(operation: SpecOperation, status: number, body: unknown): string | undefined {
    const model = this.spec.model;
    const response = model.response(operation.entry, status);
    const what = `response ${status} of ${operation.operationId}`;
    if (response === undefined) {
      const documented = model.responses(operation.entry).map((candidate) => candidate.key);
      return `${what}: status ${status} is not documented (documented: ${documented.join(", ")})`;
    }
    const json = model.jsonMedia(response);
    if (json === undefined) return body === undefined ? undefined : `${what}: the spec documents no body`;
    if (body === undefined) return `${what}: the body is missing`;
    const validate = this.compile(json.schema?.pointer);
    if (validate(body)) return undefined;
    const error = chooseError(validate.errors ?? []);
    if (error === undefined) return `${what}: the body is invalid`;
    const rule = ruleText(error);
    const name = fieldName(rule.path);
    return `${what}: ${name === "" ? "the body" : `field "${name}"`} ${rule.text.replace("is not a field of this request", "is not allowed")}`;
  }
}
