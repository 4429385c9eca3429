import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockError, startMock, type RunningMock } from "../src/index.js";
import { bundledSpecPath } from "../src/options.js";
import { startPrism } from "../src/prism.js";

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const endpointRequest = {
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
};

function createEndpoint(url: string, headers: Record<string, string> = { "X-Auth-Token": "token" }) {
  return fetch(`${url}/v1/${projectId}/vpc-endpoints`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(endpointRequest),
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<MockError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MockError) return error;
    throw error;
  }
  throw new Error("expected startMock to reject");
}

describe("startMock", () => {
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock.stop();
  });

  it("listens on a loopback URL with the chosen port", () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
  });

  it("serves the API under /v1/{project_id} with the spec's example", async () => {
    const response = await createEndpoint(mock.url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "4189d3c2-8882-4871-a3c2-d380272eed83", status: "creating" });
  });

  it("survives request contents that Prism's log pipe cannot repair (regression)", async () => {
    const tricky = { ...endpointRequest, routetables: ['}a[:'] };
    const first = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Auth-Token": "token" },
      body: JSON.stringify(tricky),
    });
    expect(first.status).toBe(200);
    expect((await createEndpoint(mock.url)).status).toBe(200);
  });

  it("survives a request it refuses whose contents Prism's CLI could not log (regression)", async () => {
    const refused = await fetch(`${mock.url}/v1/${projectId}/nowhere`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Auth-Token": "token" },
      body: JSON.stringify({ routetables: ["}a[:"] }),
    });
    expect(refused.status).toBe(404);
    expect((await createEndpoint(mock.url)).status).toBe(200);
  });

  it("answers an unknown example name with the service's 400, naming the valid ones", async () => {
    const response = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints/e1`, { headers: { "X-Auth-Token": "token", Prefer: "example=Gone" } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error_code: string; error_msg: string };
    expect(body.error_code).toBe("EndPoint.0002");
    expect(body.error_msg).toMatch(/^Parameter error\. Prefer example=Gone: the 200 response of getEndpoint has no such example; valid: "EndpointAccepted", /);
  });

  it("answers the example named in Prefer", async () => {
    const response = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints/e1`, {
      headers: { "X-Auth-Token": "token", Prefer: "example=EndpointRejected" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "rejected" });
  });

  it("answers a status the operation does not document with the service's 400, naming the documented ones", async () => {
    const response = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints/e1`, { headers: { "X-Auth-Token": "token", Prefer: "code=418" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_msg: string }).error_msg).toMatch(/^Parameter error\. Prefer code=418: getEndpoint documents no such status; valid: "200", "400", /);
  });

  it("answers a status asked for within a documented range (5XX) with that range's first example", async () => {
    const response = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints/e1`, { headers: { "X-Auth-Token": "token", Prefer: "code=503" } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error_code: "EndPoint.0001" });
  });

  it("generates a body from the schema with Prefer: dynamic=true (faker, English, is in the server's bundle)", async () => {
    const response = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints/e1`, { headers: { "X-Auth-Token": "token", Prefer: "dynamic=true" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: unknown };
    expect(typeof body.id).toBe("string");
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("answers an invalid request with the service's 400 naming the field and the rule, as sl-violations lists them", async () => {
    const response = await fetch(`${mock.url}/v1/${projectId}/vpc-endpoints`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Auth-Token": "token" },
      body: JSON.stringify({ vpc_id: "v" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error_code: "EndPoint.0002",
      error_msg: "Parameter error. request.body Request body must have required property 'endpoint_service_id'.",
    });
    expect(JSON.parse(response.headers.get("sl-violations") ?? "null")).toEqual([
      { location: ["request", "body"], severity: "Error", code: "required", message: "Request body must have required property 'endpoint_service_id'" },
    ]);
  });

  it("answers 401 with the error body when no credentials are sent", async () => {
    const response = await createEndpoint(mock.url, {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error_code: "EndPoint.0003",
      error_msg: "Authentication failed or authentication information is invalid.",
    });
  });
});

describe("startMock lifecycle", () => {
  it("stops Prism so that the port refuses connections, and stop can be repeated", async () => {
    const mock = await startMock();
    await mock.stop();
    await mock.stop();
    await expect(createEndpoint(mock.url)).rejects.toThrow();
  });

  it("passes Prism's warnings to onLog, but no requests unless verbose", async () => {
    const lines: string[] = [];
    const mock = await startMock({ onLog: (line) => lines.push(line) });
    await createEndpoint(mock.url, {});
    await expect.poll(() => lines.some((line) => line.startsWith("warn "))).toBe(true);
    await mock.stop();
    expect(lines.filter((line) => line.includes("Request received"))).toEqual([]);
  });

  it("passes Prism's log lines to onLog, every request with verbose", async () => {
    const lines: string[] = [];
    const mock = await startMock({ verbose: true, onLog: (line) => lines.push(line) });
    await createEndpoint(mock.url);
    await expect.poll(() => lines.some((line) => line.includes("Request received"))).toBe(true);
    await mock.stop();
  });
});

describe("startMock failures", () => {
  let blocker: Server;
  let takenPort: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    takenPort = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it("rejects a taken port with EADDRINUSE", async () => {
    const error = await rejectionOf(startMock({ port: takenPort }));
    expect(error.code).toBe("EADDRINUSE");
    expect(error.message).toContain(`127.0.0.1:${takenPort}`);
  });

  it.each([0, 70_000, 1.5, Number.NaN])("rejects the port %s, naming the option", async (port) => {
    const error = await rejectionOf(startMock({ port }));
    expect(error.message).toContain('Invalid mock option "port": must be an integer from 1 to 65535');
  });

  it("rejects a startup timeout that is not a positive integer", async () => {
    const error = await rejectionOf(startMock({ startupTimeoutMs: -1 }));
    expect(error.message).toContain('Invalid mock option "startupTimeoutMs"');
  });

  it("does not take another program listening on its port for Prism: the server reports EADDRINUSE itself", async () => {
    const settings = { spec: bundledSpecPath(), host: "127.0.0.1", port: takenPort, level: "warn", upstreamTimeoutMs: 0 } as const;
    const error = await rejectionOf(startPrism(settings, () => {}, 30_000).ready);
    expect(error.code).toBe("EADDRINUSE");
    expect(error.message).toBe(`Cannot listen on 127.0.0.1:${takenPort}: EADDRINUSE`);
  });

  it("names the address it waited for when Prism is too slow to start", async () => {
    const error = await rejectionOf(startMock({ startupTimeoutMs: 1 }));
    expect(error.message).toBe("Prism did not start listening on 127.0.0.1 (any free port) within 1 ms.");
  });

  it("reports Prism's own words when the spec file does not exist", async () => {
    const error = await rejectionOf(startMock({ spec: "/nonexistent/openapi.json" }));
    expect(error.message).toContain("Prism exited before listening");
    expect(error.message).toContain("/nonexistent/openapi.json");
    expect(error.code).toBeUndefined();
  });
});
