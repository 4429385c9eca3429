import { readFileSync } from "node:fs";
import { afterEach, describe, expect, expectTypeOf, inject, it, vi } from "vitest";
import type * as nodeHashing from "../src/auth/hashing.node.js";
import * as hashing from "../src/auth/hashing.js";
import { canonicalRequest, hashPayload, signature, signHeaders, signRequest } from "../src/auth/signing.js";
import { canonicalQuery, canonicalUri, signRequest as exported } from "../src/index.js";

interface Vector {
  title: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  canonicalRequest: string;
  authorization: string;
}
const independent = JSON.parse(readFileSync(new URL("./vectors/signing-vectors.json", import.meta.url), "utf8")) as {
  accessKey: string;
  secretKey: string;
  date: string;
  vectors: Vector[];
};
const signingDate = (sdk: string) =>
  new Date(`${sdk.slice(0, 4)}-${sdk.slice(4, 6)}-${sdk.slice(6, 8)}T${sdk.slice(9, 11)}:${sdk.slice(11, 13)}:${sdk.slice(13, 15)}Z`);

describe(`hashing in the ${inject("hashing")} project`, () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is the implementation the project names, so its alias took effect", () => {
    expect(hashing.implementation).toBe(inject("hashing"));
  });

  it("is what signing hashes with: Web Crypto is called in the web-crypto project only", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    await signRequest(new Request("https://h.example/", { method: "POST", body: "{}" }), { accessKey: "AK", secretKey: "SK" });
    expect(digest.mock.calls.length > 0).toBe(inject("hashing") === "web-crypto");
  });

  it("hashing.node.ts takes the arguments of hashing.ts and returns what its promises resolve to", () => {
    expectTypeOf<Parameters<typeof nodeHashing.sha256Hex>>().toEqualTypeOf<Parameters<typeof hashing.sha256Hex>>();
    expectTypeOf<ReturnType<typeof nodeHashing.sha256Hex>>().toEqualTypeOf<Awaited<ReturnType<typeof hashing.sha256Hex>>>();
    expectTypeOf<Parameters<typeof nodeHashing.hmacSha256Hex>>().toEqualTypeOf<Parameters<typeof hashing.hmacSha256Hex>>();
    expectTypeOf<ReturnType<typeof nodeHashing.hmacSha256Hex>>().toEqualTypeOf<Awaited<ReturnType<typeof hashing.hmacSha256Hex>>>();
  });
});

