/**
 * The contract mock's request handling: our checks, then Prism's (routing, validation,
 * mocking or forwarding), and the answer. It takes the place of Prism's HTTP server
 * (`@stoplight/prism-http-server`), which fires Prism's work off without catching what it
 * throws: one bad escape ended the process. Here every request ends in an answer, and
 * whatever goes wrong inside is a 500 for that request alone.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createInstance, type IHttpConfig, type IHttpRequest, type IHttpResponse } from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import type { createLogger } from "@stoplight/prism-core";
import { checkForwardable, refusal, send, type ForwardOptions } from "./forward.js";
import { checkPreferences, readPreferences } from "./preferences.js";
import { checkHeaders, checkTarget, originForm, parseTarget, readBody } from "./request-guard.js";
import { matchingRoutes, rawSegments, toRoutes } from "./routes.js";
import { isServiceErrorBody, parameterError, ServiceError, systemError } from "./service-errors.js";
import { isError, violation, violationsHeader, withViolations, type Diagnostic } from "./violations.js";

type Logger = ReturnType<typeof createLogger>;

export interface HandlerSettings {
  operations: IHttpOperation[];
  logger: Logger;
  /** Forward to this API instead of mocking it. */
  proxy?: { upstream: URL; timeoutMs: number };
}

type Answer = { status: number; headers: Record<string, string>; body: string | Buffer | undefined };

/** What the forwarder needs of a request besides what Prism hands it. */
const sent = new WeakMap<IHttpRequest, { target: string; raw: Buffer | undefined; headers: Record<string, string> }>();

/**
 * The upstream's answer to a forwarded request, byte for byte. The caller gets these, not
 * Prism's parsed copy re-serialised: JSON.parse would round a marker_id above 2^53.
 */
const upstreamBytes = new WeakMap<IHttpRequest, Buffer>();

function serviceAnswer(error: ServiceError): Answer {
  return { status: error.status, headers: { ...error.headers, "content-type": "application/json" }, body: JSON.stringify(error.body) };
}

function serialize(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined || body === null) return body === null && contentType?.includes("json") ? "null" : undefined;
  if (typeof body === "string" && !(contentType ?? "").includes("json")) return body;
  return JSON.stringify(body);
}

/** Prism's problem+json for a refusal of its own (no route, method not allowed, ...). */
function problemAnswer(error: Error & { status?: number; detail?: string; additional?: { headers?: Record<string, string> } }): Answer {
  const status = typeof error.status === "number" ? error.status : 500;
  const body = { type: error.name, title: error.message, status, detail: error.detail ?? "" };
  return { status, headers: { ...(error.additional?.headers ?? {}), "content-type": "application/problem+json" }, body: JSON.stringify(body) };
}

function cors(request: IncomingMessage, headers: Record<string, string>): void {
  headers["access-control-allow-origin"] = request.headers.origin ?? "*";
  headers["access-control-allow-headers"] = request.headers["access-control-request-headers"] ?? "*";
  headers["access-control-allow-credentials"] = "true";
  headers["access-control-expose-headers"] = String(request.headers["access-control-expose-headers"] ?? "*");
}

