import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return { child, output: () => ({ stdout, stderr }) };
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

  it("refuses --verbose with --quiet", async () => {
    const { child, output } = run(["--verbose", "--quiet"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output().stderr).toContain("Give --verbose or --quiet, not both");
  });

  it("refuses an invalid port with a message that names it", async () => {
    const { child, output } = run(["--port", "http"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output().stderr).toContain('Invalid --port "http": must be an integer from 0 to 65535');
  });

  it("runs a validating proxy with proxy <upstream-url>", async () => {
    const { child: upstream } = run(["--port", "0", "--quiet"]);
    const upstreamUrl = await printedUrl(upstream);
    const { child: proxy } = run(["proxy", upstreamUrl, "--port", "0", "--quiet"]);
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

  it("refuses proxy without an upstream URL", async () => {
    const { child, output } = run(["proxy"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output().stderr).toContain('"proxy" takes exactly one <upstream-url>');
  });

  it("refuses an unknown command", async () => {
    const { child, output } = run(["serve"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output().stderr).toContain('Unknown command "serve"');
  });

  it("refuses an unknown flag and prints the usage", async () => {
    const { child, output } = run(["--loud"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output().stderr).toContain("Usage: vpcep-mock");
  });
});
