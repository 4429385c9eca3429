import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockError, startMock, startProxy, type RunningMock } from "../src/index.js";

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

  it("refuses an invalid request with 422 and the violation, without forwarding it", async () => {
    const before = upstreamRequests.length;
    const response = await fetch(`${proxy.url}/v1/${projectId}/vpc-endpoints`, {
      method: "POST",
      headers,
      body: JSON.stringify({ vpc_id: "v" }),
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("endpoint_service_id");
    expect(upstreamRequests.length).toBe(before);
  });
});

describe("startProxy in front of an API that breaks the spec", () => {
  let liar: Server;
  let proxy: RunningMock;

  beforeAll(async () => {
    // A stand-in for a live API whose answers have drifted from the description.
    liar = createServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: 5, status: "flying" }));
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
    expect(violations.map((violation) => violation.location.join("."))).toEqual(["response.body.id", "response.body.status"]);
  });
});

describe("startProxy options", () => {
  it.each(["not a url", "ftp://example.test"])("refuses the upstream %s", async (upstream) => {
    await expect(startProxy({ upstream })).rejects.toThrow(MockError);
    await expect(startProxy({ upstream })).rejects.toThrow('Invalid proxy option "upstream"');
  });
});
