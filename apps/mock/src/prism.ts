import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MockError } from "./options.js";

const require = createRequire(import.meta.url);

/** The path of Prism's CLI script inside the installed @stoplight/prism-cli. */
function prismCliPath(): string {
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin["prism"];
  if (bin === undefined) throw new MockError("@stoplight/prism-cli has no prism binary");
  return join(dirname(manifestPath), bin);
}

export interface PrismProcess {
  child: ChildProcess;
  /** Resolves with the URL Prism listens on; rejects when it exits or times out first. */
  ready: Promise<string>;
}

const KEPT_LINES = 20;

/** Resolves once something accepts TCP connections on host:port, trying every 50 ms. */
function whenListening(host: string, port: number, stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const attempt = () => {
      if (stopped()) return;
      const socket = connect({ host, port });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts `prism <args>` listening on host:port, and resolves with its URL once it accepts
 * connections; rejects when it exits or times out first. Readiness is checked on the port,
 * not read from Prism's log, so it holds at any log level.
 */
export function startPrism(
  args: string[],
  listen: { host: string; port: number },
  onLog: (line: string) => void,
  timeoutMs: number,
): PrismProcess {
  const child = spawn(process.execPath, [prismCliPath(), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const recent: string[] = [];
  let settled = false;

  const ready = new Promise<string>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(() => reject(new MockError(`Prism did not start within ${timeoutMs} ms.\n${recent.join("\n")}`)));
    }, timeoutMs);

    const onLine = (line: string) => {
      if (line.trim() === "") return;
      onLog(line);
      recent.push(line);
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
    child.once("error", (error) => settle(() => reject(new MockError(`Prism could not be started: ${error.message}`))));
    child.once("exit", (code, signal) =>
      settle(() => reject(new MockError(`Prism exited (${signal ?? `code ${code}`}) before listening.\n${recent.join("\n")}`))),
    );
    void whenListening(listen.host, listen.port, () => settled).then(() =>
      settle(() => resolve(`http://${listen.host.includes(":") ? `[${listen.host}]` : listen.host}:${listen.port}`)),
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
