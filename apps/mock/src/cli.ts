#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startMock, startProxy } from "./mock.js";
import { MockError } from "./options.js";

const USAGE = `Usage: vpcep-mock [--port N] [--host ADDRESS] [--spec FILE] [--verbose | --quiet]
       vpcep-mock proxy <upstream-url> [--upstream-timeout MS] [--port N] [--host ADDRESS] [--spec FILE] [--verbose | --quiet]

Serves the OTC VPC Endpoint API contract mock (Prism) until stopped with Ctrl-C; with
"proxy", a validating proxy that checks requests and responses between a client and the
real API at <upstream-url> (e.g. https://vpcep.eu-de.otc.t-systems.com) against the spec.
  --port N               port to listen on (default: 4010; 0 picks a free port)
  --host ADDRESS         address to listen on (default: 127.0.0.1)
  --spec FILE            OpenAPI file to serve (default: the bundled VPCEP description)
  --upstream-timeout MS  proxy only: how long to wait for the upstream's answer before
                         answering 504 (default: 30000)
  --verbose              also print every request
  --quiet                print nothing but the URL (not even Prism's warnings)
  -h, --help             print this help
  --version              print the version
`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  spec: { type: "string" },
  "upstream-timeout": { type: "string" },
  quiet: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

type OptionName = keyof typeof OPTIONS;

const VALID = Object.entries(OPTIONS)
  .map(([name, option]) => ("short" in option ? `-${option.short}/--${name}` : `--${name}`))
  .join(", ");

/** A mistake on the command line: printed as one line, with no usage after it. */
class UsageError extends Error {}

interface Command {
  values: { [Name in OptionName]?: (typeof OPTIONS)[Name]["type"] extends "string" ? string : boolean };
  positionals: string[];
}

/** The command line, or a UsageError naming the first mistake (an unknown flag lists the valid ones). */
function parseCommandLine(args: string[]): Command {
  const { tokens } = parseArgs({ args, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const values: Command["values"] = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === "option-terminator") continue;
    if (!(token.name in OPTIONS)) throw new UsageError(`unknown option ${token.rawName}; valid options: ${VALID}`);
    const name = token.name as OptionName;
    const option = OPTIONS[name];
    if (option.type === "string") {
      if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value, e.g. ${token.rawName}=${name === "port" ? "4010" : "..."}`);
      (values as Record<string, string>)[name] = token.value;
    } else {
      if (token.inlineValue === true) throw new UsageError(`${token.rawName} takes no value`);
      (values as Record<string, boolean>)[name] = true;
    }
  }
  return { values, positionals };
}

function parsePort(text: string): number | undefined {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new UsageError(`invalid --port "${text}": must be an integer from 0 to 65535`);
  }
  const port = Number(text);
  return port === 0 ? undefined : port;
}

function parseTimeout(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 600_000) {
    throw new UsageError(`invalid --upstream-timeout "${text}": must be an integer number of milliseconds from 1 to 600000`);
  }
  return Number(text);
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const [command, upstream, ...extra] = positionals;
  if (command !== undefined && command !== "proxy") throw new UsageError(`unknown command "${command}"; the only command is "proxy"`);
  if (command === "proxy" && (upstream === undefined || extra.length > 0)) {
    throw new UsageError(`"proxy" takes exactly one <upstream-url>, e.g. vpcep-mock proxy https://vpcep.eu-de.otc.t-systems.com`);
  }
  if (values.verbose && values.quiet) throw new UsageError("give --verbose or --quiet, not both");
  if (values["upstream-timeout"] !== undefined && upstream === undefined) {
    throw new UsageError("--upstream-timeout is for the proxy: vpcep-mock proxy <upstream-url> --upstream-timeout MS");
  }
  if (values.spec !== undefined && !existsSync(values.spec)) throw new UsageError(`--spec ${values.spec}: no such file`);
  const port = parsePort(values.port ?? "4010");
  const upstreamTimeoutMs = values["upstream-timeout"] === undefined ? undefined : parseTimeout(values["upstream-timeout"]);
  const quiet = values.quiet === true;
  const options = {
    host: values.host ?? "127.0.0.1",
    ...(port === undefined ? {} : { port }),
    ...(values.spec === undefined ? {} : { spec: values.spec }),
    onLog: quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`),
    verbose: values.verbose === true,
  };
  let mock;
  try {
    mock =
      upstream === undefined
        ? await startMock(options)
        : await startProxy({ ...options, upstream, ...(upstreamTimeoutMs === undefined ? {} : { upstreamTimeoutMs }) });
  } catch (error) {
    // Prism's lines in the message have been printed already, unless --quiet.
    if (error instanceof MockError && !quiet) throw new MockError(error.message.split("\n")[0] ?? error.message, error.code);
    throw error;
  }
  const role = upstream === undefined ? "mock" : `validating proxy to ${upstream}`;
  process.stdout.write(`VPCEP ${role} listening on ${mock.url} (API under ${mock.url}/v1/{project_id})\n`);
  let stopping = false;
  const running = mock;
  const shutdown = () => {
    stopping = true;
    void running.stop().then(() => process.exit(0));
  };
  void running.exited.then(() => {
    if (stopping) return;
    process.stderr.write("vpcep-mock: Prism exited unexpectedly\n");
    process.exit(1);
  });
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof UsageError ? " (see vpcep-mock --help)" : "";
  process.stderr.write(`vpcep-mock: ${message}${hint}\n`);
  process.exit(1);
});
