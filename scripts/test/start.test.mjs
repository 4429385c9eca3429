import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const startScript = fileURLToPath(new URL("../start.mjs", import.meta.url));

describe("npm start (scripts/start.mjs)", () => {
  /** @type {import("node:child_process").ChildProcessByStdio<null, import("node:stream").Readable, null>} */
  let child;
  /** @type {string} */
  let mockUrl = "";
  /** @type {string} */
  let docsUrl = "";

  beforeAll(async () => {
    child = spawn(process.execPath, [startScript], {
      env: { ...process.env, VPCEP_MOCK_PORT: "0", VPCEP_DOCS_PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let printed = "";
    for await (const chunk of child.stdout) {
      printed += String(chunk);
      if (printed.includes("Press Ctrl-C")) break;
    }
    mockUrl = /Contract mock: (\S+)/.exec(printed)?.[1] ?? "";
    docsUrl = /API docs: +(\S+)/.exec(printed)?.[1] ?? "";
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints the mock's and the docs' URLs on loopback", () => {
    expect(mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(docsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves the docs page as HTML", async () => {
    const response = await fetch(docsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("<title>OTC VPC Endpoint API</title>");
  });

  it("serves the bundled spec beside the page", async () => {
    const response = await fetch(`${docsUrl}/openapi.json`);
    expect(await response.json()).toMatchObject({ openapi: "3.1.0" });
  });

  it("answers 404 for anything else", async () => {
    expect((await fetch(`${docsUrl}/nothing-here`)).status).toBe(404);
  });

  it("serves the seed example of createEndpoint from the mock", async () => {
    const response = await fetch(`${mockUrl}/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoints`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-auth-token": "any" },
      body: JSON.stringify({ vpc_id: "v", endpoint_service_id: "s" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "4189d3c2-8882-4871-a3c2-d380272eed83" });
  });

  it("stops both servers and exits 0 on SIGINT", async () => {
    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    await expect(fetch(docsUrl)).rejects.toThrow();
    await expect(fetch(mockUrl)).rejects.toThrow();
  });
});
