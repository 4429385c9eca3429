import { resolveMockOptions, MockError, type MockOptions } from "./options.js";
import { reservePort } from "./ports.js";
import { startPrism, stopPrism } from "./prism.js";

export interface RunningMock {
  /** The mock's root URL, e.g. `http://127.0.0.1:4010`; API paths start with `/v1/`. */
  url: string;
  port: number;
  /** Stops Prism and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

async function choosePort(host: string, requested: number | undefined): Promise<number> {
  try {
    return await reservePort(host, requested);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MockError(`Cannot listen on ${host}:${requested}: ${code ?? String(error)}`, code);
  }
}

/**
 * Starts the VPCEP contract mock (Prism serving the bundled spec) and resolves once it
 * answers. Requests are validated against the spec; invalid ones get the spec's 400 or
 * 401 response, and a response that would violate the spec becomes an error.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const resolved = resolveMockOptions(options);
  const port = await choosePort(resolved.host, resolved.port);
  const args = ["mock", resolved.spec, "--host", resolved.host, "--port", String(port), "--errors"];
  const { child, ready } = startPrism(args, resolved.onLog, resolved.startupTimeoutMs);

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
