/**
 * Whole requests of an operation generated from the spec: path and query parameters
 * and the JSON body, either all valid or with exactly one constraint broken.
 */
import type { Schema } from "@otc-vpcep/spec-model";
import { createValidator, type ValidateFunction } from "@otc-vpcep/spec-model/validator";
import fc from "fast-check";
import {
  type Breakage,
  type JsonSchema,
  type Location,
  SchemaArbitraries,
  type Unbreakable,
  type Wire,
  describePath,
} from "./arbitraries.js";
import { model, schemaViolations, validator } from "./spec.js";

type Json = Record<string, unknown>;

// Parameters are checked as Prism checks them: coercing the URL's text to the schema's type
// (so `limit=10` is the integer 10). The same configuration as the suite's validator otherwise.
const parameterValidator = createValidator(model, { coerceTypes: true });

/** Whether ajv-formats accepts a string for a format, as both the suite's ajv and Prism decide it. */
export function acceptsFormat(format: string, value: string): boolean {
  return validator.acceptsFormat(format, value);
}

/** The derivation of arbitraries from the spec's schemas. */
export const schemas = new SchemaArbitraries({
  resolveRef: (ref) => model.resolveRef(ref).node as JsonSchema,
  acceptsFormat,
});

/**
 * A schema as the generator reads one, an object: `true` (anything) is `{}`; `false` accepts
 * nothing, so no valid request (and no breakage of it) can be made.
 */
export function generatable(schema: Schema, pointer: string): JsonSchema {
  if (schema === true) return {};
  if (schema === false) throw new Error(`the schema at ${pointer} is false, which accepts no value: nothing can be generated for it`);
  return schema;
}

export interface ParameterModel {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
  /** A form-style exploded object: each of its properties is a query parameter of its own. */
  exploded: boolean;
  check: ValidateFunction;
}

export interface OperationModel {
  operationId: string;
  method: string;
  /** The path template of the spec, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`. */
  template: string;
  /** The documented 2xx status. */
  successStatus: number;
  parameters: ParameterModel[];
  body: { schema: JsonSchema; required: boolean } | undefined;
}

/** What the spec says an operation takes: its path, parameters, body and success status. */
export function operationModel(operationId: string): OperationModel {
  const operation = model.operationById(operationId);
  const parameters = operation.parameters.map((parameter): ParameterModel => {
    const where = parameter.in;
    if (where !== "path" && where !== "query") throw new Error(`${operationId}: ${where} parameters are not generated`);
    const schema = generatable(parameter.schema, `${parameter.pointer}/schema`);
    const exploded = schemas.view(schema)["type"] === "object";
    if (exploded && (parameter.style ?? "form") !== "form") throw new Error(`${operationId}: only form-style objects`);
    if (exploded && parameter.explode === false) throw new Error(`${operationId}: only exploded objects`);
    return {
      name: parameter.name,
      in: where,
      required: parameter.required,
      schema,
      exploded,
      check: parameterValidator.parameter(operation, parameter.name, where),
    };
  });
  const requestBody = model.requestBody(operation);
  let body: OperationModel["body"];
  if (requestBody !== undefined) {
    const schema = model.bodySchema(operation, "request");
    if (schema === undefined) throw new Error(`${operationId}: only JSON request bodies are generated`);
    body = { schema: generatable(schema.node, schema.pointer), required: requestBody.required };
  }
  const successStatus = model
    .responses(operation)
    .map((response) => Number(response.key))
    .find((status) => status >= 200 && status < 300);
  if (successStatus === undefined) throw new Error(`${operationId} documents no 2xx response`);
  return { operationId, method: operation.method.toUpperCase(), template: operation.path, successStatus, parameters, body };
}

/** The JSON schema of an operation's response with a status (resolved through `$ref`s). */
export function responseSchemaOf(operationId: string, status: number | string): JsonSchema {
  const schema = model.bodySchema(operationId, status);
  if (schema === undefined) throw new Error(`${operationId} documents no JSON body for ${status}`);
  return generatable(schema.node, schema.pointer);
}