describe("the official vector of the Huawei/OTC signing guide", () => {
  const request = new Request(
    "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    { headers: { "content-type": "application/json" } },
  );
  const credentials = { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" };
  const date = new Date("2019-11-15T03:36:55Z");

  it("builds the documented canonical request", async () => {
    const canonical = canonicalRequest({
      method: "GET",
      url: new URL(request.url),
      headers: new Map([
        ["content-type", "application/json"],
        ["host", "service.region.example.com"],
        ["x-sdk-date", "20191115T033655Z"],
      ]),
      payloadHash: await hashPayload(undefined),
    });
    expect(canonical).toBe(
      [
        "GET",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
        "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        "content-type:application/json",
        "host:service.region.example.com",
        "x-sdk-date:20191115T033655Z",
        "",
        "content-type;host;x-sdk-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
  });

  it("produces the documented Authorization header", async () => {
    const signed = await signRequest(request, credentials, { date });
    expect(signed.headers.get("x-sdk-date")).toBe("20191115T033655Z");
    expect(signed.headers.get("authorization")).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, " +
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });

  it("produces it with signHeaders too", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    await signHeaders({ method: "GET", url: new URL(request.url), headers, body: undefined }, credentials, { date });
    expect(headers.get("authorization")).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, " +
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });
});

describe("the vectors of huaweicloud-sdk-go-v3 signer_test.go", () => {
  // That signer signs only x-sdk-date here (it drops content-type and names with "_"),
  // so the canonical requests are built with exactly that header.
  const date = "20060102T150405Z";
  const headers = new Map([["x-sdk-date", date]]);

  it("signs a GET with a query", async () => {
    const canonical = canonicalRequest({ method: "GET", url: new URL("https://example.huaweicloud.com/path?limit=1"), headers, payloadHash: await hashPayload(undefined) });
    expect(await signature(canonical, date, "SecretKey")).toBe("5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
  });

  it("signs a POST with a JSON body, hashing its exact bytes", async () => {
    const body = new TextEncoder().encode('{"Name":"test","Id":1}\n');
    const canonical = canonicalRequest({ method: "POST", url: new URL("https://example.huaweicloud.com/path?key=value"), headers, payloadHash: await hashPayload(body) });
    expect(await signature(canonical, date, "SecretKey")).toBe("cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
  });
});

describe("vectors from an independent signer (test/vectors/reference_signer.py)", () => {
  const credentials = { accessKey: independent.accessKey, secretKey: independent.secretKey };
  const date = signingDate(independent.date);

  it.each(independent.vectors)("$title", async (vector) => {
    const request = new Request(vector.url, {
      method: vector.method,
      headers: vector.headers,
      ...(vector.body === "" ? {} : { body: vector.body }),
    });
    const signed = await signRequest(request, credentials, { date });
    expect(signed.headers.get("authorization")).toBe(vector.authorization);
  });

  it.each(independent.vectors)("$title, by signHeaders with the body as a string", async (vector) => {
    const headers = new Headers(vector.headers);
    await signHeaders({ method: vector.method, url: new URL(vector.url), headers, body: vector.body }, credentials, { date });
    expect(headers.get("authorization")).toBe(vector.authorization);
  });
});

describe("hashPayload", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it("hashes a string as its UTF-8 bytes", async () => {
    const text = '{"name":"ä名 ✓"}';
    expect(await hashPayload(text)).toBe(await hashPayload(encode(text)));
    expect(await hashPayload("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("gives the SHA-256 of no bytes for no body, an empty string and no bytes", async () => {
    const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    expect([await hashPayload(undefined), await hashPayload(""), await hashPayload(new Uint8Array())]).toEqual([empty, empty, empty]);
  });

  it("hashes the bytes a view shows, not the whole buffer behind it", async () => {
    expect(await hashPayload(encode("--abc--").subarray(2, 5))).toBe(await hashPayload("abc"));
  });
});

describe("signHeaders", () => {
  const credentials = { accessKey: "AK", secretKey: "SK" };
  const date = new Date("2024-05-06T09:12:44Z");
  const url = new URL("https://h.example/v1/p/vpc-endpoints?limit=1");
  const body = '{"vpc_id":"v"}';
  const input = (headers: HeadersInit = { "content-type": "application/json" }) => ({ method: "POST", url, headers: new Headers(headers), body });

  it("signs the headers in place, as signRequest signs the same request", async () => {
    const signing = input();
    await signHeaders(signing, credentials, { date });
    const signed = await signRequest(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body }), credentials, { date });
    expect(signing.headers.get("x-sdk-date")).toBe("20240506T091244Z");
    expect(signing.headers.get("authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(signing.headers.get("authorization")).toBe(signed.headers.get("authorization"));
  });

  it("signs with a given payloadHash instead of hashing the body, to the same signature", async () => {
    const hashed = input();
    await signHeaders(hashed, credentials, { date });
    const given = { ...input(), body: undefined };
    await signHeaders(given, credentials, { date, payloadHash: await hashPayload(body) });
    expect(given.headers.get("authorization")).toBe(hashed.headers.get("authorization"));
  });

  it("replaces an Authorization header already there, and does not sign it", async () => {
    const fresh = input();
    await signHeaders(fresh, credentials, { date });
    const withBearer = input({ "content-type": "application/json", Authorization: "Bearer x" });
    await signHeaders(withBearer, credentials, { date });
    expect(withBearer.headers.get("authorization")).toBe(fresh.headers.get("authorization"));
  });

  it("signs a retry afresh on the same headers: a new X-Sdk-Date and the signature of that date", async () => {
    const later = new Date("2024-05-06T09:20:00Z");
    const retried = input();
    await signHeaders(retried, credentials, { date });
    await signHeaders(retried, credentials, { date: later, payloadHash: await hashPayload(body) });
    const fresh = input();
    await signHeaders(fresh, credentials, { date: later });
    expect(retried.headers.get("x-sdk-date")).toBe("20240506T092000Z");
    expect([...retried.headers]).toEqual([...fresh.headers]);
  });

  it("sets and signs X-Security-Token for temporary credentials", async () => {
    const signing = input();
    await signHeaders(signing, { ...credentials, securityToken: "tmp" }, { date });
    expect(signing.headers.get("x-security-token")).toBe("tmp");
    expect(signing.headers.get("authorization")).toContain("SignedHeaders=content-type;host;x-sdk-date;x-security-token,");
  });

  it("takes an X-Sdk-Content-Sha256 header as the payload hash, as the reference signers do", async () => {
    const unsigned = input({ "x-sdk-content-sha256": "UNSIGNED-PAYLOAD" });
    await signHeaders(unsigned, credentials, { date });
    const canonical = canonicalRequest({
      method: "POST",
      url,
      headers: new Map([
        ["host", "h.example"],
        ["x-sdk-content-sha256", "UNSIGNED-PAYLOAD"],
        ["x-sdk-date", "20240506T091244Z"],
      ]),
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    expect(unsigned.headers.get("authorization")).toContain(`Signature=${await signature(canonical, "20240506T091244Z", "SK")}`);
  });
});

describe("signRequest", () => {
  const credentials = { accessKey: "AK", secretKey: "SK" };

  it("is exported from the package root", () => {
    expect(exported).toBe(signRequest);
  });

  it("always signs host and x-sdk-date", async () => {
    const signed = await signRequest(new Request("https://h.example/v1/p"), credentials);
    expect(signed.headers.get("authorization")).toContain("SignedHeaders=host;x-sdk-date,");
  });

  it("stamps the current time by default, in the basic ISO format", async () => {
    const before = Date.now();
    const signed = await signRequest(new Request("https://h.example/"), credentials);
    const stamped = signingDate(signed.headers.get("x-sdk-date") ?? "").getTime();
    expect(stamped).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });

  it("adds and signs X-Security-Token for temporary credentials", async () => {
    const signed = await signRequest(new Request("https://h.example/"), { ...credentials, securityToken: "tmp" });
    expect(signed.headers.get("x-security-token")).toBe("tmp");
    expect(signed.headers.get("authorization")).toContain("SignedHeaders=host;x-sdk-date;x-security-token,");
  });

  it("keeps the body, the method and the signal, and leaves the original untouched", async () => {
    const controller = new AbortController();
    const original = new Request("https://h.example/v1/p/vpc-endpoints", {
      method: "POST",
      body: '{"vpc_id":"v"}',
      headers: { "content-type": "application/json" },
      signal: controller.signal,
    });
    const signed = await signRequest(original, credentials);
    controller.abort();
    expect(signed.method).toBe("POST");
    expect(await signed.text()).toBe('{"vpc_id":"v"}');
    expect(signed.signal.aborted).toBe(true);
    expect(original.headers.has("authorization")).toBe(false);
    expect(await original.text()).toBe('{"vpc_id":"v"}');
  });

  it("replaces an Authorization header the request already had", async () => {
    const signed = await signRequest(new Request("https://h.example/", { headers: { Authorization: "Bearer x" } }), credentials);
    expect(signed.headers.get("authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/);
  });

  it("signs the same request differently at another time", async () => {
    const at = (iso: string) => signRequest(new Request("https://h.example/"), credentials, { date: new Date(iso) });
    const first = await at("2024-01-01T00:00:00Z");
    const second = await at("2024-01-01T00:00:01Z");
    expect(first.headers.get("authorization")).not.toBe(second.headers.get("authorization"));
  });
});

describe("canonicalUri and canonicalQuery, exported for verifiers", () => {
  it("canonicalUri encodes each segment by RFC 3986 and ends with /", () => {
    expect(canonicalUri("/v1/p/a b/%7Ex")).toBe("/v1/p/a%20b/~x/");
  });

  it("canonicalQuery sorts by name, then value, encodes by RFC 3986 and keeps + a plus", () => {
    expect(canonicalQuery("?b=2&a=1&a=0+x&c")).toBe("a=0%2Bx&a=1&b=2&c=");
  });

  it("canonicalUri keeps a path of unreserved characters as it is, ending it with one /", () => {
    expect(canonicalUri("/v1/6e9dfd51/vpc-endpoints/e_1.x~y")).toBe("/v1/6e9dfd51/vpc-endpoints/e_1.x~y/");
    expect(canonicalUri("/v1/p/vpc-endpoints/")).toBe("/v1/p/vpc-endpoints/");
    expect(canonicalUri("")).toBe("/");
  });

  it("canonicalQuery of no query, or of a lone ?, is empty", () => {
    expect([canonicalQuery(""), canonicalQuery("?")]).toEqual(["", ""]);
  });

  it("keeps text that does not decode as it is, and encodes it", () => {
    expect(canonicalUri("/v1/100%/x")).toBe("/v1/100%25/x/");
    expect(canonicalQuery("?q=%E4%B8&a=b=c")).toBe("a=b%3Dc&q=%25E4%25B8");
  });
});
