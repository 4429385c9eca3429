// The curl sample of an operation, generated from the spec: the first server, the path with the
// parameters' examples, the required query parameters, the token header when the operation needs
// credentials, and the first example of the request body.
import { specModel } from "@otc-vpcep/spec-model";

/**
 * @typedef {import("./spec.mjs").OpenApi} OpenApi
 * @typedef {import("./spec.mjs").OperationEntry} OperationEntry
 * @typedef {import("./spec.mjs").Parameter} Parameter
 */

/**
 * The example request of an operation, before it is written as a command.
 * @typedef {object} ExampleRequest
 * @property {string} method The HTTP method, upper case.
 * @property {string} origin The API root, e.g. `https://vpcep.eu-de.otc.t-systems.com`.
 * @property {string} target The path and query, e.g. `/v1/6e9d.../vpc-endpoint-services/describe?id=...`.
 * @property {boolean} authenticated Whether the operation needs credentials (sent as `X-Auth-Token`).
 * @property {unknown} body The JSON body, or `undefined` for none.
 */

/** The shell variable the samples read the IAM token from. */
export const TOKEN_VARIABLE = "VPCEP_TOKEN";

/**
 * @param {OpenApi} spec
 * @param {OperationEntry} entry
 * @returns {ExampleRequest}
 */
export function exampleRequest(spec, entry) {
  const { operationId } = entry.operation;
  const origin = spec.servers?.[0]?.url.replace(/\/+$/, "");
  if (origin === undefined) throw new Error("the spec lists no server to send the curl samples to");

  // The path item's parameters and the operation's, as spec-model merges them.
  const parameters = entry.parameters.map((parameter) => /** @type {Parameter} */ (parameter.object));
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, /** @type {string} */ name) => {
    const parameter = parameters.find((candidate) => candidate.in === "path" && candidate.name === name);
    const value = parameter === undefined ? undefined : parameterExample(spec, parameter);
    if (value === undefined) throw new Error(`${operationId}: path parameter "${name}" has no example`);
    return encodeURIComponent(String(value));
  });
  const query = parameters
    .filter((parameter) => parameter.in === "query" && parameter.required === true)
    .flatMap((parameter) => queryPairs(spec, operationId, parameter));
  const target = query.length === 0 ? path : `${path}?${query.join("&")}`;

  const security = entry.operation.security ?? spec.security ?? [];
  const authenticated = security.some((requirement) => Object.keys(requirement).length > 0);
  return { method: entry.method.toUpperCase(), origin, target, authenticated, body: bodyExample(spec, entry) };
}

/**
 * Writes an example request as a shell command.
 * @param {ExampleRequest} request
 * @returns {string}
 */
export function curlCommand(request) {
  const parts = [`curl${request.method === "GET" ? "" : ` -X ${request.method}`} ${shellQuote(request.origin + request.target)}`];
  if (request.authenticated) parts.push(`-H "X-Auth-Token: $${TOKEN_VARIABLE}"`);
  if (request.body !== undefined) {
    parts.push("-H 'Content-Type: application/json'");
    parts.push(`-d ${shellQuote(JSON.stringify(request.body, null, 2))}`);
  }
  const comment = request.authenticated ? `# $${TOKEN_VARIABLE} holds an IAM token for the project (see Authentication).\n` : "";
  return `${comment}${parts.join(" \\\n  ")}\n`;
}

/**
 * @param {OpenApi} spec
 * @param {Parameter} parameter
 * @returns {unknown}
 */
function parameterExample(spec, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const examples = specModel(spec).examplesOf(parameter);
  if (examples.size > 0) return [...examples.values()][0];
  return parameter.schema?.example ?? parameter.schema?.enum?.[0] ?? parameter.schema?.default;
}

/**
 * `name=value` pairs of a query parameter; an object in the form style with explode (the
 * default of the form style) becomes one pair per property.
 * @param {OpenApi} spec
 * @param {string} operationId
 * @param {Parameter} parameter
 * @returns {string[]}
 */
function queryPairs(spec, operationId, parameter) {
  const value = parameterExample(spec, parameter);
  if (value === undefined) throw new Error(`${operationId}: required query parameter "${parameter.name}" has no example`);
  const exploded = (parameter.style ?? "form") === "form" && (parameter.explode ?? true);
  if (typeof value === "object" && value !== null && !Array.isArray(value) && exploded) {
    return Object.entries(value).map(([name, item]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
  }
  return [`${encodeURIComponent(parameter.name)}=${encodeURIComponent(String(value))}`];
}

/**
 * @param {OpenApi} spec
 * @param {OperationEntry} entry
 * @returns {unknown}
 */
function bodyExample(spec, entry) {
  const model = specModel(spec);
  const body = model.requestBody(entry);
  if (body === undefined) return undefined;
  const media = model.jsonMedia(body)?.node;
  const examples = media === undefined ? new Map() : model.examplesOf(media);
  const value = examples.size > 0 ? [...examples.values()][0] : media?.["example"];
  if (value === undefined) throw new Error(`${entry.operation.operationId}: the JSON request body has no example`);
  return value;
}

/**
 * Quotes a word for POSIX shells: single quotes, each inner quote written as '\''.
 * @param {string} text
 * @returns {string}
 */
export function shellQuote(text) {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