/** A request to send: parameter values by name, and the JSON body when there is one. */
export interface GeneratedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  hasBody: boolean;
  body: unknown;
}

/** A request with one constraint broken: which one, and where (`["body", "tags", 0, "key"]`). */
export interface BrokenRequest extends GeneratedRequest {
  constraint: string;
  at: Location;
}

/** The URL path and query of a request, encoded; throws when a value cannot be encoded. */
export function pathAndQuery(operation: OperationModel, request: GeneratedRequest): string {
  const path = operation.template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(request.path[name])),
  );
  const pairs: string[] = [];
  const pair = (name: string, value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  };
  for (const parameter of operation.parameters) {
    if (parameter.in !== "query" || !(parameter.name in request.query)) continue;
    const value = request.query[parameter.name];
    if (parameter.exploded) Object.entries(value as Json).forEach(([name, item]) => pair(name, item));
    else pair(parameter.name, value);
  }
  return pairs.length === 0 ? path : `${path}?${pairs.join("&")}`;
}

/** The spec's path templates, as lists of segments (`undefined` for a parameter). */
const templates = new Map(
  [...new Set(model.operations().map((operation) => operation.path))].map((template) => [
    template,
    template.split("/").map((segment) => (/^\{[^}]+\}$/.test(segment) ? undefined : segment)),
  ]),
);

/**
 * Whether the request reaches its operation and no other: every path value can be
 * encoded, none is empty or a dot segment (which URLs remove), and any other template
 * the path matches is less specific, with a parameter wherever the operation's own has
 * a literal and never the other way round (`/vpc-endpoint-services/public` wins over
 * `/vpc-endpoint-services/{id}`, but an ID `public` would not reach getEndpointService;
 * Prism's router agrees, and ties, such as `/vpc-endpoints/tags`, are avoided).
 */
export function reachesOnlyItsOperation(operation: OperationModel, request: GeneratedRequest): boolean {
  let url: string;
  try {
    url = pathAndQuery(operation, request);
  } catch {
    return false; // a lone surrogate cannot be percent-encoded
  }
  const segments = (url.split("?")[0] ?? "").split("/");
  const own = templates.get(operation.template) ?? [];
  if (segments.some((segment, i) => own[i] === undefined && (segment === "" || segment === "." || segment === ".."))) {
    return false;
  }
  const matches = (template: (string | undefined)[]) =>
    template.length === segments.length &&
    template.every((literal, i) => (literal === undefined ? segments[i] !== "" : literal === segments[i]));
  if (!matches(own)) return false;
  return [...templates].every(
    ([template, other]) =>
      template === operation.template || !matches(other) || other.every((literal, i) => literal === undefined || own[i] !== undefined),
  );
}

