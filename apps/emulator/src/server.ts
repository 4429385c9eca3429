/**
 * The HTTP server, composed in one place: route (from the spec) → body → credentials →
 * due transitions → injected faults → validation (from the spec) → the operation's rules
 * → persistence → response check (strict) → answer. No request, however malformed, ends
 * the server: every failure becomes an error response.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import { authenticate } from "./auth.js";
import { CONTROL_PREFIX, handleControl, type ControlReply } from "./control.js";
import type { EmulatorCore } from "./core.js";
import { ApiFailure, Codes } from "./errors.js";
import { faultErrorBody } from "./faults.js";
import { StateWriteError } from "./persistence.js";
import { HANDLERS } from "./rules/index.js";
import type { SpecOperation } from "./spec.js";

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection after answering (a body too large to read to its end). */
  close?: boolean;
}

const MARKER_STRING = /"marker_id":"(\d{1,19})"/g;

/** JSON with every `marker_id` (kept as decimal digits) written as the int64 number it is. */
export function serialize(body: unknown): string {
  return JSON.stringify(body).replace(MARKER_STRING, '"marker_id":$1');
}

function errorAnswer(failure: ApiFailure): Answer {
  return { status: failure.status, body: failure.body, headers: { ...failure.headers } };
}

/**
 * The request's body; `"too-large"` past `max` bytes; `"gone"` when the client went away
 * before its end (the request stream fails: `aborted`), which is not the emulator's error.
 */
function readBody(request: IncomingMessage, max: number): Promise<Buffer | "too-large" | "gone"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    request.on("error", () => {
      if (done) return;
      done = true;
      resolve("gone");
    });
  });
}

/** An absolute-form request target's scheme and host: http or https, a host without user info (RFC 9110 4.2.4). */
const ABSOLUTE_FORM = /^https?:\/\/[^/?#@]+/i;

/**
 * The path and query of a request target: the origin form (`/v1/...?...`) as it is, the
 * absolute form (`http://host/v1/...?...`, RFC 9112 section 3.2.2) without its scheme and
 * authority. Nothing is decoded or normalised: the path is routed as the client sent it.
 */
export function originForm(target: string): string {
  const absolute = ABSOLUTE_FORM.exec(target);
  // A host a URL cannot hold (`http://:8080`) makes no absolute form: the target stays as sent, and routes nowhere.
  if (absolute === null || absoluteOrigin(target) === undefined) return target;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/**
 * The origin of an absolute-form request target (`http://host:port`, as a URL writes it), or
 * `undefined` for the origin form or a host a URL cannot hold (`http://:8080`, `http://[::1`).
 * RFC 9112 section 3.2.2: with an absolute target, its authority is the request's host,
 * whatever `Host` says.
 */
export function absoluteOrigin(target: string): string | undefined {
  const absolute = ABSOLUTE_FORM.exec(target);
  if (absolute === null) return undefined;
  try {
    return new URL(absolute[0]).origin;
  } catch {
    return undefined;
  }
}

function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === "") return true;
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  return media === "application/json" || media.endsWith("+json");
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!isJsonType(contentType)) {
    throw new ApiFailure(400, Codes.parameter, `Parameter error: the body must be application/json, not ${JSON.stringify(contentType)} (rule: content type).`);
  }
  let text: string;
  try {
    // Fatal: bytes that are not UTF-8 are refused, never replaced with U+FFFD.
    text = UTF8.decode(raw);
  } catch {
    throw new ApiFailure(400, Codes.parameter, "Parameter error: the body is not valid UTF-8 (rule: UTF-8).");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiFailure(400, Codes.parameter, `Parameter error: the body is not valid JSON (${(error as Error).message}) (rule: JSON).`);
  }
}

/** The answer to CONNECT, naming the method, as the contract mock gives it. */
export const CONNECT_REFUSED =
  "Parameter error: method CONNECT is not supported: the emulator answers the methods of the VPCEP API and its control API (GET, HEAD, POST, PUT, DELETE), it opens no tunnels (rule: method).";

