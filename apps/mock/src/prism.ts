import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MockError } from "./options.js";

/** The child process's script: Prism's server without its CLI (see the file). */
const serverScript = fileURLToPath(new URL("../server/prism-server.mjs", import.meta.url));

export interface PrismSettings {
  spec: string;
  host: string;
  port: number;
  /** "info" logs every request; "warn" only problems. */
  level: "info" | "warn";
  /** Proxy to this API instead of mocking it. */
  upstream?: string;
}

export interface PrismProcess {
  child: ChildProcess;
  /** Resolves with the server's URL once Prism listens; rejects when it exits or times out first. */
  ready: Promise<string>;
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

/**
 * Starts Prism's server in a child process, and resolves with its URL once the server
 * itself says it listens (over IPC): a port that answers may belong to another program.
 * Rejects when the child exits or the time runs out first.
 */
export function startPrism(settings: PrismSettings, onLog: (line: string) => void, timeoutMs: number): PrismProcess {
  const child = spawn(process.execPath, [serverScript, JSON.stringify(settings)], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const recent: string[] = [];
  const output = () => (recent.length === 0 ? "" : `\n${recent.join("\n")}`);
  let settled = false;

  const ready = new Promise<string>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const where = `${settings.host}:${settings.port}`;
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
    child.once("message", () =>
      settle(() => resolve(`http://${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${settings.port}`)),
    );
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
