import { specModel } from "@otc-vpcep/spec-model";
import { describe, expect, it } from "vitest";
import { VpcepNetworkError, VpcepResponseError } from "../src/errors.js";
import { Call, CallRequest } from "../src/transport/call.js";
import { documentsNoSuccessBody, readBody, ReadResponse } from "../src/transport/response-body.js";
import { scriptedClient } from "./scripted-fetch.js";

const url = "https://vpcep.test/v1/p1/vpc-endpoints/e1";

async function attemptFor(request: Request) {
  const call = await Call.start(request, Number.POSITIVE_INFINITY);
  return { call, number: 1, request: call.nextRequest(), signal: new AbortController().signal };
}

async function read(answer: Response, request: Request = new CallRequest(url)): Promise<ReadResponse> {
  return readBody(answer, await attemptFor(request));
}

const jsonAnswer = (text: string, init: ResponseInit = {}) => new Response(text, { status: 200, headers: { "content-type": "application/json" }, ...init });

describe("readBody", () => {
  it("delivers an ordinary Response: text, blob, the body stream and clone all work", async () => {
    const response = await read(jsonAnswer('{"id":"e1"}'));
    expect(await response.clone().text()).toBe('{"id":"e1"}');
    expect(await new Response(response.clone().body).json()).toEqual({ id: "e1" });
    expect(await response.blob().then((blob) => blob.size)).toBe(11);
  });

  it.each(["text", "json", "arrayBuffer", "bytes", "blob"] as const)("lets %s() read the body once, as any Response does", async (method) => {
    const response = await read(jsonAnswer('{"id":"e1"}'));
    await response[method]();
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it("counts the body as used once its stream has been read", async () => {
    const response = await read(jsonAnswer('{"id":"e1"}'));
    expect(await new Response(response.body).text()).toBe('{"id":"e1"}');
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
  });

  it("has no body stream for an empty body, which can be read again, as a null body can", async () => {
    const response = await read(new Response(null, { status: 204 }));
    expect([response.body, await response.text(), await response.text(), response.bodyUsed]).toEqual([null, "", "", false]);
    expect(response.clone().status).toBe(204);
  });

  it("gives a blob the body's content type", async () => {
    const response = await read(jsonAnswer('{"id":"e1"}'));
    expect((await response.blob()).type).toBe("application/json");
  });

  it("hands a clone a value of its own: a middleware changing what it read leaves the caller's alone", async () => {
    const response = await read(jsonAnswer('{"status":"accepted"}'));
    const copy = (await response.clone().json()) as { status: string };
    copy.status = "changed";
    expect(await response.json()).toEqual({ status: "accepted" });
  });

  it("hands a clone headers of its own: a middleware changing the clone's leaves the caller's alone", async () => {
    const response = await read(jsonAnswer('{"id":"e1"}', { headers: { "content-type": "application/json", "content-length": "11" } }));
    const copy = response.clone();
    copy.headers.set("x-changed", "yes");
    expect([copy.headers.get("x-changed"), response.headers.get("x-changed")]).toEqual(["yes", null]);
  });

  it("states the length of what it delivers when a byte-order mark was dropped and an int64 field quoted", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"marker_id":1}')]);
    const response = await read(new Response(bytes, { headers: { "content-type": "application/json" } }));
    const delivered = new Uint8Array(await response.clone().arrayBuffer());
    expect(response.headers.get("content-length")).toBe(String(delivered.byteLength));
    expect(await response.text()).toBe('{"marker_id":"1"}');
  });

  it("answers json() with the value it parsed, once, and then counts the body as used", async () => {
    const response = await read(jsonAnswer('{"id":"e1"}'));
    expect(await response.json()).toEqual({ id: "e1" });
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
  });

  it("states the length of the body as read, so openapi-fetch calls json() and parses nothing again", async () => {
    const chunked = new Response(new Blob(['{"marker_id":', "1}"]).stream(), { headers: { "transfer-encoding": "chunked", "content-encoding": "gzip" } });
    const response = await read(chunked);
    expect(response.headers.get("content-length")).toBe(String('{"marker_id":"1"}'.length));
    expect(response.headers.has("transfer-encoding")).toBe(false);
    expect(response.headers.has("content-encoding")).toBe(false);
    expect(await response.text()).toBe('{"marker_id":"1"}');
  });

  it("keeps the bytes as they came, multi-byte characters included, when no int64 field is quoted", async () => {
    const response = await read(jsonAnswer('{"description":"Größe ✓ 😀"}'));
    expect(response.headers.get("content-length")).toBe(String(new TextEncoder().encode('{"description":"Größe ✓ 😀"}').byteLength));
    expect(await response.json()).toEqual({ description: "Größe ✓ 😀" });
  });

  it("keeps the status, the headers and the URL of the answer", async () => {
    const answer = jsonAnswer("{}", { status: 201, statusText: "Created", headers: { "x-request-id": "r1" } });
    Object.defineProperty(answer, "url", { value: url });
    const response = await read(answer);
    expect([response.status, response.statusText, response.headers.get("x-request-id"), response.url]).toEqual([201, "Created", "r1", url]);
  });

  it("passes an error status with any body, JSON or not", async () => {
    const response = await read(new Response("<html>Bad Gateway</html>", { status: 502 }));
    expect(await response.text()).toBe("<html>Bad Gateway</html>");
    expect(response.serviceErrorCode()).toBeUndefined();
  });

  it("reads the service's error code from either error body", async () => {
    expect((await read(new Response('{"error_code":"EndPoint.0022","error_msg":"x"}', { status: 400 }))).serviceErrorCode()).toBe("EndPoint.0022");
    expect((await read(new Response('{"error":{"code":"EndPoint.0005","message":"x"}}', { status: 400 }))).serviceErrorCode()).toBe("EndPoint.0005");
  });

  it.each(["", "   ", "{", "<html></html>"])("refuses a success body %j where the operation documents one", async (text) => {
    await expect(read(jsonAnswer(text))).rejects.toBeInstanceOf(VpcepResponseError);
  });

  it("keeps a body that is not JSON where the operation documents none, and json() answers undefined", async () => {
    const response = await read(new Response("OK", { status: 200 }), new CallRequest(url, { method: "DELETE" }));
    expect(await response.clone().text()).toBe("OK");
    expect(await response.json()).toBeUndefined();
  });

  it("accepts an empty success for a delete, and a 204 anywhere", async () => {
    expect((await read(new Response(null, { status: 200 }), new CallRequest(url, { method: "DELETE" }))).status).toBe(200);
    expect((await read(new Response(null, { status: 204 }))).status).toBe(204);
  });

  it("turns a body that breaks off into a VpcepNetworkError", async () => {
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new Error("socket hang up"));
      },
    });
    await expect(read(new Response(broken))).rejects.toBeInstanceOf(VpcepNetworkError);
  });
});