/** The ajv errors of a parameter value, checked as Prism checks it (coercing URL text). */
export function parameterViolations(parameter: ParameterModel, value: unknown): string[] {
  const copy = structuredClone(value);
  return parameter.check(copy) ? [] : (parameter.check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

/**
 * What is wrong with a request by the spec, checked with ajv independently of Prism:
 * empty when every parameter and the body are valid.
 */
export function requestViolations(operation: OperationModel, request: GeneratedRequest): string[] {
  const problems: string[] = [];
  for (const parameter of operation.parameters) {
    const values = parameter.in === "path" ? request.path : request.query;
    if (!(parameter.name in values)) {
      if (parameter.required) problems.push(`${parameter.in} ${parameter.name}: missing`);
      continue;
    }
    const value = values[parameter.name];
    if (parameter.in === "query" && !parameter.exploded && (value === "" || (Array.isArray(value) && value.includes("")))) {
      continue; // an empty value reads as no value
    }
    problems.push(...parameterViolations(parameter, value).map((e) => `${parameter.in} ${parameter.name}${e}`));
  }
  if (operation.body !== undefined) {
    if (!request.hasBody) {
      if (operation.body.required) problems.push("body: missing");
    } else {
      const errors = schemaViolations(operation.operationId, "request", request.body);
      problems.push(...errors.map((e) => `body${e.instancePath} ${e.message ?? ""}`));
    }
  }
  return problems;
}

const wireOf = (parameter: ParameterModel): Wire => parameter.in;

/** Valid requests of the operation: every value derived from its schema. */
export function validRequests(operation: OperationModel): fc.Arbitrary<GeneratedRequest> {
  const valuesOf = (where: "path" | "query") => {
    const parameters = operation.parameters.filter((p) => p.in === where);
    const arbitraries = Object.fromEntries(parameters.map((p) => [p.name, schemas.valid(p.schema, wireOf(p))]));
    const requiredKeys = parameters.filter((p) => p.required || p.in === "path").map((p) => p.name);
    return fc.record(arbitraries, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
  };
  const body = operation.body === undefined ? fc.constant(undefined) : schemas.valid(operation.body.schema);
  return fc
    .record({ path: valuesOf("path"), query: valuesOf("query"), body })
    .map(({ path, query, body: value }) => ({ path, query, hasBody: operation.body !== undefined, body: value }))
    .filter((request) => reachesOnlyItsOperation(operation, request));
}

/** One constraint of the operation, and requests that break it and nothing else. */
export interface Site {
  constraint: string;
  arbitrary: fc.Arbitrary<BrokenRequest>;
}

/** A constraint that requests cannot break on their own, and why. */
export interface UnbreakableSite {
  constraint: string;
  reason: string;
}

function label(where: string, breakage: Breakage | Unbreakable): string {
  const path = describePath(breakage.path);
  return `${where}${path === "" ? "" : ` ${path}`}: ${breakage.keyword}`;
}

/**
 * Every constraint of the operation's parameters and body, each with requests that
 * break it in an otherwise valid request, and the constraints that cannot be broken.
 */
export function brokenRequests(operation: OperationModel): { sites: Site[]; unbreakable: UnbreakableSite[] } {
  const valid = validRequests(operation);
  const sites: Site[] = [];
  const unbreakable: UnbreakableSite[] = [];
  const site = (constraint: string, arbitrary: fc.Arbitrary<BrokenRequest>) =>
    sites.push({ constraint, arbitrary: arbitrary.filter((request) => reachesOnlyItsOperation(operation, request)) });

  for (const parameter of operation.parameters) {
    const where = `${parameter.in} ${parameter.name}`;
    const found = schemas.breakages(parameter.schema, wireOf(parameter));
    unbreakable.push(...found.unbreakable.map((u) => ({ constraint: label(where, u), reason: u.reason })));
    for (const breakage of found.breakages) {
      site(
        label(where, breakage),
        fc.tuple(valid, breakage.arbitrary).map(([request, broken]) => ({
          ...request,
          [parameter.in]: { ...request[parameter.in], [parameter.name]: broken.value },
          constraint: label(where, breakage),
          at: [parameter.in, parameter.name, ...broken.at],
        })),
      );
    }
    if (parameter.required && parameter.in === "query") {
      site(
        `${where}: required`,
        valid.map((request) => {
          const { [parameter.name]: _left, ...query } = request.query;
          return { ...request, query, constraint: `${where}: required`, at: ["query", parameter.name] };
        }),
      );
    }
  }

  if (operation.body !== undefined) {
    const found = schemas.breakages(operation.body.schema);
    unbreakable.push(...found.unbreakable.map((u) => ({ constraint: label("body", u), reason: u.reason })));
    for (const breakage of found.breakages) {
      site(
        label("body", breakage),
        fc.tuple(valid, breakage.arbitrary).map(([request, broken]) => ({
          ...request,
          body: broken.value,
          constraint: label("body", breakage),
          at: ["body", ...broken.at],
        })),
      );
    }
    if (operation.body.required) {
      site(
        "body: required",
        valid.map((request) => ({ ...request, hasBody: false, body: undefined, constraint: "body: required", at: ["body"] })),
      );
    }
  }
  return { sites, unbreakable };
}
