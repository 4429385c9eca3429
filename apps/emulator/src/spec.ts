/**
 * The OpenAPI description as the emulator routes and validates it: its operations with
 * their effective parameters, request body and security, read through spec-model (the
 * repository's one reader of the spec, bundled into this package's build). The bundled
 * description is read once.
 */
import { loadSpec as readSpec, specModel, type Operation, type Parameter, type SpecModel } from "@otc-vpcep/spec-model";

export type JsonSchema = Record<string, unknown>;

export type SpecParameter = Parameter;

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`. */
  path: string;
  parameters: SpecParameter[];
  /** The JSON body, if the operation takes one: the pointer of its schema (undefined: any JSON). */
  requestBody: { required: boolean; schemaPointer: string | undefined } | undefined;
  /** Whether the operation needs credentials (`security: []` turns them off). */
  secured: boolean;
  /** The operation as spec-model reads it. */
  entry: Operation;
}

export interface Spec {
  model: SpecModel;
  operations: SpecOperation[];
}

function operationOf(model: SpecModel, entry: Operation): SpecOperation {
  const body = model.requestBody(entry);
  const json = model.jsonMedia(body);
  return {
    operationId: entry.id,
    method: entry.method.toUpperCase(),
    path: entry.path,
    parameters: entry.parameters,
    requestBody: body === undefined || json === undefined ? undefined : { required: body.required, schemaPointer: json.schema?.pointer },
    secured: entry.security.length > 0,
    entry,
  };
}

/** The description in `file` (JSON), or the bundled one. */
export function loadSpec(file?: string): Spec {
  const document = readSpec(file);
  if (typeof document.paths !== "object" || document.paths === null) throw new Error("The spec has no paths");
  const model = specModel(document);
  return { model, operations: model.operations().map((entry) => operationOf(model, entry)) };
}
