#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMock, startProxy } from "./mock.js";
import { MockError } from "./options.js";

const USAGE = `Usage: vpcep-mock [--port N] [--host ADDRESS] [--spec FILE] [--verbose | --quiet]
       vpcep-mock proxy <upstream-url> [--port N] [--host ADDRESS] [--spec FILE] [--verbose | --quiet]

Serves the OTC VPC Endpoint API contract mock (Prism) until stopped with Ctrl-C; with
"proxy", a validating proxy that checks requests and responses between a client and the
real API at <upstream-url> (e.g. https://vpcep.eu-de.otc.t-systems.com) against the spec.
  --port N        port to listen on (default: 4010; 0 picks a free port)
  --host ADDRESS  address to listen on (default: 127.0.0.1)
  --spec FILE     OpenAPI file to serve (default: the bundled VPCEP description)
  --verbose       also print every request
  --quiet         print nothing but the URL (not even Prism's warnings)
`;

function parsePort(text: string): number | undefined {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new MockError(`Invalid --port "${text}": must be an integer from 0 to 65535`);
  }
  const port = Number(text);
  return port === 0 ? undefined : port;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      spec: { type: "string" },
      quiet: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, upstream, ...extra] = positionals;
  if (command !== undefined && command !== "proxy") throw new MockError(`Unknown command "${command}"\n${USAGE}`);
  if (command === "proxy" && (upstream === undefined || extra.length > 0)) {
    throw new MockError(`"proxy" takes exactly one <upstream-url>\n${USAGE}`);
  }
  if (values.verbose && values.quiet) throw new MockError(`Give --verbose or --quiet, not both\n${USAGE}`);
  const port = parsePort(values.port);
  const options = {
    host: values.host,
    ...(port === undefined ? {} : { port }),
    ...(values.spec === undefined ? {} : { spec: values.spec }),
    onLog: values.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`),
    verbose: values.verbose,
  };
  const mock = upstream === undefined ? await startMock(options) : await startProxy({ ...options, upstream });
  const role = upstream === undefined ? "mock" : `validating proxy to ${upstream}`;
  process.stdout.write(`VPCEP ${role} listening on ${mock.url} (API under ${mock.url}/v1/{project_id})\n`);
  let stopping = false;
  const shutdown = () => {
    stopping = true;
    void mock.stop().then(() => process.exit(0));
  };
  void mock.exited.then(() => {
    if (stopping) return;
    process.stderr.write("vpcep-mock: Prism exited unexpectedly\n");
    process.exit(1);
  });
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vpcep-mock: ${message}\n${error instanceof MockError ? "" : USAGE}`);
  process.exit(1);
});
