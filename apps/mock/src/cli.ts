#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMock } from "./mock.js";
import { MockError } from "./options.js";

const USAGE = `Usage: vpcep-mock [--port N] [--host ADDRESS] [--spec FILE] [--quiet]

Serves the OTC VPC Endpoint API contract mock (Prism) until stopped with Ctrl-C.
  --port N        port to listen on (default: 4010; 0 picks a free port)
  --host ADDRESS  address to listen on (default: 127.0.0.1)
  --spec FILE     OpenAPI file to serve (default: the bundled VPCEP description)
  --quiet         do not print Prism's request log
`;

function parsePort(text: string): number | undefined {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new MockError(`Invalid --port "${text}": must be an integer from 0 to 65535`);
  }
  const port = Number(text);
  return port === 0 ? undefined : port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      spec: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = parsePort(values.port);
  const mock = await startMock({
    host: values.host,
    ...(port === undefined ? {} : { port }),
    ...(values.spec === undefined ? {} : { spec: values.spec }),
    onLog: values.quiet ? () => {} : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`VPCEP mock listening on ${mock.url} (API under ${mock.url}/v1/{project_id})\n`);
  const shutdown = () => {
    void mock.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vpcep-mock: ${message}\n${error instanceof MockError ? "" : USAGE}`);
  process.exit(1);
});
