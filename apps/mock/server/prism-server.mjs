// @ts-check
// The contract mock's child process: Prism's HTTP server and request handling, without
// Prism's CLI. The CLI passes every log line through jsonrepair, which crashes the server
// on some request contents at any log level that shows requests or request errors; here
// each log line is plain JSON on stdout. The parent learns that the server listens over
// IPC, so another program on the same port is never taken for it.
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";

/** @type {{ spec: string; host: string; port: number; level: "info" | "warn"; upstream?: string }} */
const options = JSON.parse(process.argv[2] ?? "{}");
const logger = createLogger("PRISM", { level: options.level, formatters: { level: (/** @type {string} */ label) => ({ level: label }) } });

try {
  const operations = await getHttpOperationsFromSpec(options.spec);
  if (operations.length === 0) throw new Error(`No operations found in ${options.spec}`);
  // What Prism's CLI configures for `mock --errors` and `proxy --errors`.
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const config =
    options.upstream === undefined
      ? { ...shared, isProxy: /** @type {const} */ (false) }
      : { ...shared, isProxy: /** @type {const} */ (true), upstream: new URL(options.upstream) };
  const server = createServer(operations, { cors: true, config, components: { logger: logger.child({ name: "HTTP SERVER" }) } });
  const address = await server.listen(options.port, options.host);
  logger.info(`Prism is listening on ${address}`);
  process.send?.({ listening: address });
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
  process.disconnect?.();
}
