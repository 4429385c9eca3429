import { resolveMockOptions, MockError, type MockOptions } from "./options.js";
import { reservePort } from "./ports.js";
import { startPrism, stopPrism } from "./prism.js";

export interface RunningMock {
  /** The server's root URL, e.g. `http://127.0.0.1:4010`; API paths start with `/v1/`. */
  url: string;
  port: number;
  /** Stops Prism and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
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

/** Starts `prism <command> <spec> [upstream]` with errors on, and resolves once it listens. */
async function run(command: "mock" | "proxy", options: MockOptions, upstream?: string): Promise<RunningMock> {
  const resolved = resolveMockOptions(options);
  const port = await choosePort(resolved.host, resolved.port);
  const args = [command, resolved.spec, ...(upstream === undefined ? [] : [upstream])];
  // Prism's CLI passes every info line (requests included) through jsonrepair, which breaks
  // on some valid request contents and then crashes the server; so info is opt-in.
  args.push("--host", resolved.host, "--port", String(port), "--errors", "--verboseLevel", resolved.verbose ? "info" : "warn");
  const { child, ready } = startPrism(args, { host: resolved.host, port }, resolved.onLog, resolved.startupTimeoutMs);

  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    await stopPrism(child);
  };

  try {
    const url = (await ready).replace(/\/+$/, "");
    return { url, port, stop };
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
  return run("mock", options);
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
  return run("proxy", rest, upstreamUrl(upstream));
}
