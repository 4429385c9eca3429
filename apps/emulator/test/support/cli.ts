/** Runs the built `vpcep-emulator` command (bin/vpcep-emulator.js → dist/cli.js) as a child process. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/vpcep-emulator.js", import.meta.url));
const BUILT = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BUILT)) throw new Error("dist/cli.js is missing: run `npm run build` in apps/emulator first (turbo does it before `test`)");
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the command and resolves once it prints its URL. */
export function serveCli(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match?.[1] !== undefined) resolve({ child, url: match[1], exited });
    });
    child.on("exit", (code) => reject(new Error(`vpcep-emulator exited with ${code} before listening: ${stderr}`)));
  });
}
