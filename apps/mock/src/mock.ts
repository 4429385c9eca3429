import { resolveMockOptions, resolveUpstreamTimeout, MockError, type MockOptions } from "./options.js";
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
  /**
   * How long to wait for the upstream's answer, in milliseconds; then the caller gets
   * `504` with the service's `EndPoint.0013` body. Default 30000.
   */
  upstreamTimeoutMs?: number;
}

/** Starts Prism's server (mocking, or proxying to `upstream`), and resolves once it listens. */
async function run(options: MockOptions, proxy?: { upstream: string; timeoutMs: number }): Promise<RunningMock> {
  const resolved = resolveMockOptions(options);
  const settings = {
    spec: resolved.spec,
    host: resolved.host,
    port: resolved.port ?? 0,
    level: resolved.verbose ? "info" : "warn",
    upstreamTimeoutMs: proxy?.timeoutMs ?? 0,
    ...(proxy === undefined ? {} : { upstream: proxy.upstream }),
  } as const;
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
    const { url, port } = await ready;
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
  if (url.username !== "" || url.password !== "") {
    // Not echoed: the value holds a secret, which would end up in logs and terminals.
    throw new MockError('Invalid proxy option "upstream": must not contain credentials (user:password@); clients send theirs per request');
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Starts a validating proxy in front of a real VPCEP endpoint (Prism's proxy mode, errors
 * on): each request is checked against the spec before it is forwarded, and each answer
 * after, so that a client and the live API can be checked against the description.
 * An invalid request is refused with the service's 400 (`EndPoint.0002`, the violations in
 * its message and in `sl-violations`) without reaching the upstream; an answer that breaks
 * the spec is reported in the `sl-violations` header (and as an error response). Redirects
 * come back to the caller, never followed; an upstream that does not answer within
 * `upstreamTimeoutMs` gets the caller a 504 (`EndPoint.0013`).
 */
export async function startProxy(options: ProxyOptions): Promise<RunningMock> {
  if (typeof options !== "object" || options === null) throw new MockError('Invalid proxy options: give at least "upstream"');
  const { upstream, upstreamTimeoutMs, ...rest } = options;
  return run(rest, { upstream: upstreamUrl(upstream), timeoutMs: resolveUpstreamTimeout(upstreamTimeoutMs) });
}
