// A hostile client's requests: each gets the service's 400 (EndPoint.0002, naming the field
// and the rule), and the mock and the proxy answer normally afterwards. Before issue 13 the
// first of them (`%FF` in a path parameter) ended Prism's process.
import { specModel } from "@otc-vpcep/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledSpecPath, startMock, startProxy, type RunningMock } from "../src/index.js";
import { startPrism, stopPrism } from "../src/prism.js";
import { answerOf, openSocket, rawRequest, type RawAnswer } from "./support/raw-http.js";

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const token = "X-Auth-Token: hostile-test";
const json = "Content-Type: application/json";
const BAD_ESCAPES = ["%FF", "%", "%E0%A4%A"];

const operations = specModel().operations();

/** Every path parameter of every path, broken by each bad escape, the other parameters valid. */
const pathCases = [...new Set(operations.map((operation) => `${operation.method} ${operation.path}`))].flatMap((key) => {
  const [method = "get", path = "/"] = key.split(" ");
  const params = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? "");
  return params.flatMap((param) =>
    BAD_ESCAPES.map((escape) => ({
      param,
      escape,
      method: method.toUpperCase(),
      target: path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === param ? escape : name === "project_id" ? projectId : "x1")),
    })),
  );
});

/** Every query parameter of every operation, its value broken. */
const queryCases = operations.flatMap((operation) =>
  operation.parameters
    .filter((parameter) => parameter.in === "query")
    .map((parameter) => ({
      name: parameter.name,
      target: `${operation.path.replace(/\{project_id\}/, projectId).replace(/\{[^}]+\}/g, "x1")}?${parameter.name}=%FF`,
    })),
);

const INVALID_UTF8: [string, number[]][] = [
  ["a lone 0xFF byte", [0xff]],
  ["an overlong encoding of /", [0xc0, 0xaf]],
  ["an encoded UTF-16 surrogate", [0xed, 0xa0, 0x80]],
  ["a sequence cut short", [0xe2, 0x82]],
];

function serviceError(answer: RawAnswer): { error_code: string; error_msg: string } {
  return JSON.parse(answer.body) as { error_code: string; error_msg: string };
}

const createPath = `/v1/${projectId}/vpc-endpoints`;
const validBody = JSON.stringify({ vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4", endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a" });

