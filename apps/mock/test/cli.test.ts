import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const shim = fileURLToPath(new URL("../bin/vpcep-mock.js", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string; bin: unknown };

function run(args: string[], script = cli) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return { child, output: () => ({ stdout, stderr }) };
}

/** Runs the command to its end. */
async function finished(args: string[], script = cli): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, output } = run(args, script);
  const [code] = (await once(child, "close")) as [number | null];
  return { code, ...output() };
}

/** Whether something accepts connections at the URL's port. */
function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The URL the command prints once it listens. */
async function printedUrl(child: ReturnType<typeof run>["child"]): Promise<string> {
  let printed = "";
  for await (const chunk of child.stdout) {
    printed += String(chunk);
    if (printed.includes("\n")) break;
  }
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
  if (url === undefined) throw new Error(`no URL in ${JSON.stringify(printed)}`);
  return url;
}

describe("vpcep-mock", () => {
  it("prints its URL, serves the API and exits 0 on SIGINT", async () => {
    const { child } = run(["--port", "0", "--quiet"]);
    let printed = "";
    for await (const chunk of child.stdout) {
      printed += String(chunk);
      if (printed.includes("\n")) break;
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
    expect(url).toBeDefined();

    const response = await fetch(`${url}/v1/p1/vpc-endpoints`, { method: "POST", body: "{}" });
    expect(response.status).toBe(401);

    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("exits 1 and says so when Prism dies while it serves", async () => {
    const { child, output } = run(["--port", "0"]);
    await printedUrl(child);
    const [prism] = readdirSync(`/proc/${child.pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${child.pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean),
    );
    process.kill(Number(prism), "SIGKILL");
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output().stderr).toContain("Prism exited unexpectedly");
  });

  it("frees its port within a second when it is killed with SIGKILL (Prism ends with it)", async () => {
    const { child } = run(["--port", "0", "--quiet"]);
    const url = await printedUrl(child);
    child.kill("SIGKILL");
    await once(child, "exit");
    await expect.poll(() => answers(url), { timeout: 1_000, interval: 25 }).toBe(false);
  });

  it("runs a validating proxy with proxy <upstream-url>", async () => {
    const { child: upstream } = run(["--port", "0", "--quiet"]);
    const upstreamUrl = await printedUrl(upstream);
    const { child: proxy } = run(["proxy", upstreamUrl, "--port", "0", "--quiet", "--upstream-timeout", "5000"]);
    const proxyUrl = await printedUrl(proxy);
    const response = await fetch(`${proxyUrl}/v1/p1/quotas`, { headers: { "X-Auth-Token": "t" } });
    expect(response.status).toBe(200);
    const exits = Promise.all([once(proxy, "exit"), once(upstream, "exit")]);
    proxy.kill("SIGINT");
    upstream.kill("SIGINT");
    const [[proxyCode], [upstreamCode]] = await exits;
    expect(proxyCode).toBe(0);
    expect(upstreamCode).toBe(0);
  });
});

describe("vpcep-mock's help and version", () => {
  it.each(["-h", "--help"])("prints the usage with %s and exits 0", async (flag) => {
    const { code, stdout } = await finished([flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: vpcep-mock /);
    expect(stdout).toContain("--upstream-timeout MS");
  });

  it("prints the package's version with --version", async () => {
    const { code, stdout } = await finished(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it("runs from the committed bin shim, which npm links before dist/ is built", async () => {
    const { code, stdout } = await finished(["--version"], shim);
    expect(code).toBe(0);
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it("is the package's bin", () => {
    expect(manifest.bin).toEqual({ "vpcep-mock": "./bin/vpcep-mock.js" });
  });
});

describe("vpcep-mock's refusals: one line on stderr, exit 1", () => {
  it("refuses an unknown flag, listing the valid ones", async () => {
    const { code, stderr } = await finished(["--loud"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "vpcep-mock: unknown option --loud; valid options: --port, --host, --spec, --upstream-timeout, --quiet, --verbose, -h/--help, --version (see vpcep-mock --help)\n",
    );
  });

  it("refuses a flag that needs a value without one", async () => {
    const { code, stderr } = await finished(["--port"]);
    expect(code).toBe(1);
    expect(stderr).toBe("vpcep-mock: --port needs a value, e.g. --port=4010 (see vpcep-mock --help)\n");
  });

  it("refuses --verbose with --quiet", async () => {
    const { code, stderr } = await finished(["--verbose", "--quiet"]);
    expect(code).toBe(1);
    expect(stderr).toBe("vpcep-mock: give --verbose or --quiet, not both (see vpcep-mock --help)\n");
  });

  it("refuses an invalid port with a message that names it", async () => {
    const { code, stderr } = await finished(["--port", "http"]);
    expect(code).toBe(1);
    expect(stderr).toBe('vpcep-mock: invalid --port "http": must be an integer from 0 to 65535 (see vpcep-mock --help)\n');
  });

  it("refuses an invalid upstream timeout with a message that names it", async () => {
    const { code, stderr } = await finished(["proxy", "http://127.0.0.1:9", "--upstream-timeout", "soon"]);
    expect(code).toBe(1);
    expect(stderr).toContain('vpcep-mock: invalid --upstream-timeout "soon": must be an integer number of milliseconds');
  });

  it("says once that the --spec file does not exist", async () => {
    const { code, stderr } = await finished(["--spec", "/nonexistent/openapi.json", "--port", "0"]);
    expect(code).toBe(1);
    expect(stderr).toBe("vpcep-mock: --spec /nonexistent/openapi.json: no such file (see vpcep-mock --help)\n");
  });

  it("says once why Prism could not start, Prism's own line included", async () => {
    const { code, stderr } = await finished(["--spec", fileURLToPath(new URL("../package.json", import.meta.url)), "--port", "0"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^vpcep-mock: Prism exited before listening on 127\.0\.0\.1 \(any free port\): [^\n]+\n$/);
  });

  it("says once that the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await finished(["--port", String(port)]);
      expect(code).toBe(1);
      expect(stderr).toBe(`vpcep-mock: Cannot listen on 127.0.0.1:${port}: EADDRINUSE\n`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("refuses proxy without an upstream URL", async () => {
    const { code, stderr } = await finished(["proxy"]);
    expect(code).toBe(1);
    expect(stderr).toContain('vpcep-mock: "proxy" takes exactly one <upstream-url>');
  });

  it("refuses an unknown command", async () => {
    const { code, stderr } = await finished(["serve"]);
    expect(code).toBe(1);
    expect(stderr).toBe('vpcep-mock: unknown command "serve"; the only command is "proxy" (see vpcep-mock --help)\n');
  });
});
