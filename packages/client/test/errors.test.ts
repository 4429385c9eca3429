import { describe, expect, it } from "vitest";
import {
  VpcepApiError,
  VpcepError,
  type VpcepClientOptions,
} from "../src/index.js";
import { json, scriptedClient, type Step } from "./scripted-fetch.js";

function clientWith(steps: Step[], options: Partial<VpcepClientOptions> = {}) {
  return scriptedClient(steps, { retry: { maxAttempts: 1 }, ...options });
}

function apiError(response: Response, body: unknown) {
  return new VpcepApiError(response, body, { method: "GET", url: "https://vpcep.test/v1/p1/vpc-endpoints/e1" });
}

describe("VpcepApiError", () => {
  it("reads the code and message of the documented error body", () => {
    const error = apiError(new Response(null, { status: 404 }), { error_code: "EndPoint.2006", error_msg: "The requested endpoint does not exist." });
    expect(error).toMatchObject({ kind: "api", status: 404, code: "EndPoint.2006" });
    expect(error.message).toBe(
      "GET https://vpcep.test/v1/p1/vpc-endpoints/e1 failed with 404 EndPoint.2006: The requested endpoint does not exist.",
    );
  });

  it("reads the older {error: {code, message}} body", () => {
    const error = apiError(new Response(null, { status: 404 }), { error: { code: "EndPoint.0005", message: "The requested resource does not exist." } });
    expect(error.code).toBe("EndPoint.0005");
    expect(error.message).toContain("The requested resource does not exist.");
  });

  it("keeps a code the reference does not list", () => {
    const error = apiError(new Response(null, { status: 401 }), { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" });
    expect(error.code).toBe("APIGW.0301");
  });

  it("falls back to the status text without a body", () => {
    const error = apiError(new Response(null, { status: 502, statusText: "Bad Gateway" }), undefined);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain("failed with 502: Bad Gateway");
  });

  it("carries the request ID the gateway sent", () => {
    const error = apiError(new Response(null, { status: 500, headers: { "X-Request-Id": "req-42" } }), {});
    expect(error.requestId).toBe("req-42");
  });

  it("is a VpcepError and an Error", () => {
    const error = apiError(new Response(null, { status: 400 }), {});
    expect(error).toBeInstanceOf(VpcepError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("VpcepApiError");
  });

  it("keeps a code the reference does not list as the service sent it", () => {
    const error = apiError(new Response(null, { status: 400 }), { error_code: "EndPoint.9999", error_msg: "new" });
    expect(error.code).toBe("EndPoint.9999");
  });
});

describe("throwOnError", () => {
  const notFound = json(404, { error_code: "EndPoint.2006", error_msg: "The requested endpoint does not exist." }, { "x-request-id": "r1" });

  it("makes a named method throw a VpcepApiError on an error status", async () => {
    const { vpcep } = clientWith([notFound], { throwOnError: true });
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepApiError);
    expect(error).toMatchObject({ status: 404, code: "EndPoint.2006", requestId: "r1", method: "GET" });
  });

  it("makes openapi-fetch's generic methods throw too", async () => {
    const { vpcep } = clientWith([notFound], { throwOnError: true });
    await expect(
      vpcep.GET("/vpc-endpoints/{vpc_endpoint_id}", { params: { path: { vpc_endpoint_id: "e1" } } }),
    ).rejects.toBeInstanceOf(VpcepApiError);
  });

  it("still resolves with the data on success", async () => {
    const { vpcep } = clientWith([json(200, { id: "e1" })], { throwOnError: true });
    const { data } = await vpcep.getEndpoint("e1");
    expect(data?.id).toBe("e1");
  });

  it("leaves the { data, error } style in place by default", async () => {
    const { vpcep } = clientWith([notFound]);
    const { error } = await vpcep.getEndpoint("e1");
    expect(error).toEqual({ error_code: "EndPoint.2006", error_msg: "The requested endpoint does not exist." });
  });

  it("is checked to be a boolean", () => {
    expect(() => clientWith([], { throwOnError: "yes" as never })).toThrow('Invalid VPCEP client option "throwOnError": must be a boolean');
  });
});

describe("error kinds", () => {
  it("are distinct for network failures, time limits and aborts", async () => {
    const network = await clientWith([{ drop: "ECONNRESET" }]).vpcep.getEndpoint("e1").catch((error: VpcepError) => error.kind);
    const timeout = await clientWith(["hang"], { timeout: { attemptMs: 5 } }).vpcep.getEndpoint("e1").catch((error: VpcepError) => error.kind);
    const abort = await clientWith(["hang"]).vpcep.getEndpoint("e1", { signal: AbortSignal.abort() }).catch((error: VpcepError) => error.kind);
    expect([network, timeout, abort]).toEqual(["network", "timeout", "abort"]);
  });
});
