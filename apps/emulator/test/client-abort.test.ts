import { connect, type AddressInfo, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { EmulatorCore } from "../src/core.js";
import { resolveOptions } from "../src/options.js";
import { EmulatorServer } from "../src/server.js";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** An emulator's server, with its log lines and a promise for each connection's close, as the server sees it. */
async function serverWithLog(): Promise<{ port: number; log: string[]; nextClose: Promise<void> }> {
  const log: string[] = [];
  const { server } = new EmulatorServer(new EmulatorCore(resolveOptions({ onLog: (line) => log.push(line) })));
  const nextClose = new Promise<void>((resolve) => server.once("connection", (socket: Socket) => socket.once("close", () => resolve())));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { port: (server.address() as AddressInfo).port, log, nextClose };
}

function sendAndHangUp(port: number, request: string): void {
  const socket = connect(port, "127.0.0.1", () => socket.end(request));
}

describe("a client that goes away mid-body", () => {
  it.each([
    ["an API request", "/v1/p/vpc-endpoint-services"],
    ["a control request", "/_emulator/state"],
  ])("is not logged as an unexpected error (%s)", async (_what, path) => {
    const { port, log, nextClose } = await serverWithLog();
    sendAndHangUp(port, `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
    await nextClose;
    // What the server does about the closed connection runs in the ticks after its close event.
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual([]);
  });
});