describe("a success body", () => {
  it.each(["null", "42", '"ok"', "[]"])("that is JSON but no object (%s) is a VpcepResponseError naming it", async (text) => {
    const error = await read(jsonAnswer(text)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepResponseError);
    expect((error as Error).message).toContain("JSON that is no object");
  });

  it("is documented as a JSON object by every operation that documents one, as the check above assumes", () => {
    const model = specModel();
    for (const { id } of model.operations()) {
      for (const response of model.responses(id).filter((candidate) => candidate.key.startsWith("2"))) {
        const schema = model.bodySchema(id, response.key);
        if (schema !== undefined) expect([id, response.key, (model.resolve(schema.node).node as { type?: unknown }).type]).toEqual([id, response.key, "object"]);
      }
    }
  });
});

describe("documentsNoSuccessBody", () => {
  it("names exactly the operations whose documented successes have no content", () => {
    const model = specModel();
    for (const { method, path, id } of model.operations()) {
      const successes = model.responses(id).filter((response) => response.key.startsWith("2"));
      const noBody = successes.every((response) => response.content.length === 0);
      const example = `https://vpcep.test${path.replace(/\{[^}]+\}/g, "x")}`;
      expect([method, path, documentsNoSuccessBody(method.toUpperCase(), { url: example })]).toEqual([method, path, noBody]);
    }
  });
});

