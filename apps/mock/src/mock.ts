import { resolveMockOptions, MockError, type MockOptions } from "./options.js";
import { reservePort } from "./ports.js";
import { startPrism, stopPrism } from "./prism.js";

export interface RunningMock {
  /** The server's root URL, e.g. `http://127.0.0.1:4010`; API paths start with `/v1/`. */
  url: string;
  port: number;
  /** Stops Prism and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
  /** Resolves when Prism has exited, whether stopped or not (an unexpected exit is also logged to `onLog`). */
  exited: Promise<void>;
}

export interface ProxyOptions extends MockOptions {
  /** The real API to forward to, e.g. `https://vpcep.eu-de.otc.t-systems.com`. */
  upstream: string | URL;
}

async function choosePort(host: string, requested: number | undefined): Promise<number> {
  try {
    return await reservePort(host, requested);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MockError(`Cannot listen on ${host}:${requested}: ${code ?? String(error)}`, code);
  }
}

/** Starts Prism's server (mocking, or proxying to `upstream`), and resolves once it listens. */
async function run(options: MockOptions, upstream?: string): Promise<RunningMock> {
  const resolved = resolveMockOptions(options);
  const port = await choosePort(resolved.host, resolved.port);
  const settings = { spec: resolved.spec, host: resolved.host, port, level: resolved.verbose ? "info" : "warn", ...(upstream === undefined ? {} : { upstream }) } as const;
  const { child, ready } = startPrism(settings, resolved.onLog, resolved.startupTimeoutMs);

  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    stopping = true;
    process.removeListener("exit", killOnExit);
    await stopPrism(child);
  };

  try {
    const url = await ready;
    child.once("exit", (code, signal) => {
      if (!stopping) resolved.onLog(`Prism exited unexpectedly (${signal ?? `code ${code}`}); the mock at ${url} is gone`);
    });
    return { url, port, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts the VPCEP contract mock (Prism serving the bundled spec) and resolves once it
 * answers. Requests are validated against the spec; invalid ones get the spec's 400 or
 * 401 response, and a response that would violate the spec becomes an error.
 */
export function startMock(options: MockOptions = {}): Promise<RunningMock> {
  return run(options);
}

function upstreamUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new MockError(`Invalid proxy option "upstream": must be an absolute http(s) URL; got ${JSON.stringify(String(value))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MockError(`Invalid proxy option "upstream": must use http or https; got "${url.protocol}"`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Starts a validating proxy in front of a real VPCEP endpoint (Prism's proxy mode, errors
 * on): each request is checked against the spec before it is forwarded, and each answer
 * after, so that a client and the live API can be checked against the description.
 * An invalid request is refused without reaching the upstream; an answer that breaks the
 * spec is reported in the `sl-violations` header (and as an error response).
 */
export async function startProxy(options: ProxyOptions): Promise<RunningMock> {
  if (typeof options !== "object" || options === null) throw new MockError('Invalid proxy options: give at least "upstream"');
  const { upstream, ...rest } = options;
  return run(rest, upstreamUrl(upstream));
}