function headerValues(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function queryValues(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return query;
}

export function createHandler(settings: HandlerSettings): (request: IncomingMessage, response: ServerResponse) => void {
  const { operations, logger } = settings;
  const routes = toRoutes(operations);
  const forwardOptions: ForwardOptions | undefined =
    settings.proxy === undefined
      ? undefined
      : {
          upstream: settings.proxy.upstream,
          timeoutMs: settings.proxy.timeoutMs,
          log: (level, message) => logger.child({ name: "PROXY" })[level](message),
        };
  const config: IHttpConfig = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
    ...(settings.proxy === undefined ? { isProxy: false as const } : { isProxy: true as const, upstream: settings.proxy.upstream }),
  };
  const prism = createInstance(config, {
    logger,
    forward: ({ data, validations }, _baseUrl, _upstreamProxy, resource) => () => async () => {
      try {
        if (forwardOptions === undefined) throw new Error("forward called without an upstream");
        const errors = (validations as Diagnostic[]).filter(isError);
        if (errors.length > 0) throw refusal(resource, errors);
        checkForwardable(data);
        const request = sent.get(data);
        const upstream = await send(forwardOptions, data, request?.target ?? data.url.path, request?.raw, request?.headers);
        upstreamBytes.set(data, upstream.bytes);
        return { _tag: "Right", right: upstream.response } as const;
      } catch (error) {
        return { _tag: "Left", left: error instanceof Error ? error : new Error(String(error)) } as const;
      }
    },
  });

  async function answer(request: IncomingMessage): Promise<Answer> {
    const target = originForm(request.url ?? "/");
    const method = (request.method ?? "GET").toLowerCase();
    const { searchParams, pathname, search } = parseTarget(target);
    checkTarget(target, routes, method);
    checkHeaders(request);
    const body = await readBody(request);
    const requestHeaders = headerValues(request);
    // The service answers JSON whatever Accept says; Prism would negotiate, and refuse (406) or
    // throw (500) on what real clients send, such as Java's `*; q=.2` or `*/*;q=0`. It sees `*/*`
    // (without any Accept it would give a 204 a text/plain content type).
    const input: IHttpRequest = {
      method: method as IHttpRequest["method"],
      url: { path: pathname, query: queryValues(searchParams), ...(searchParams.has("__server") ? { baseUrl: searchParams.get("__server") ?? "" } : {}) },
      headers: { ...requestHeaders, accept: "*/*" },
      body: body.parsed,
    };
    // The proxy forwards the path and query as validated, and the headers as sent.
    sent.set(input, { target: `${pathname}${search}`, raw: body.raw, headers: requestHeaders });
    logger.info({ input: { method, url: { path: pathname } } }, "Request received");

    const preferences = readPreferences(input);
    const [route] = matchingRoutes(routes, rawSegments(pathname), method);
    if (route !== undefined && settings.proxy === undefined) checkPreferences(route.operation, preferences);
    const mock = { ...(config.mock as object), ...Object.fromEntries(Object.entries(preferences).filter(([, value]) => value !== undefined)) };
    const result = await prism.request(input, operations, { ...config, mock } as IHttpConfig)();
    if (result._tag === "Left") throw result.left;

    const { validations } = result.right;
    let { output } = result.right;
    const inputViolations = validations.input.map((diagnostic) => violation(diagnostic, "request"));
    const outputViolations = validations.output.map((diagnostic) => violation(diagnostic, "response"));
    const violations = [...inputViolations, ...outputViolations];
    for (const each of violations) {
      const message = `Violation: ${each.location.join(".")} ${each.message}`;
      if (each.severity === "Error") logger.error({ name: "VALIDATOR" }, message);
      else if (each.severity === "Warning") logger.warn({ name: "VALIDATOR" }, message);
      else logger.info({ name: "VALIDATOR" }, message);
    }
    const requestErrors = inputViolations.filter((each) => each.severity === "Error");
    if (settings.proxy === undefined && output.statusCode === 400 && requestErrors.length > 0 && isServiceErrorBody(output.body)) {
      // The 400 for an invalid request names what broke the spec, as the proxy's refusal does.
      output = { ...output, body: withViolations(output.body, requestErrors) };
    }
    const headers: Record<string, string> = {};
    if (violations.length > 0) headers["sl-violations"] = violationsHeader(violations);
    const isRedirect = output.statusCode >= 300 && output.statusCode < 400;
    const responseErrors = outputViolations.filter((each) => each.severity === "Error");
    if (responseErrors.length > 0 && !isRedirect) {
      const body = {
        type: "https://stoplight.io/prism/errors#VIOLATIONS",
        title: "Request/Response not valid",
        status: 500,
        detail: "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.",
        validation: responseErrors,
      };
      return { status: 500, headers: { ...headers, "content-type": "application/problem+json" }, body: JSON.stringify(body) };
    }
    return respond(output, headers, upstreamBytes.get(input));
  }

  function respond(output: IHttpResponse, extra: Record<string, string>, bytes: Buffer | undefined): Answer {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(output.headers ?? {})) headers[name.toLowerCase()] = String(value);
    Object.assign(headers, extra);
    return { status: output.statusCode, headers, body: bytes ?? serialize(output.body, headers["content-type"]) };
  }

  function failure(error: unknown, request: IncomingMessage): Answer {
    if (error instanceof ServiceError) return serviceAnswer(error);
    const problem = error as Error & { status?: number; detail?: string; name?: string };
    if (typeof problem.detail === "string" && problem.name?.endsWith("#NOT_FOUND") && problem.detail.includes("exampleKey")) {
      // The example was asked of the response Prism chose for an invalid request.
      return serviceAnswer(parameterError(`Prefer example: ${problem.detail}`));
    }
    if (typeof problem.status === "number" && typeof problem.detail === "string") {
      logger.warn({ name: "HTTP SERVER", input: { method: request.method?.toLowerCase(), url: { path: request.url?.split("?")[0] } } }, `Request terminated with error: ${problem.name}: ${problem.message}`);
      return problemAnswer(problem);
    }
    logger.error({ name: "HTTP SERVER" }, `Request failed inside the mock: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return serviceAnswer(systemError());
  }

  return (request, response) => {
    const done = (result: Answer) => {
      if (response.headersSent || response.destroyed) {
        response.end();
        return;
      }
      cors(request, result.headers);
      try {
        response.writeHead(result.status, result.headers);
      } catch (error) {
        logger.error({ name: "HTTP SERVER" }, `Cannot send the answer's headers: ${(error as Error).message}`);
        const fallback = serviceAnswer(systemError());
        response.writeHead(fallback.status, fallback.headers);
        response.end(fallback.body);
        return;
      }
      response.end(request.method === "HEAD" ? undefined : result.body);
    };
    if (request.method === "OPTIONS" && request.headers.origin !== undefined && request.headers["access-control-request-method"] !== undefined) {
      const headers: Record<string, string> = {
        "access-control-allow-methods": request.headers["access-control-request-method"],
        vary: "origin",
        "content-length": "0",
      };
      done({ status: 204, headers, body: undefined });
      return;
    }
    answer(request).then(done, (error: unknown) => {
      request.resume();
      done(failure(error, request));
    });
  };
}
