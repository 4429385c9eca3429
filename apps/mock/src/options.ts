import { bundledSpecPath as bundledSpecFile } from "@otc-vpcep/spec-model";

export interface MockOptions {
  /** TCP port to listen on; a free one is chosen when omitted. */
  port?: number;
  /** Address to listen on; loopback by default. */
  host?: string;
  /** The OpenAPI file to serve; the bundled VPCEP description by default. */
  spec?: string;
  /** Receives each line Prism logs (warnings; with `verbose`, every request too). Silent by default. */
  onLog?: (line: string) => void;
  /** Log every request too (Prism's info level). Off by default. */
  verbose?: boolean;
  /** How long to wait for Prism to listen before giving up, in milliseconds. Default 30000. */
  startupTimeoutMs?: number;
}

export interface ResolvedMockOptions {
  port: number | undefined;
  host: string;
  spec: string;
  onLog: (line: string) => void;
  verbose: boolean;
  startupTimeoutMs: number;
}

/** Thrown when the mock's options are invalid or Prism cannot start. */
export class MockError extends Error {
  override readonly name = "MockError";
  /** `EADDRINUSE` when the requested port is taken. */
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** The bundled VPCEP description (`openapi.json` of `@otc-vpcep/spec`), which the mock serves by default. */
export function bundledSpecPath(): string {
  return bundledSpecFile();
}

function isPositiveInteger(value: unknown, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= max;
}

/** The proxy's default wait for the upstream's answer. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

export function resolveUpstreamTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_UPSTREAM_TIMEOUT_MS;
  if (!isPositiveInteger(value, 600_000)) {
    throw new MockError(`Invalid proxy option "upstreamTimeoutMs": must be an integer from 1 to 600000; got ${String(value)}`);
  }
  return value;
}

export function resolveMockOptions(options: MockOptions = {}): ResolvedMockOptions {
  const { port, host = "127.0.0.1", spec, onLog = () => {}, verbose = false, startupTimeoutMs = 30_000 } = options;
  if (port !== undefined && !isPositiveInteger(port, 65_535)) {
    throw new MockError(`Invalid mock option "port": must be an integer from 1 to 65535; got ${String(port)}`);
  }
  if (typeof host !== "string" || host.length === 0) {
    throw new MockError(`Invalid mock option "host": must be a non-empty string`);
  }
  if (spec !== undefined && (typeof spec !== "string" || spec.length === 0)) {
    throw new MockError(`Invalid mock option "spec": must be a path to an OpenAPI file`);
  }
  if (typeof verbose !== "boolean") {
    throw new MockError(`Invalid mock option "verbose": must be a boolean; got ${typeof verbose}`);
  }
  if (typeof onLog !== "function") {
    throw new MockError(`Invalid mock option "onLog": must be a function`);
  }
  if (!isPositiveInteger(startupTimeoutMs, 600_000)) {
    throw new MockError(
      `Invalid mock option "startupTimeoutMs": must be an integer from 1 to 600000; got ${String(startupTimeoutMs)}`,
    );
  }
  return { port, host, spec: spec ?? bundledSpecPath(), onLog, verbose, startupTimeoutMs };
}
