import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
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

const LISTENING = /Prism is listening on (\S+)/;
const KEPT_LINES = 20;

/** Starts `prism <command> <args>` and watches its output until it listens. */
export function startPrism(args: string[], onLog: (line: string) => void, timeoutMs: number): PrismProcess {
  const child = spawn(process.execPath, [prismCliPath(), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const recent: string[] = [];

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new MockError(`Prism did not start within ${timeoutMs} ms.\n${recent.join("\n")}`));
    }, timeoutMs);

    const onLine = (line: string) => {
      if (line.trim() === "") return;
      onLog(line);
      recent.push(line);
      if (recent.length > KEPT_LINES) recent.shift();
      const match = LISTENING.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
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
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new MockError(`Prism could not be started: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new MockError(`Prism exited (${signal ?? `code ${code}`}) before listening.\n${recent.join("\n")}`));
    });
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
