/**
 * The contract mock's child process: Prism's request handling behind our own HTTP server
 * (see handler.ts), without Prism's CLI or its HTTP server. Log lines are plain JSON
 * (pino) on stdout. It binds the port it is given (0: a free one) and tells the parent
 * over IPC where it listens, or why it cannot (`{ error: "EADDRINUSE" }`), so that no
 * other program on the port is ever taken for it. It ends when the parent is gone.
 */
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createHandler } from "./handler.js";
import { createHttpServer, DEFAULT_LIMITS } from "./http-server.js";
import { withoutSafeIntegerRange } from "./int64-range.js";
import { exitWithParent } from "./parent-watch.js";
import type { ChildMessage, ChildSettings } from "./protocol.js";

const settings = JSON.parse(process.argv[2] ?? "{}") as ChildSettings;
const logger = createLogger("PRISM", { level: settings.level, formatters: { level: (label: string) => ({ level: label }) } });
const report = (message: ChildMessage) => process.send?.(message);

/** Ends the process, saying why: to the parent over IPC (which reports it once), else in the log. */
function fail(failure: Extract<ChildMessage, { error: string }>): void {
  if (process.send === undefined) logger.fatal(failure.message);
  else report(failure);
  process.exitCode = 1;
  stopWatching();
  process.disconnect?.();
}

const stopWatching = exitWithParent((reason) => {
  logger.warn(`Stopping: ${reason}`);
  process.exit(0);
});
process.on("unhandledRejection", (reason) => {
  logger.error(`Unhandled rejection inside the mock: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});

async function main(): Promise<void> {
  const operations = withoutSafeIntegerRange(await getHttpOperationsFromSpec(settings.spec));
  if (operations.length === 0) throw new Error(`No operations found in ${settings.spec}`);
  const handler = createHandler({
    operations,
    logger: logger.child({ name: "HTTP SERVER" }),
    ...(settings.upstream === undefined ? {} : { proxy: { upstream: new URL(settings.upstream), timeoutMs: settings.upstreamTimeoutMs } }),
  });
  const server = createHttpServer(handler, { ...DEFAULT_LIMITS, ...settings.limits });
  server.once("error", (error: NodeJS.ErrnoException) => {
    fail({ error: error.code ?? "ELISTEN", message: `Cannot listen on ${settings.host}:${settings.port}: ${error.code ?? error.message}` });
  });
  server.listen({ port: settings.port, host: settings.host, exclusive: true }, () => {
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : settings.port;
    const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
    const url = `http://${host}:${port}`;
    logger.info(`Prism is listening on ${url}`);
    report({ listening: url, port });
  });
}

main().catch((error: unknown) => {
  fail({ error: "ESTART", message: error instanceof Error ? error.message : String(error) });
});
