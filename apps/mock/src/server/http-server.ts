/**
 * The HTTP server around the handler, with bounds for what never reaches it: headers
 * larger than Node's limit, requests that do not parse and CONNECT (which Node hands to no
 * handler) get the service's 400, headers that arrive too slowly (slowloris) the service's
 * timeout, and the connection is closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { parameterError, timeoutError, type ServiceError } from "./service-errors.js";

export interface ServerLimits {
  /** Time allowed for a request's headers to arrive. */
  headersTimeoutMs: number;
  /** Time allowed for a whole request to arrive. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

function rawAnswer(error: ServiceError): string {
  const body = JSON.stringify(error.body);
  const reason = error.status === 408 ? "Request Timeout" : "Bad Request";
  return [
    `HTTP/1.1 ${error.status} ${reason}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/** The answer to a request Node's parser refused, by its error code. */
export function clientErrorAnswer(code: string | undefined): ServiceError {
  switch (code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return timeoutError(408);
    case "HPE_HEADER_OVERFLOW":
      return parameterError("headers must be at most 16 KiB together.");
    default:
      return parameterError(`the request is not valid HTTP/1.1 (${code ?? "unparsable"}).`);
  }
}

/** The answer to CONNECT: the server is an API (or a proxy in front of one), not a tunnel. */
export const connectAnswer = parameterError("method CONNECT is not supported: this server answers the API's methods (GET, HEAD, POST, PUT, DELETE, OPTIONS), it opens no tunnels.");

export function createHttpServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  limits: ServerLimits,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    handler,
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawAnswer(clientErrorAnswer(error.code)));
  });
  // The socket is no longer the HTTP server's to close on stop(): destroyed once the answer is
  // out, even if the client keeps its side open.
  server.on("connect", (_request: IncomingMessage, socket: Socket) => {
    socket.on("error", () => socket.destroy());
    socket.end(rawAnswer(connectAnswer), () => socket.destroy());
  });
  return server;
}