async function answersNormally(url: string): Promise<number> {
  const response = await fetch(`${url}${createPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Auth-Token": "t" },
    body: validBody,
  });
  return response.status;
}

describe("the hostile corpus", () => {
  let mock: RunningMock;
  let proxy: RunningMock;
  const exited: string[] = [];

  beforeAll(async () => {
    mock = await startMock();
    proxy = await startProxy({ upstream: mock.url });
    void mock.exited.then(() => exited.push("mock"));
    void proxy.exited.then(() => exited.push("proxy"));
  });
  afterAll(async () => {
    await proxy?.stop();
    await mock?.stop();
  });

  const targets = [
    { name: "startMock()", url: () => mock.url },
    { name: "startProxy()", url: () => proxy.url },
  ];

  describe.each(targets)("sent to $name", ({ url }) => {
    it.each(pathCases)("refuses $escape in path parameter $param of $method $target, naming it", async ({ param, method, target }) => {
      const answer = await rawRequest(url(), `${method} ${target} HTTP/1.1\r\n${token}`);
      expect(answer.status).toBe(400);
      const body = serviceError(answer);
      expect(body.error_code).toBe("EndPoint.0002");
      expect(body.error_msg).toContain(`path parameter "${param}"`);
      expect(body.error_msg).toContain("must be percent-encoded UTF-8");
    });

    it.each(queryCases)("refuses %FF in query parameter $name ($target), naming it", async ({ name, target }) => {
      const answer = await rawRequest(url(), `GET ${target} HTTP/1.1\r\n${token}`);
      expect(answer.status).toBe(400);
      expect(serviceError(answer).error_msg).toContain(`query parameter "${name}" ("%FF") must be percent-encoded UTF-8`);
    });

    it("refuses a query parameter name that does not decode", async () => {
      const answer = await rawRequest(url(), `GET ${createPath}?%E0%A4%A=1 HTTP/1.1\r\n${token}`);
      expect(answer.status).toBe(400);
      expect(serviceError(answer).error_msg).toContain('query parameter name "%E0%A4%A" must be percent-encoded UTF-8');
    });

    it.each(INVALID_UTF8)("refuses a JSON body with %s, as not UTF-8", async (_, bytes) => {
      const body = Buffer.concat([Buffer.from('{"vpc_id":"'), Buffer.from(bytes), Buffer.from('","endpoint_service_id":"s"}')]);
      const answer = await rawRequest(url(), `POST ${createPath} HTTP/1.1\r\n${token}\r\n${json}`, body);
      expect(answer.status).toBe(400);
      expect(serviceError(answer)).toEqual({ error_code: "EndPoint.0002", error_msg: "Parameter error. body must be valid UTF-8." });
    });

    it.each([
      ["arrays", "[".repeat(100_000) + "]".repeat(100_000)],
      ["objects", '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000)],
    ])("refuses JSON %s nested 100,000 levels deep", async (_, body) => {
      const answer = await rawRequest(url(), `POST ${createPath} HTTP/1.1\r\n${token}\r\n${json}`, body);
      expect(answer.status).toBe(400);
      expect(serviceError(answer).error_msg).toBe(
        "Parameter error. body must not nest arrays and objects deeper than 64 levels; it nests 100000.",
      );
    });

    it("refuses a body that is not JSON, saying why", async () => {
      const answer = await rawRequest(url(), `POST ${createPath} HTTP/1.1\r\n${token}\r\n${json}`, '{"vpc_id":');
      expect(answer.status).toBe(400);
      expect(serviceError(answer).error_msg).toMatch(/^Parameter error\. body must be valid JSON: /);
    });

    it("refuses headers larger than 16 KiB", async () => {
      const answer = await rawRequest(url(), `GET ${createPath} HTTP/1.1\r\n${token}\r\nX-Padding: ${"a".repeat(64 * 1024)}`);
      expect(answer.status).toBe(400);
      expect(serviceError(answer)).toEqual({ error_code: "EndPoint.0002", error_msg: "Parameter error. headers must be at most 16 KiB together." });
    });

    it("refuses a request that is not HTTP", async () => {
      const socket = await openSocket(url());
      const answer = answerOf(socket);
      socket.write("\x00\x01 HELLO\r\n\r\n");
      const { status, body } = await answer;
      expect(status).toBe(400);
      expect(JSON.parse(body)).toMatchObject({ error_code: "EndPoint.0002" });
    });

    it.each([
      "*",
      "a",
      ";",
      ",",
      "*/*;q=x",
      "*/*;q=0",
      "application/json;q=0",
      "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
    ])("answers JSON whatever Accept says, as the service does: %s", async (accept) => {
      const answer = await rawRequest(url(), `GET /v1/${projectId}/quotas HTTP/1.1\r\n${token}\r\nAccept: ${accept}`);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty("quotas");
    });

    it.each(["", "Accept: text/html\r\n", "Accept: */*\r\n"])("answers a delete with a 204 without a content type, whatever Accept says (%j)", async (accept) => {
      const answer = await rawRequest(url(), `DELETE /v1/${projectId}/vpc-endpoints/705290f3-0d00-41f2-aedc-71f09844e879 HTTP/1.1\r\n${accept}${token}`);
      expect(answer.status).toBe(204);
      expect(answer.headers.toLowerCase()).not.toContain("content-type");
    });

    it.each(["/", ";;;", "application/", "application/json;charset"])("refuses the header Content-Type: %s on a POST, naming it and the rule", async (type) => {
      const answer = await rawRequest(url(), `POST ${createPath} HTTP/1.1\r\n${token}\r\nContent-Type: ${type}`, validBody);
      expect(answer.status).toBe(400);
      expect(serviceError(answer)).toEqual({
        error_code: "EndPoint.0002",
        error_msg: `Parameter error. header "Content-Type" (${JSON.stringify(type)}) must be a media type: type/subtype (e.g. application/json), each parameter after it name=value.`,
      });
    });

    it.each(["//", "///", "//[", "//a%20b/v1", `//127.0.0.2/v1/${projectId}/quotas`])("refuses the request target %s, which is no path", async (target) => {
      const answer = await rawRequest(url(), `GET ${target} HTTP/1.1\r\n${token}`);
      expect(answer.status).toBe(400);
      expect(serviceError(answer)).toEqual({
        error_code: "EndPoint.0002",
        error_msg: `Parameter error. request target (${JSON.stringify(target)}) must be a path that starts with a single "/" (origin-form, e.g. /v1/{project_id}/vpc-endpoints).`,
      });
    });

    it.each(["http://127.0.0.1", "HTTP://vpcep.example"])("routes an absolute-form request target (%s/...) by its path and query, as RFC 9112 asks", async (origin) => {
      const answer = await rawRequest(url(), `GET ${origin}/v1/${projectId}/quotas?type=endpoint HTTP/1.1\r\n${token}`);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty("quotas");
    });

    it("refuses CONNECT with the service's 400, as no tunnel is opened", async () => {
      const answer = await rawRequest(url(), "CONNECT 127.0.0.1:1 HTTP/1.1");
      expect(answer.status).toBe(400);
      expect(serviceError(answer)).toEqual({
        error_code: "EndPoint.0002",
        error_msg: "Parameter error. method CONNECT is not supported: this server answers the API's methods (GET, HEAD, POST, PUT, DELETE, OPTIONS), it opens no tunnels.",
      });
    });

    it("refuses a property name with control characters and still lists it in sl-violations", async () => {
      const body = JSON.stringify({ vpc_id: "v", endpoint_service_id: "s", "\u0000\u00e9\u2028": 1 });
      const answer = await rawRequest(url(), `POST ${createPath} HTTP/1.1\r\n${token}\r\n${json}`, Buffer.from(body, "utf8"));
      expect(answer.status).toBe(400);
      const header = /^sl-violations: (.*)$/im.exec(answer.headers)?.[1] ?? "";
      expect(JSON.stringify(JSON.parse(header))).toContain("\\u0000\u00e9\u2028");
    });

    it("answers normally while twenty clients hold connections with headers they never finish (slowloris)", async () => {
      const slow = await Promise.all(Array.from({ length: 20 }, () => openSocket(url())));
      for (const socket of slow) socket.write(`GET ${createPath} HTTP/1.1\r\nHost: x\r\nX-Slow: `);
      try {
        expect(await answersNormally(url())).toBe(200);
      } finally {
        for (const socket of slow) socket.destroy();
      }
    });

    it("still answers normally after the whole corpus", async () => {
      expect(await answersNormally(url())).toBe(200);
      expect(exited).toEqual([]);
    });
  });
});

describe("slow headers", () => {
  it("are cut off after the headers timeout with the service's timeout body", async () => {
    const settings = { spec: bundledSpecPath(), host: "127.0.0.1", port: 0, level: "warn", upstreamTimeoutMs: 0, limits: { headersTimeoutMs: 300 } } as const;
    const { child, ready } = startPrism(settings, () => {}, 30_000);
    try {
      const { url } = await ready;
      const socket = await openSocket(url);
      const answer = answerOf(socket);
      socket.write(`GET ${createPath} HTTP/1.1\r\nHost: x\r\nX-Slow: a`);
      const { status, body } = await answer;
      expect(status).toBe(408);
      expect(JSON.parse(body)).toEqual({ error_code: "EndPoint.0013", error_msg: "The request timed out." });
      expect(await answersNormally(url)).toBe(200);
    } finally {
      await stopPrism(child);
    }
  });
});
