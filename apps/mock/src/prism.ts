import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MockError } from "./options.js";
import type { ChildMessage, ChildSettings } from "./server/protocol.js";

/**
 * The child process's script: Prism's request handling behind our own HTTP server
 * (src/server/, bundled into dist/server.cjs).
 */
const serverScript = fileURLToPath(new URL("../dist/server.cjs", import.meta.url));

export type PrismSettings = ChildSettings;

export interface PrismProcess {
  child: ChildProcess;
  /** Resolves once the server listens, with its URL and port; rejects when it cannot, exits or times out first. */
  ready: Promise<{ url: string; port: number }>;
}

const KEPT_LINES = 20;

/** A log line of the server (pino JSON) as people read it; other output as it is. */
function readable(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: string; name?: string; msg?: string; input?: { method?: string; url?: { path?: string } } };
    const request = entry.input?.method === undefined ? "" : ` ${entry.input.method.toUpperCase()} ${entry.input.url?.path ?? ""}`;
    return `${entry.level ?? "log"} [${entry.name ?? "PRISM"}]${request} ${entry.msg ?? ""}`.trimEnd();
  } catch {
    return line;
  }
}

function isChildMessage(message: unknown): message is ChildMessage {
  if (typeof message !== "object" || message === null) return false;
  const value = message as Record<string, unknown>;
  return (typeof value["listening"] === "string" && typeof value["port"] === "number") || typeof value["error"] === "string";
}

/**
 * Starts the server in a child process, which binds the port itself (0: any free one)
 * and says over IPC where it listens or why it cannot: a port that answers may belong to
 * another program. Rejects when the child cannot listen, exits or the time runs out first.
 * The child ends by itself when this process is gone (src/server/parent-watch.ts).
 */
export function startPrism(settings: PrismSettings, onLog: (line: string) => void, timeoutMs: number): PrismProcess {
  const child = spawn(process.execPath, [serverScript, JSON.stringify(settings)], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const recent: string[] = [];
  const output = () => (recent.length === 0 ? "" : `\n${recent.join("\n")}`);
  let settled = false;

  const ready = new Promise<{ url: string; port: number }>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const where = settings.port === 0 ? `${settings.host} (any free port)` : `${settings.host}:${settings.port}`;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(() => reject(new MockError(`Prism did not start listening on ${where} within ${timeoutMs} ms.${output()}`)));
    }, timeoutMs);

    const onLine = (line: string) => {
      if (line.trim() === "") return;
      const shown = readable(line);
      onLog(shown);
      recent.push(shown);
      if (recent.length > KEPT_LINES) recent.shift();
    };
    for (const stream of [child.stdout, child.stderr]) {
      let pending = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        const lines = (pending + chunk).split(/\r?\n/);
        pending = lines.pop() ?? "";
        lines.forEach(onLine);
      });
    }
    child.once("message", (message: unknown) => {
      if (!isChildMessage(message)) {
        settle(() => reject(new MockError(`Prism's server sent an unexpected message: ${JSON.stringify(message)}`)));
        return;
      }
      if ("listening" in message) {
        settle(() => resolve({ url: message.listening, port: message.port }));
        return;
      }
      const failure =
        message.error === "ESTART"
          ? `Prism exited before listening on ${where}: ${message.message}`
          : `Cannot listen on ${where}: ${message.error}`;
      // The message says it all; the same words are in the log (onLog) already.
      settle(() => reject(new MockError(failure, message.error === "ESTART" ? undefined : message.error)));
    });
    child.once("error", (error) => settle(() => reject(new MockError(`Prism could not be started: ${error.message}`))));
    child.once("exit", (code, signal) =>
      settle(() => reject(new MockError(`Prism exited (${signal ?? `code ${code}`}) before listening on ${where}.${output()}`))),
    );
  });
  return { child, ready };
}

/** Stops Prism: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export function stopPrism(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
