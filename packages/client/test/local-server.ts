import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server received it. */
export interface Received {
  method: string;
  /** The path and query. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: Received, response: ServerResponse) => void;

export interface LocalServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly received: Received[];
  /** Answers the next requests with `handler` (the last one set stays). */
  answer(handler: Handler): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port, playing a hostile network or a service as
 * each test scripts it, and recording every request it gets. `close()` ends every
 * connection, so that no test leaves one behind.
 */
export async function startLocalServer(handler: Handler = (_request, response) => response.end()): Promise<LocalServer> {
  const received: Received[] = [];
  let current = handler;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString() };
      received.push(entry);
      current(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer: (next) => (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with a status. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** Answers each request with the next handler of `handlers`; the last one repeats. */
export function inTurn(...handlers: Handler[]): Handler {
  let next = 0;
  return (request, response) => handlers[Math.min(next++, handlers.length - 1)]!(request, response);
}