/** A 400 with the service's parameter error, written on the socket itself (for what no request handler sees); then the connection closes. */
function rawBadRequest(message: string, clockMs?: number): string {
  const body = serialize({ error_code: Codes.parameter, error_msg: message });
  const date = clockMs === undefined ? "" : `date: ${new Date(clockMs).toUTCString()}\r\n`;
  return `HTTP/1.1 400 Bad Request\r\n${date}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

export class EmulatorServer {
  readonly server: Server;

  constructor(private readonly core: EmulatorCore) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => this.crash(response, error));
    });
    this.server.on("clientError", (_error, socket) => {
      if (socket.writable) {
        socket.end(rawBadRequest("Parameter error: the request is not valid HTTP/1.1."));
      } else {
        socket.destroy();
      }
    });
    // Node hands CONNECT to this event, never to the request handler: without it the
    // connection would close unanswered. The emulator is an API, not a tunnel.
    // The socket is no longer the HTTP server's to close on stop(): it is destroyed once the
    // answer is out, even if the client keeps its side open.
    this.server.on("connect", (request: IncomingMessage, socket: Duplex) => {
      socket.on("error", () => socket.destroy());
      const method = request.method ?? "CONNECT";
      socket.end(rawBadRequest(CONNECT_REFUSED, this.core.clock.now()), () => socket.destroy());
      try {
        this.core.options.onResponse?.({ method, path: request.url ?? "", operationId: undefined, status: 400, violation: undefined });
      } catch (error) {
        this.core.options.onLog(`vpcep-emulator: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    });
  }

  private crash(response: ServerResponse, error: unknown): void {
    this.core.options.onLog(`vpcep-emulator: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body = { error_code: Codes.system, error_msg: "System error. Please retry." };
    this.send(response, { status: 500, body }, serialize(body));
  }

  private send(response: ServerResponse, answer: Answer, text: string | undefined): void {
    // The time of the emulator's clock, as a gateway's Date is its own: clients that correct
    // their clock skew from it (the AK/SK signer does) see the clock that checks X-Sdk-Date.
    const headers: Record<string, string | number> = {
      date: new Date(this.core.clock.now()).toUTCString(),
      "x-request-id": randomUUID(),
      ...answer.headers,
    };
    if (text !== undefined && text !== "") {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(text);
    }
    if (answer.close === true) headers["connection"] = "close";
    response.writeHead(answer.status, headers);
    response.end(text);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const target = originForm(request.url ?? "/");
    const question = target.indexOf("?");
    const pathname = question === -1 ? target : target.slice(0, question);
    const search = question === -1 ? "" : target.slice(question + 1);

    if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      await this.control(request, response, method, pathname.slice(CONTROL_PREFIX.length));
      return;
    }

    const route = this.core.router.match(method, pathname);
    let operation: SpecOperation | undefined;
    let answer: Answer;
    if (route.kind === "not-found") {
      answer = { status: 404, body: { error_code: Codes.notFound, error_msg: `The requested resource does not exist: no operation of the VPCEP API at ${method} ${pathname}.` } };
    } else if (route.kind === "method-not-allowed") {
      answer = {
        status: 405,
        body: { error_code: Codes.parameter, error_msg: `Method ${method} is not allowed on ${pathname} (allowed: ${route.allow.join(", ")}).` },
        headers: { allow: route.allow.join(", ") },
      };
    } else if (route.kind === "bad-path") {
      answer = { status: 400, body: { error_code: Codes.parameter, error_msg: `Parameter error: ${route.message}.` } };
    } else {
      operation = route.operation;
      const raw = await readBody(request, this.core.options.maxBodyBytes);
      // The client went away mid-body: there is no one to answer, and nothing went wrong here.
      if (raw === "gone") {
        request.socket.destroy();
        return;
      }
      if (raw === "too-large") {
        answer = {
          status: 400,
          body: { error_code: Codes.parameter, error_msg: `Parameter error: the body is larger than ${this.core.options.maxBodyBytes} bytes (rule: maximum body size).` },
          close: true,
        };
      } else {
        const dropped = this.operate(request, operation, route.pathParams, pathname, search, raw);
        if (dropped === "drop") {
          request.socket.destroy();
          return;
        }
        answer = dropped;
      }
    }
    this.finish(request, response, method, pathname, operation, answer);
  }

  /**
   * Everything between the route and the answer, for one operation, then the state file:
   * a change that cannot be written is not kept and answers 500 EndPoint.0001.
   */
  private operate(request: IncomingMessage, operation: SpecOperation, pathParams: Record<string, string>, pathname: string, search: string, raw: Buffer): Answer | "drop" {
    let answer: Answer | "drop";
    try {
      answer = this.apply(request, operation, pathParams, pathname, search, raw);
    } catch (error) {
      try {
        this.core.persist();
      } catch (persistError) {
        if (!(persistError instanceof StateWriteError)) throw persistError;
      }
      throw error;
    }
    try {
      this.core.persist();
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      return answer === "drop" ? "drop" : { status: 500, body: { error_code: Codes.system, error_msg: "System error. Please retry." } };
    }
    return answer;
  }

  private apply(request: IncomingMessage, operation: SpecOperation, pathParams: Record<string, string>, pathname: string, search: string, raw: Buffer): Answer | "drop" {
    const core = this.core;
    try {
      if (operation.secured) {
        const refused = authenticate({ method: request.method ?? "GET", pathname, search, headers: request.headers, body: raw }, core.auth, core.clock.now());
        if (refused !== undefined) return errorAnswer(refused);
      }
      core.lifecycle.settle();
      const fault = core.faults.takeCallFault(operation.operationId);
      if (fault?.kind === "drop") return "drop";
      if (fault?.kind === "error") {
        return { status: fault.status, body: faultErrorBody(fault), headers: fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) } };
      }
      const body = operation.requestBody === undefined ? undefined : parseJsonBody(raw, request.headers["content-type"]);
      const valid = core.validator.request(operation, pathParams, search, body);
      const handler = HANDLERS[operation.operationId];
      if (handler === undefined) {
        return { status: 501, body: { error_code: Codes.system, error_msg: `The emulator has no rules for ${operation.operationId} yet.` } };
      }
      const projectId = valid.pathParams["project_id"] ?? "";
      const reply = handler(core.world, {
        operationId: operation.operationId,
        projectId,
        domainId: core.world.domainOf(projectId),
        path: valid.pathParams,
        query: valid.query,
        body: valid.body,
        baseUrl: absoluteOrigin(request.url ?? "/") ?? `http://${request.headers.host ?? `${core.options.host}:${core.options.port}`}`,
      });
      return { status: reply.status, body: reply.body };
    } catch (error) {
      if (error instanceof ApiFailure) return errorAnswer(error);
      throw error;
    }
  }

  private finish(request: IncomingMessage, response: ServerResponse, method: string, pathname: string, operation: SpecOperation | undefined, answer: Answer): void {
    const core = this.core;
    let text = answer.body === undefined ? undefined : serialize(answer.body);
    let violation: string | undefined;
    if (operation !== undefined && (core.options.strict || core.options.onResponse !== undefined)) {
      violation = core.validator.response(operation, answer.status, text === undefined ? undefined : JSON.parse(text));
      if (violation !== undefined) {
        core.options.onLog(`vpcep-emulator: ${violation}`);
        if (core.options.strict) {
          answer = { status: 500, body: { error_code: Codes.system, error_msg: `The emulator's response violates the spec: ${violation}.` } };
          text = serialize(answer.body);
        }
      }
    }
    this.send(response, answer, method === "HEAD" ? undefined : text);
    if (answer.close === true) response.on("finish", () => request.socket.destroy());
    core.options.onResponse?.({ method, path: pathname, operationId: operation?.operationId, status: answer.status, violation });
  }

  private async control(request: IncomingMessage, response: ServerResponse, method: string, subpath: string): Promise<void> {
    const raw = await readBody(request, this.core.options.maxBodyBytes * 16);
    if (raw === "gone") {
      request.socket.destroy();
      return;
    }
    let reply: ControlReply;
    if (raw === "too-large") {
      reply = { status: 400, body: { error_code: Codes.parameter, error_msg: `The body is larger than ${this.core.options.maxBodyBytes * 16} bytes.` }, close: true };
    } else {
      try {
        reply = handleControl(this.core, method, subpath, parseJsonBody(raw, request.headers["content-type"]));
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        reply = { status: 400, body: error.body };
      }
    }
    // The state keeps marker_id as decimal digits: sent as strings, they survive any JSON parser.
    const text = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    this.send(response, { status: reply.status, headers: reply.headers ?? {}, close: reply.close ?? false }, text);
    if (reply.close === true) response.on("finish", () => request.socket.destroy());
    this.core.options.onResponse?.({ method, path: CONTROL_PREFIX + subpath, operationId: undefined, status: reply.status, violation: undefined });
  }
}
