/**
 * The mock's response choices (`Prefer: code=<status>, example=<name>`, or the query's
 * `__code` and `__example`), checked before Prism acts on them: Prism answers an unknown
 * example or status with a problem+json 404, which a client's waiter takes for "gone".
 * Here they are the service's 400, naming what is valid.
 */
import { getHttpConfigFromRequest } from "@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js";
import type { IHttpRequest } from "@stoplight/prism-http";
import { defaultResponse, exampleNames, operationName, responseForStatus, type OperationShape } from "./routes.js";
import { parameterError } from "./service-errors.js";

export interface Preferences {
  code?: number | undefined;
  exampleKey?: string | undefined;
  dynamic?: boolean | undefined;
  seed?: string | undefined;
}

/** The request's preferences as Prism reads them, or a 400 when Prism cannot read them. */
export function readPreferences(input: IHttpRequest): Preferences {
  const result = getHttpConfigFromRequest(input);
  if (result._tag === "Left") {
    throw parameterError(`Prefer header (or __code/__example query): ${result.left.detail.replace(/\s+/g, " ").trim()}`);
  }
  return result.right;
}

function list(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}

/**
 * Refuses a preferred status the operation does not document, or an example name its
 * response does not have, naming the valid ones.
 */
export function checkPreferences(operation: OperationShape, preferences: Preferences): void {
  const { code, exampleKey } = preferences;
  const name = operationName(operation);
  let response = defaultResponse(operation);
  if (code !== undefined) {
    response = responseForStatus(operation, code);
    if (response === undefined) {
      const codes = operation.responses.map((each) => each.code);
      throw parameterError(`Prefer code=${code}: ${name} documents no such status; valid: ${list(codes)}.`);
    }
  }
  if (exampleKey === undefined || response === undefined) return;
  const names = exampleNames(response);
  if (names.includes(exampleKey)) return;
  const valid = names.length === 0 ? "it has no named examples" : `valid: ${list(names)}`;
  throw parameterError(`Prefer example=${exampleKey}: the ${response.code} response of ${name} has no such example; ${valid}.`);
}
