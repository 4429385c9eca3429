#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { parseTransitions } from "./clock.js";
import { startEmulator } from "./emulator.js";
import { EmulatorError } from "./options.js";

const USAGE = `Usage: vpcep-emulator [--port N] [--host ADDRESS] [--state-file FILE] [--strict] [--transitions MODE]

Serves a stateful emulator of the OTC VPC Endpoint API until stopped with Ctrl-C.
  --port N            port to listen on (default: 4011; 0 picks a free port)
  --host ADDRESS      address to listen on (default: 127.0.0.1)
  --state-file FILE   load the state from FILE and write every change to it
  --strict            check every response against the spec; a violation becomes a 500
  --transitions MODE  when creates and deletes complete: immediate, reads:N or ms:N (default: ms:1000)
  --version           print the version
  -h, --help          print this help
The control API for tests is under /_emulator/ (see the README).
From the environment (kept out of the process list):
  VPCEP_EMULATOR_TOKENS       accepted X-Auth-Token values, comma-separated (default: any)
  VPCEP_EMULATOR_ACCESS_KEYS  AK/SK pairs, "AK1:SK1,AK2:SK2"
  VPCEP_EMULATOR_PROJECTS     project accounts, "project1=domain1,project2=domain1"
`;

const FLAGS = ["--port", "--host", "--state-file", "--strict", "--transitions", "--version", "-h", "--help"];

function version(): string {
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(require.resolve("../package.json"), "utf8")) as { version: string };
  return manifest.version;
}

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) throw new EmulatorError(`Invalid --port "${text}": must be an integer from 0 to 65535`);
  return Number(text);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "4011" },
        host: { type: "string", default: "127.0.0.1" },
        "state-file": { type: "string" },
        strict: { type: "boolean", default: false },
        transitions: { type: "string", default: "ms:1000" },
        version: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "invalid arguments";
    throw new EmulatorError(`${message.replace(/\. To specify a positional argument.*$/, "")} (valid flags: ${FLAGS.join(", ")})`);
  }
}

/** `a:b,c:d` → { a: "b", c: "d" }; the values are never quoted in errors (they may be secret keys). */
function pairs(name: string, separator: string): Record<string, string> | undefined {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return undefined;
  const result: Record<string, string> = {};
  for (const [index, item] of text.split(",").entries()) {
    const at = item.indexOf(separator);
    const key = at === -1 ? "" : item.slice(0, at).trim();
    const value = at === -1 ? "" : item.slice(at + 1).trim();
    if (key === "" || value === "") throw new EmulatorError(`Invalid ${name}: entry ${index + 1} must be of the form KEY${separator}VALUE`);
    result[key] = value;
  }
  return result;
}

function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}

function tokens(): string[] | undefined {
  const text = process.env["VPCEP_EMULATOR_TOKENS"];
  if (text === undefined || text.trim() === "") return undefined;
  return text.split(",").map((token) => token.trim()).filter((token) => token !== "");
}

async function main(): Promise<void> {
  const values = parse(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Every flag's value is checked before --version answers: a bad one is reported, not skipped.
  const port = parsePort(values.port);
  try {
    parseTransitions(values.transitions);
  } catch (error) {
    throw new EmulatorError((error as Error).message.replace(/^Invalid transitions /, "Invalid --transitions "));
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    strict: values.strict,
    transitions: values.transitions,
    ...(values["state-file"] === undefined ? {} : { stateFile: values["state-file"] }),
    ...optional("tokens", tokens()),
    ...optional("accessKeys", pairs("VPCEP_EMULATOR_ACCESS_KEYS", ":")),
    ...optional("projects", pairs("VPCEP_EMULATOR_PROJECTS", "=")),
    onLog: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`VPCEP emulator listening on ${emulator.url} (API under ${emulator.url}/v1/{project_id}, control under ${emulator.url}/_emulator/)\n`);
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vpcep-emulator: ${message}\n`);
  process.exit(1);
});
