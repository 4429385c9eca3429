/**
 * The validating proxy's way to the real API, in place of Prism's forwarder (which
 * follows redirects, caller's token and all, and waits for ever): a request that broke
 * the spec is refused with the service's 400 and never sent; a valid one is sent to the
 * upstream only, once, with a time limit. A redirect comes back to the caller as it is.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { IHttpRequest, IHttpResponse } from "@stoplight/prism-http";
import { firstExampleValue, type OperationShape } from "./routes.js";
import { isServiceErrorBody, parameterError, PARAMETER_ERROR, ServiceError, systemError, timeoutError } from "./service-errors.js";
import { violation, violationsHeader, withViolations, type Diagnostic } from "./violations.js";

/** The request headers that must not travel on: hop-by-hop ones, and the Host (the upstream's is set). */
const NOT_FORWARDED = new Set([
  "host",
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-length",
  "accept-encoding",
]);
/** The response headers that describe the upstream's connection or encoding, not the answer. */
const NOT_RETURNED = new Set(["connection", "keep-alive", "transfer-encoding", "trailer", "upgrade", "content-length", "proxy-authenticate"]);

const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The mock's query parameters, which choose its answer and mean nothing to the real API (Prism's
 * `__code`, `__example`, `__dynamic`, `__seed`, and `__server`, the server to validate against):
 * the proxy does not pass them on. The `Prefer` header, which says the same, does go on: a
 * server ignores the preferences it does not know (RFC 7240), and a proxy in front of the mock
 * chooses the mock's examples with it.
 */
const MOCK_CONTROL_PARAMETERS = new Set(["__server", "__code", "__example", "__dynamic", "__seed"]);

/** The decoded name of a query's `name=value` pair (as sent, should it not decode). */
function parameterName(pair: string): string {
  const name = (pair.split("=")[0] ?? "").replace(/\+/g, " ");
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * A request target without the mock's control parameters; the other parameters stay as sent,
 * escapes and order included.
 */
export function withoutMockControls(target: string): string {
  const queryStart = target.indexOf("?");
  if (queryStart < 0) return target;
  const kept = target
    .slice(queryStart + 1)
    .split("&")
    .filter((pair) => !MOCK_CONTROL_PARAMETERS.has(parameterName(pair)));
  return kept.length === 0 ? target.slice(0, queryStart) : `${target.slice(0, queryStart)}?${kept.join("&")}`;
}

/**
 * The refusal of an invalid request: the operation's 401 when credentials are missing,
 * otherwise the 400 the mock answers (the spec's first 400 example, "Parameter error."),
 * with the violations in its message and in `sl-violations`.
 */
export function refusal(operation: OperationShape | undefined, diagnostics: readonly Diagnostic[]): ServiceError {
  const violations = diagnostics.map((diagnostic) => violation(diagnostic, "request"));
  const headers = { "sl-violations": violationsHeader(violations) };
  if (diagnostics.some((diagnostic) => String(diagnostic.code) === "401")) {
    const example = operation === undefined ? undefined : firstExampleValue(operation, "401");
    const body = isServiceErrorBody(example)
      ? example
      : { error_code: "EndPoint.0003", error_msg: "Authentication failed or authentication information is invalid." };
    return new ServiceError(401, body, headers);
  }
  const example = operation === undefined ? undefined : firstExampleValue(operation, "400");
  const body = isServiceErrorBody(example) ? example : { error_code: "EndPoint.0002", error_msg: PARAMETER_ERROR };
  return new ServiceError(400, withViolations(body, violations), headers);
}

function joinedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_RETURNED.has(name)) continue;
    result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

function readResponse(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        response.destroy(new Error(`the upstream's answer is larger than ${MAX_RESPONSE_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.once("end", () => resolve(Buffer.concat(chunks)));
    response.once("error", reject);
    response.once("aborted", () => reject(new Error("the upstream closed the connection mid-answer")));
  });
}

function parsedBody(bytes: Buffer, headers: IncomingHttpHeaders, status: number): unknown {
  const text = bytes.toString("utf8");
  const type = (headers["content-type"] ?? "").toLowerCase();
  if (status === 204 || text === "" || !/^application\/([^;]+\+)?json\b/.test(type)) return text === "" ? undefined : text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface ForwardOptions {
  upstream: URL;
  timeoutMs: number;
  log: (level: "info" | "warn", message: string) => void;
}

/** The upstream URL for a request target: the upstream's path prefix, then the target as sent. */
export function upstreamUrl(upstream: URL, target: string): URL {
  const url = new URL(upstream.href);
  const queryStart = target.indexOf("?");
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
  url.search = queryStart < 0 ? "" : target.slice(queryStart);
  return url;
}

/** The upstream's answer: parsed for Prism's validation, and the bytes as they came, which the caller gets. */
export interface UpstreamAnswer {
  response: IHttpResponse;
  bytes: Buffer;
}

/**
 * Sends one request to the upstream, without the mock's query parameters, and reads its answer: no
 * redirect is followed, and after `timeoutMs` without a complete answer it is a 504 (EndPoint.0013).
 */
export function send(
  options: ForwardOptions,
  input: IHttpRequest,
  target: string,
  body: Buffer | undefined,
  sentHeaders: Record<string, string | string[]> = input.headers ?? {},
): Promise<UpstreamAnswer> {
  const url = upstreamUrl(options.upstream, withoutMockControls(target));
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(sentHeaders)) {
    if (!NOT_FORWARDED.has(name.toLowerCase())) headers[name] = value;
  }
  headers["accept-encoding"] = "identity";
  if (body !== undefined) headers["content-length"] = String(body.length);
  options.log("info", `Forwarding ${input.method.toUpperCase()} ${url.pathname} to ${url.origin}`);
  const what = `${input.method.toUpperCase()} ${url.pathname}`;
  return new Promise<UpstreamAnswer>((resolve, reject) => {
    let timedOut = false;
    let settled = false;
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method: input.method.toUpperCase(), headers });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
    }, options.timeoutMs);
    /** However the exchange broke (in the request or while the answer came), one refusal for it. */
    const fail = (error: unknown) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (timedOut) {
        options.log("warn", `The upstream did not answer ${what} within ${options.timeoutMs} ms`);
        reject(timeoutError());
        return;
      }
      options.log("warn", `The upstream failed on ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      reject(systemError(502));
    };
    request.once("response", (response) => {
      readResponse(response).then((bytes) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        const status = response.statusCode ?? 502;
        options.log("info", `The upstream answered ${status} to ${what}`);
        resolve({ response: { statusCode: status, headers: joinedHeaders(response.headers), body: parsedBody(bytes, response.headers, status) }, bytes });
      }, fail);
    });
    request.once("error", fail);
    request.end(body);
  });
}

/** Refuses a GET or HEAD with a body, which the proxy would have to drop or send on. */
export function checkForwardable(input: IHttpRequest): void {
  if ((input.method === "get" || input.method === "head") && input.body !== null && input.body !== undefined && input.body !== "") {
    throw parameterError(`body must be empty in a ${input.method.toUpperCase()} request.`);
  }
}
