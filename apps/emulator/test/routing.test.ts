import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { HANDLERS } from "../src/rules/index.js";
import { loadSpec } from "../src/spec.js";
import { apiOf, expectError, PROJECT, startTestEmulator } from "./support/emulator.js";

/** Writes `text` on a new connection and resolves with everything the emulator sends until it closes the connection. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let reply = "";
    socket.on("data", (chunk) => (reply += chunk.toString()));
    socket.on("close", () => resolve(reply));
    socket.on("error", reject);
  });
}

describe("routing from the spec", () => {
  it("has the rules of every operation of the bundled spec", () => {
    const operationIds = loadSpec().operations.map((operation) => operation.operationId).sort();
    expect(operationIds.filter((id) => HANDLERS[id] === undefined)).toEqual([]);
    expect(Object.keys(HANDLERS).sort()).toEqual(operationIds);
  });

  it("answers an unknown path with 404 and the service's error body", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.get("/v1/p/no-such-thing/at/all");
    expectError(answer, 404, "EndPoint.0005");
    expect(answer.body["error_msg"]).toContain("no operation of the VPCEP API at GET /v1/p/no-such-thing/at/all");
  });

  it("answers a path of the API with another method with 405 and Allow", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.call("PATCH", "vpc-endpoints/e1");
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("DELETE, GET");
    expect(answer.body["error_code"]).toBe("EndPoint.0002");
  });

  it("routes the literal /vpc-endpoint-services/public before /vpc-endpoint-services/{id}", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.get("vpc-endpoint-services/public");
    expect(answer.status).toBe(200);
    expect(answer.body["total_count"]).toBe(3);
  });

  it("routes /vpc-endpoints/{id} before /{resource_type}/tags", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("vpc-endpoints/tags"), 404, "EndPoint.2006");
  });

  it("takes a trailing slash as the same path", async () => {
    const api = apiOf(await startTestEmulator());
    expect((await api.get("quotas/")).status).toBe(200);
  });

  it("answers a single unknown segment with 404, not as a version", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("/favicon.ico"), 404, "EndPoint.0005");
  });

  it("routes an absolute-form request target (RFC 9112 3.2.2) by its path and query", async () => {
    const emulator = await startTestEmulator();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(emulator.port, "127.0.0.1", () =>
        socket.write(`GET http://127.0.0.1:${emulator.port}/v1/p/vpc-endpoint-services?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\nConnection: close\r\n\r\n`),
      );
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('"endpoint_services":[]');
  });

  it.each(["ftp://x/", "http://user@x/", "http://:8080/", "http://[::1/"])("takes %s for no absolute-form target with a host, which routes nowhere", async (target) => {
    const emulator = await startTestEmulator();
    const reply = await rawExchange(emulator.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("builds the URLs it returns from an absolute-form target's scheme and authority, not from Host", async () => {
    const emulator = await startTestEmulator();
    const reply = await rawExchange(emulator.port, `GET HTTP://api.example.test:8443/ HTTP/1.1\r\nHost: 127.0.0.1:${emulator.port}\r\nConnection: close\r\n\r\n`);
    const body = JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)) as { versions: { links: { href: string }[] }[] };
    expect(body.versions.map((version) => version.links[0]!.href)).toEqual(["http://api.example.test:8443/v1", "http://api.example.test:8443/v2"]);
  });

  it("answers CONNECT with 400 EndPoint.0002 naming the method, then closes the connection", async () => {
    const emulator = await startTestEmulator();
    const reply = await rawExchange(emulator.port, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toMatch(/\r\nconnection: close\r\n/i);
    const body = JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>;
    expect(body).toEqual({ error_code: "EndPoint.0002", error_msg: expect.stringMatching(/^Parameter error: method CONNECT is not supported/) });
  });

  it("closes a CONNECT's connection after the answer even when the client keeps its side open, so that stop() ends", async () => {
    const emulator = await startEmulator({ host: "127.0.0.1", port: 0, clock: "manual" });
    const socket = connect({ port: emulator.port, host: "127.0.0.1", allowHalfOpen: true });
    try {
      // The client reads the answer to its end and keeps its own side open.
      await new Promise<void>((resolve, reject) => {
        socket.on("connect", () => socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
        socket.on("end", () => resolve());
        socket.on("error", reject);
        socket.resume();
      });
      await emulator.stop();
    } finally {
      socket.destroy();
    }
  });

  it("keeps serving when an onResponse callback throws on a CONNECT's answer, and logs it", async () => {
    const logs: string[] = [];
    const emulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      clock: "manual",
      onResponse: () => {
        throw new Error("listener bug");
      },
      onLog: (line) => logs.push(line),
    });
    try {
      expect(await rawExchange(emulator.port, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
      expect((await fetch(`${emulator.url}/v1/${PROJECT}/quotas`, { headers: { "X-Auth-Token": "t" } })).status).toBe(200);
      expect(logs.some((line) => line.includes("listener bug"))).toBe(true);
    } finally {
      await emulator.stop();
    }
  });

  it("answers malformed HTTP with 400 and keeps serving", async () => {
    const emulator = await startTestEmulator();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(emulator.port, "127.0.0.1", () => socket.write("GARBAGE \u0000 HTTP/9\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await apiOf(emulator).get("quotas")).status).toBe(200);
  });

  it("survives a run of hostile requests and answers each with an error, never dying", async () => {
    const emulator = await startTestEmulator({ maxBodyBytes: 256 * 1024 });
    const api = apiOf(emulator);
    const deep = "[".repeat(50_000) + "]".repeat(50_000);
    const answers = await Promise.all([
      api.call("POST", "vpc-endpoints", deep, { "content-type": "application/json" }),
      // Raw bytes, not a string (fetch would send a string as valid UTF-8).
      fetch(`${emulator.url}/v1/p/vpc-endpoints`, { method: "POST", headers: { "x-auth-token": "t", "content-type": "application/json" }, body: Buffer.from([0xff, 0xfe, 0x7b, 0x00]) }),
      api.call("POST", "vpc-endpoints", "null", { "content-type": "application/json" }),
      api.call("POST", "vpc-endpoint-services/x/connections/action", "[]", { "content-type": "application/json" }),
      api.get("vpc-endpoints/%"),
      api.get("vpc-endpoints?%=%"),
      api.get(`vpc-endpoints?limit=${"9".repeat(400)}`),
      api.get(`${"a/".repeat(2000)}b`),
      api.call("POST", "endpoint/resource_instances/action", { action: "filter", tags: [{ key: "k", values: ["a", "a"] }] }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 404, 400]);
    expect((await api.get("quotas")).status).toBe(200);
  });
});
