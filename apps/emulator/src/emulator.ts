/** `startEmulator()`: the emulator on a port of its own, and the handle tests drive it with. */
import type { AddressInfo } from "node:net";
import type { TransitionMode } from "./clock.js";
import { EmulatorCore } from "./core.js";
import type { Fault } from "./faults.js";
import { EmulatorError, resolveOptions, type EmulatorOptions } from "./options.js";
import { EmulatorServer } from "./server.js";
import type { StateDocument } from "./state.js";

/** The whole state, as `snapshot()` returns it and `restore()` takes it (and the state file holds). */
export type EmulatorState = StateDocument;

export interface RunningEmulator {
  /** The root URL, e.g. `http://127.0.0.1:4011`; the API is under `/v1/{project_id}`. */
  url: string;
  port: number;
  /** Stops listening and closes open connections. Safe to call more than once. */
  stop(): Promise<void>;
  /** Forgets every service, endpoint and fault (the seeded public services stay). */
  reset(): void;
  /** Moves the emulator clock forward, completing the transitions that fall due. */
  advance(ms: number): void;
  /** The current time on the emulator clock. */
  now(): Date;
  /** Sets when transitions scheduled from now on complete: `"immediate"`, `"reads:N"` or `"ms:N"`. */
  setTransitions(mode: string | TransitionMode): void;
  /** A deep copy of the state. */
  snapshot(): EmulatorState;
  /** Replaces the state with one that `snapshot()` returned; throws on a document that is not one. */
  restore(state: EmulatorState): void;
  /** Injects a fault (see `Fault`); throws an Error naming what is wrong with it. */
  inject(fault: Fault): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const core = new EmulatorCore(resolved);
  const { server } = new EmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(new EmulatorError(`Cannot listen on ${resolved.host}:${resolved.port}: ${error.code ?? error.message}`, error.code));
    };
    server.once("error", failed);
    server.listen(resolved.port, resolved.host, () => {
      server.removeListener("error", failed);
      resolve();
    });
  });
  server.on("error", (error) => resolved.onLog(`vpcep-emulator: server error: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
    reset: () => core.reset(),
    advance: (ms) => core.advance(ms),
    now: () => new Date(core.clock.now()),
    setTransitions: (mode) => core.setTransitions(mode),
    snapshot: () => core.snapshot(),
    restore: (state) => core.restore(state),
    inject: (fault) => core.inject(fault),
  };
}
