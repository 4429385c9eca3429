import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { createVpcepClient, signRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { canonicalRequest, parseAuthorization, signCanonical } from "../src/auth.js";
import { PROJECT, apiOf, expectError, startTestEmulator } from "./support/emulator.js";

interface Vector {
  title: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  canonicalRequest: string;
  authorization: string;
}

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../packages/client/test/vectors/signing-vectors.json", import.meta.url)), "utf8"),
) as { accessKey: string; secretKey: string; date: string; vectors: Vector[] };

/** The vector as a server receives it: raw path and query, lower-case headers with host and X-Sdk-Date. */
function received(vector: Vector) {
  const rest = vector.url.replace(/^https?:\/\/[^/]+/, "");
  const question = rest.indexOf("?");
  const headers: Record<string, string> = { host: new URL(vector.url).host, "x-sdk-date": vectors.date, authorization: vector.authorization };
  for (const [name, value] of Object.entries(vector.headers)) headers[name.toLowerCase()] = value;
  return {
    method: vector.method,
    pathname: question === -1 ? rest : rest.slice(0, question),
    search: question === -1 ? "" : rest.slice(question + 1),
    headers,
    body: Buffer.from(vector.body, "utf8"),
  };
}

/** Sends a request exactly as given (Host header included) and resolves with its status and body. */
function replay(url: string, vector: Vector, authorization = vector.authorization): Promise<{ status: number; body: string }> {
  const request = received(vector);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${url}${request.pathname}${request.search === "" ? (vector.url.endsWith("?") ? "?" : "") : `?${request.search}`}`,
      { method: request.method, headers: { ...request.headers, authorization } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

const keys = { [vectors.accessKey]: vectors.secretKey };
const vectorTime = "2024-05-06T09:12:44Z";
const routed = vectors.vectors.filter((vector) => /\/v1\/p1\/(vpc-endpoints|quotas)/.test(vector.url));

describe("AK/SK verification against the client's signing vectors", () => {
  it.each(vectors.vectors.map((vector) => [vector.title, vector] as const))("computes the canonical request and signature of %s", (_title, vector) => {
    const request = received(vector);
    const parsed = parseAuthorization(vector.authorization)!;
    const canonical = canonicalRequest(request, parsed.signedHeaders);
    expect(canonical).toBe(vector.canonicalRequest);
    expect(signCanonical(canonical, vectors.date, vectors.secretKey)).toBe(parsed.signature);
  });

  it.each(routed.map((vector) => [vector.title, vector] as const))("accepts the signed request of %s, sent as it is", async (_title, vector) => {
    const emulator = await startTestEmulator({ accessKeys: keys, startTime: vectorTime });
    const answer = await replay(emulator.url, vector);
    expect(answer.status, answer.body).not.toBe(401);
  });

  it("refuses a vector's request whose signature is changed: 401 APIGW.0301", async () => {
    const emulator = await startTestEmulator({ accessKeys: keys, startTime: vectorTime });
    const vector = routed[0]!;
    const tampered = vector.authorization.replace(/.$/, (last) => (last === "0" ? "1" : "0"));
    const answer = await replay(emulator.url, vector, tampered);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({ error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: the signature does not match the request" });
  });
});

describe("authentication", () => {
  it("answers 401 with the API gateway's body to a request without credentials", async () => {
    const emulator = await startTestEmulator();
    const response = await fetch(`${emulator.url}/v1/${PROJECT}/vpc-endpoints`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: no X-Auth-Token and no AK/SK signature",
    });
  });

  it("accepts any token by default", async () => {
    const emulator = await startTestEmulator();
    expect((await apiOf(emulator, PROJECT, "whatever").get("quotas")).status).toBe(200);
  });

  it("accepts only the configured tokens when a list is given, without quoting the token refused", async () => {
    const emulator = await startTestEmulator({ tokens: ["good-token"] });
    expect((await apiOf(emulator, PROJECT, "good-token").get("quotas")).status).toBe(200);
    const refused = await apiOf(emulator, PROJECT, "bad-token-value").get("quotas");
    expectError(refused, 401, "APIGW.0301");
    expect(refused.text).not.toContain("bad-token-value");
  });

  it("needs no credentials for the version list", async () => {
    const emulator = await startTestEmulator();
    expect((await fetch(`${emulator.url}/`)).status).toBe(200);
  });

  it("accepts the client's AK/SK requests end to end", async () => {
    const emulator = await startTestEmulator({ accessKeys: { AKEXAMPLE: "sk-example/secret+1" } });
    const vpcep = createVpcepClient({ baseUrl: emulator.url, projectId: PROJECT, credentials: { accessKey: "AKEXAMPLE", secretKey: "sk-example/secret+1" } });
    const created = await vpcep.createEndpointService({ port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", vpc_id: "v", server_type: "VM", ports: [{ client_port: 80, server_port: 80 }] });
    expect(created.response.status).toBe(200);
    const listed = await vpcep.listEndpointServices({ limit: 5, endpoint_service_name: "eu de+x" });
    expect(listed.response.status).toBe(200);
  });

  it("refuses a request signed with another secret key, without quoting key or signature", async () => {
    const emulator = await startTestEmulator({ accessKeys: { AKEXAMPLE: "the-real-secret" } });
    const signed = await signRequest(new Request(`${emulator.url}/v1/${PROJECT}/quotas`), { accessKey: "AKEXAMPLE", secretKey: "a-wrong-secret" });
    const response = await fetch(signed);
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(text).not.toContain("a-wrong-secret");
    expect(text).not.toContain("the-real-secret");
    expect(text).not.toContain(/Signature=([0-9a-f]+)/.exec(signed.headers.get("authorization")!)![1]);
  });

  it("refuses an unknown access key", async () => {
    const emulator = await startTestEmulator({ accessKeys: { AKEXAMPLE: "secret" } });
    const signed = await signRequest(new Request(`${emulator.url}/v1/${PROJECT}/quotas`), { accessKey: "AKOTHER", secretKey: "secret" });
    const response = await fetch(signed);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_msg: string }).error_msg).toContain("access key is not known");
  });

  it("refuses an X-Sdk-Date more than 15 minutes off the emulator clock", async () => {
    const emulator = await startTestEmulator({ accessKeys: { AKEXAMPLE: "secret" } });
    const credentials = { accessKey: "AKEXAMPLE", secretKey: "secret" };
    const at = (offsetMs: number) => signRequest(new Request(`${emulator.url}/v1/${PROJECT}/quotas`), credentials, { date: new Date(emulator.now().getTime() + offsetMs) });
    expect((await fetch(await at(-14 * 60_000))).status).toBe(200);
    const late = await fetch(await at(-16 * 60_000));
    expect(late.status).toBe(401);
    expect(((await late.json()) as { error_msg: string }).error_msg).toContain("more than 15 minutes");
  });

  it("refuses an X-Sdk-Date 16 minutes ahead of the emulator clock too", async () => {
    const emulator = await startTestEmulator({ accessKeys: { AKEXAMPLE: "secret" } });
    const date = new Date(emulator.now().getTime() + 16 * 60_000);
    const signed = await signRequest(new Request(`${emulator.url}/v1/${PROJECT}/quotas`), { accessKey: "AKEXAMPLE", secretKey: "secret" }, { date });
    expect((await fetch(signed)).status).toBe(401);
  });
});
