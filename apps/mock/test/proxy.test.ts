import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockError, startMock, startProxy, type RunningMock } from "../src/index.js";
import { rawRequest } from "./support/raw-http.js";

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const headers = { "content-type": "application/json", "X-Auth-Token": "token" };

describe("startProxy, with the mock standing in for the real API", () => {
  const upstreamRequests: string[] = [];
  let upstream: RunningMock;
  let proxy: RunningMock;

  beforeAll(async () => {
    upstream = await startMock({ verbose: true, onLog: (line) => line.includes("Request received") && upstreamRequests.push(line) });
    proxy = await startProxy({ upstream: upstream.url });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  it("forwards a valid request and returns the upstream's answer", async () => {
    const before = upstreamRequests.length;
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints`, {
      method: "POST",
      headers,
      body: JSON.stringify({ vpc_id: "v", endpoint_service_id: "s" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "4189d3c2-8882-4871-a3c2-d380272eed83", status: "creating" });
    await expect.poll(() => upstreamRequests.length).toBe(before + 1);
  });

  it("refuses an invalid request with the mock's 400 body, the violation in its message, without forwarding it", async () => {
    const before = upstreamRequests.length;
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints`, {
      method: "POST",
      headers,
      body: JSON.stringify({ vpc_id: "v" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error_code: "EndPoint.0002",
      error_msg: "Parameter error. request.body Request body must have required property 'endpoint_service_id'.",
    });
    expect(upstreamRequests.length).toBe(before);
  });

  it("lists the violations of a refused request in sl-violations, as the mock does", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints`, { method: "POST", headers, body: JSON.stringify({ vpc_id: "v" }) });
    expect(JSON.parse(response.headers.get("sl-violations") ?? "null")).toEqual([
      { location: ["request", "body"], severity: "Error", code: "required", message: "Request body must have required property 'endpoint_service_id'" },
    ]);
  });

  it("refuses a request without credentials with the service's 401 body", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/quotas`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error_code: "EndPoint.0003",
      error_msg: "Authentication failed or authentication information is invalid.",
    });
  });
});

describe("startProxy in front of an API that breaks the spec", () => {
  let liar: Server;
  let proxy: RunningMock;

  beforeAll(async () => {
    // A stand-in for a live API whose answers have drifted from the description.
    liar = createServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: 5, status: 42 }));
    });
    await new Promise<void>((resolve) => liar.listen(0, "127.0.0.1", resolve));
    const { port } = liar.address() as { port: number };
    proxy = await startProxy({ upstream: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await proxy.stop();
    await new Promise((resolve) => liar.close(resolve));
  });

  it("reports each response violation in sl-violations and answers 500", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints/e1`, { headers });
    expect(response.status).toBe(500);
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { location: string[] }[];
    const places = new Set(violations.map((violation) => violation.location.join(".")));
    expect([...places]).toEqual(["response.body.id", "response.body.status"]);
  });
});

describe("startProxy in front of an API that sends a marker_id above 2^53", () => {
  let upstream: Awaited<ReturnType<typeof listen>>;
  let proxy: RunningMock;
  // The reference's own example: more than a JavaScript number holds exactly, a valid int64.
  const body = '{"id":"4189d3c2-8882-4871-a3c2-d380272eed83","status":"accepted","marker_id":422321321312321321}';

  beforeAll(async () => {
    upstream = await listen("127.0.0.1", (_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(body);
    });
    proxy = await startProxy({ upstream: upstream.url });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
  });

  it("passes it on as the upstream wrote it, without a violation", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints/4189d3c2-8882-4871-a3c2-d380272eed83`, { headers });
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"marker_id":422321321312321321');
  });
});

/** A stand-in upstream on a loopback address, recording the requests it gets. */
async function listen(host: string, answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("startProxy in front of an upstream that redirects", () => {
  let thirdHost: Awaited<ReturnType<typeof listen>>;
  let upstream: Awaited<ReturnType<typeof listen>>;
  let proxy: RunningMock;

  beforeAll(async () => {
    // Another origin (another loopback address), where the caller's token must never go.
    thirdHost = await listen("127.0.0.2", (_, response) => response.end("{}"));
    upstream = await listen("127.0.0.1", (request, response) => {
      response.writeHead(307, { location: `${thirdHost.url}${request.url ?? "/"}` });
      response.end();
    });
    proxy = await startProxy({ upstream: upstream.url });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
    await thirdHost.close();
  });

  it("passes the redirect back to the caller, Location and all", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/quotas`, { headers, redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${thirdHost.url}/v1/${projectId}/quotas`);
  });

  it("does not follow it: the other host never gets the request or the token", async () => {
    await fetch(`${proxy.url}/v1/${projectId}/quotas`, { headers, redirect: "manual" });
    expect(upstream.requests.length).toBeGreaterThan(0);
    expect(upstream.requests.every((request) => request.headers["x-auth-token"] === "token")).toBe(true);
    expect(thirdHost.requests).toEqual([]);
  });
});

