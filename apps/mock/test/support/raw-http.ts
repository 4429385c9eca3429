// Requests as a hostile client sends them: bytes on a socket, nothing normalised by a
// client library on the way.
import { connect, type Socket } from "node:net";

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

function parse(text: string): RawAnswer {
  const end = text.indexOf("\r\n\r\n");
  const head = end < 0 ? text : text.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? "0");
  let body = end < 0 ? "" : text.slice(end + 4);
  if (/^transfer-encoding: chunked/im.test(head)) {
    let decoded = "";
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      const size = parseInt(rest.slice(0, lineEnd), 16);
      if (!(size > 0)) break;
      decoded += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
    body = decoded;
  }
  return { status, headers: head, body };
}

export function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Reads what the server sends until it closes the connection. */
export function answerOf(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("error", reject);
    socket.once("close", () => resolve(parse(Buffer.concat(chunks).toString("latin1"))));
  });
}

/** Sends the head (and body) as given, with `Connection: close`, and reads the answer. */
export async function rawRequest(url: string, head: string, body: Buffer | string = ""): Promise<RawAnswer> {
  const socket = await openSocket(url);
  const answer = answerOf(socket);
  const bytes = typeof body === "string" ? Buffer.from(body, "latin1") : body;
  const { host } = new URL(url);
  const length = bytes.length > 0 ? `Content-Length: ${bytes.length}\r\n` : "";
  socket.write(`${head}\r\nHost: ${host}\r\nConnection: close\r\n${length}\r\n`);
  if (bytes.length > 0) socket.write(bytes);
  return answer;
}