describe("CallRequest and Call", () => {
  it("keep the body openapi-fetch serialised and ask fetch not to follow redirects", () => {
    const request = new CallRequest(url, { method: "POST", body: '{"a":1}', redirect: "follow" });
    expect([CallRequest.keptOf(request)?.body, request.redirect]).toEqual(['{"a":1}', "manual"]);
  });

  it("take any Request for one, as openapi-fetch asks of a middleware's new request, but keep nothing of it", async () => {
    const plain = new Request(url, { method: "POST", body: '{"b":2}' });
    expect([plain instanceof CallRequest, CallRequest.keptOf(plain)]).toEqual([true, undefined]);
    expect((await Call.start(plain, 0)).body).toEqual(new TextEncoder().encode('{"b":2}'));
  });

  it("read the body of a request they are built from, rather than assume it has none", async () => {
    const call = await Call.start(new CallRequest(new Request(url, { method: "POST", body: '{"c":3}' })), 0);
    expect(call.body).toEqual(new TextEncoder().encode('{"c":3}'));
  });

  it("send the request openapi-fetch built first, then fresh copies with the same body", async () => {
    const original = new CallRequest(url, { method: "PUT", body: '{"a":1}', headers: { "x-a": "1" } });
    const call = await Call.start(original, 0);
    expect(call.nextRequest()).toBe(original);
    await original.text();
    const copy = call.nextRequest();
    expect([copy.method, copy.redirect, copy.headers.get("x-a"), await copy.text()]).toEqual(["PUT", "manual", "1", '{"a":1}']);
  });

  it("read a request the client did not build once, and copy it for every send", async () => {
    const foreign = new Request(url, { method: "POST", body: '{"b":2}' });
    const call = await Call.start(foreign, 0);
    const first = call.nextRequest();
    expect(first).not.toBe(foreign);
    expect([first.redirect, await first.text(), await call.nextRequest().text()]).toEqual(["manual", '{"b":2}', '{"b":2}']);
  });
});

describe("openapi-fetch's generic methods over read responses", () => {
  const path = "/vpc-endpoints/{vpc_endpoint_id}" as const;
  const params = { params: { path: { vpc_endpoint_id: "e1" } } };
  const answer = () => new Response('{"id":"e1","marker_id":1}', { headers: { "content-type": "application/json" } });

  it.each([
    ["text", '{"id":"e1","marker_id":"1"}'],
    ["blob", '{"id":"e1","marker_id":"1"}'],
    ["arrayBuffer", '{"id":"e1","marker_id":"1"}'],
    ["stream", '{"id":"e1","marker_id":"1"}'],
  ] as const)("deliver the body with parseAs %j", async (parseAs, expected) => {
    const { vpcep } = scriptedClient([answer]);
    const { data } = await vpcep.GET(path, { ...params, parseAs });
    const text = typeof data === "string" ? data : await new Response(data as BodyInit).text();
    expect(text).toBe(expected);
  });

  it("let a middleware clone the response and read the copy", async () => {
    const { vpcep } = scriptedClient([answer]);
    const seen: unknown[] = [];
    vpcep.use({ onResponse: async ({ response }) => void seen.push(await response.clone().json()) });
    const { data } = await vpcep.GET(path, params);
    expect(seen).toEqual([{ id: "e1", marker_id: "1" }]);
    expect(data).toEqual({ id: "e1", marker_id: "1" });
  });
});