describe("startProxy and a request target naming another host", () => {
  let thirdHost: Awaited<ReturnType<typeof listen>>;
  let upstream: Awaited<ReturnType<typeof listen>>;
  let proxy: RunningMock;

  beforeAll(async () => {
    thirdHost = await listen("127.0.0.2", (_, response) => response.end("{}"));
    upstream = await listen("127.0.0.1", (_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ quotas: { resources: [] } }));
    });
    proxy = await startProxy({ upstream: upstream.url });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
    await thirdHost.close();
  });

  it("refuses `//host/path` with the service's 400 and sends it neither to the upstream nor to that host", async () => {
    const { host } = new URL(thirdHost.url);
    const answer = await rawRequest(proxy.url, `GET //${host}/v1/${projectId}/quotas HTTP/1.1\r\nX-Auth-Token: token`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error_code: "EndPoint.0002" });
    expect(upstream.requests).toEqual([]);
    expect(thirdHost.requests).toEqual([]);
  });
});

describe("startProxy and the mock's controls", () => {
  let upstream: Awaited<ReturnType<typeof listen>>;
  let proxy: RunningMock;

  beforeAll(async () => {
    upstream = await listen("127.0.0.1", (_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ endpoints: [], total_count: 0 }));
    });
    proxy = await startProxy({ upstream: upstream.url });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
  });

  it("does not pass the mock's query parameters (__server, __code, __example, __dynamic, __seed) on to the real API, and the others as sent", async () => {
    const controls = "__server=https%3A%2F%2Fvpcep.eu-de.otc.t-systems.com&__code=200&__example=EndpointPage&__dynamic=false&__seed=1";
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints?limit=10&${controls}&endpoint_service_name=a%20b`, { headers });
    expect(response.status).toBe(200);
    expect(upstream.requests.map((request) => request.url)).toEqual([`/v1/${projectId}/vpc-endpoints?limit=10&endpoint_service_name=a%20b`]);
  });

  it("passes Accept on as sent, though the mock's own checks do not read it", async () => {
    const accept = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2";
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints`, { headers: { ...headers, accept } });
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.headers["accept"]).toBe(accept);
  });
});

describe("startProxy in front of an upstream that does not answer", () => {
  let silent: Awaited<ReturnType<typeof listen>>;
  let proxy: RunningMock;

  beforeAll(async () => {
    silent = await listen("127.0.0.1", () => {});
    proxy = await startProxy({ upstream: silent.url, upstreamTimeoutMs: 200 });
  });
  afterAll(async () => {
    await proxy.stop();
    await silent.close();
  });

  it("answers 504 with the service's timeout body once upstreamTimeoutMs has passed", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/quotas`, { headers });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ error_code: "EndPoint.0013", error_msg: "The request timed out." });
    expect(silent.requests).toHaveLength(1);
  });
});

describe("startProxy in front of an upstream that stops halfway through its answer", () => {
  let stalling: Awaited<ReturnType<typeof listen>>;
  let proxy: RunningMock;

  beforeAll(async () => {
    stalling = await listen("127.0.0.1", (_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"quotas":');
    });
    proxy = await startProxy({ upstream: stalling.url, upstreamTimeoutMs: 200 });
  });
  afterAll(async () => {
    await proxy.stop();
    await stalling.close();
  });

  it("answers 504 with the service's timeout body too", async () => {
    const response = await fetch(`${proxy.url}/v1/${projectId}/quotas`, { headers });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ error_code: "EndPoint.0013", error_msg: "The request timed out." });
  });
});

describe("startProxy in front of an upstream that cannot be reached", () => {
  it("answers 502 with the service's system error body", async () => {
    const gone = await listen("127.0.0.1", () => {});
    await gone.close();
    const proxy = await startProxy({ upstream: gone.url });
    try {
      const response = await fetch(`${proxy.url}/v1/${projectId}/quotas`, { headers });
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ error_code: "EndPoint.0001", error_msg: "System error. Please retry." });
    } finally {
      await proxy.stop();
    }
  });
});

describe("startProxy options", () => {
  it.each(["not a url", "ftp://example.test"])("refuses the upstream %s", async (upstream) => {
    await expect(startProxy({ upstream })).rejects.toThrow(MockError);
    await expect(startProxy({ upstream })).rejects.toThrow('Invalid proxy option "upstream"');
  });

  it("refuses an upstream with credentials in it, without repeating them", async () => {
    const error = await startProxy({ upstream: "https://ak:secret@vpcep.example.test" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockError);
    expect((error as MockError).message).toBe(
      'Invalid proxy option "upstream": must not contain credentials (user:password@); clients send theirs per request',
    );
  });

  it.each([0, -1, 1.5, 600_001])("refuses the upstream timeout %s, naming the option", async (upstreamTimeoutMs) => {
    await expect(startProxy({ upstream: "http://127.0.0.1:9", upstreamTimeoutMs })).rejects.toThrow(
      'Invalid proxy option "upstreamTimeoutMs": must be an integer from 1 to 600000',
    );
  });
});
