import { spawn } from "node:child_process";
import { dirname, delimiter } from "node:path";

export interface RunOptions {
  cwd: string;
  /** Killed (SIGKILL) after this long; the result then says so. */
  timeoutMs: number;
  /** Put first on PATH, so that `#!/usr/bin/env node` scripts run with the Node under test. */
  nodeExecutable?: string;
}

export interface RunResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** npm settings a child npm keeps: where packages come from and where they are cached. */
const KEPT_NPM_CONFIG = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|ca|proxy|https_proxy|noproxy|strict_ssl)$/i;

/**
 * The environment for a child: ours without what npm (running our script) and vitest set
 * for themselves. npm settings meant for the repository (npm_config_workspace, say) must
 * not change what the child npm does in the consumer project.
 */
export function childEnv(nodeExecutable?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|INIT_CWD$|NODE_OPTIONS$)/i.test(key) && !KEPT_NPM_CONFIG.test(key)) continue;
    env[key] = value;
  }
  env["NO_COLOR"] = "1";
  env["FORCE_COLOR"] = "0";
  env["NO_UPDATE_NOTIFIER"] = "1";
  if (nodeExecutable !== undefined) {
    env["PATH"] = [dirname(nodeExecutable), env["PATH"] ?? ""].join(delimiter);
  }
  return env;
}

/** Runs a command to its end and collects its output; never rejects on a failed exit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const shown = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(options.nodeExecutable),
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run ${shown}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ command: shown, code, signal, timedOut, stdout, stderr });
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** A failure message: what ran, how it ended and the end of its output. */
export function describeRun(result: RunResult, lines = 40): string {
  const ending = result.timedOut
    ? "was killed after its time limit"
    : result.signal !== null
      ? `ended by ${result.signal}`
      : `exited with code ${result.code}`;
  return [
    `${result.command} ${ending}`,
    `--- stdout (last ${lines} lines)`,
    tail(result.stdout, lines),
    `--- stderr (last ${lines} lines)`,
    tail(result.stderr, lines),
  ].join("\n");
}

/** The last line of stdout parsed as JSON: what the fixture programs print for the tests. */
export function lastJsonLine(result: RunResult): unknown {
  const line = result.stdout.trimEnd().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new Error(`Expected a JSON summary as the last line of stdout.\n${describeRun(result)}`);
  }
}
