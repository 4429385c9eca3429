import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalRequest, signCanonical } from "../src/auth.js";
import { PROJECT, expectError, startTestEmulator, type Answer } from "./support/emulator.js";

const AK = "AKTEST";
const SK = "secret-key";
const PATH = `/v1/${PROJECT}/vpc-endpoint-services`;

function sdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

interface Plan {
  /** The body the signer saw (its hash is in the signature unless a signed X-Sdk-Content-Sha256 stands for it). */
  signedBody: string;
  /** The body sent. */
  sentBody: string;
  signedHeaders: string[];
  /** Headers sent, and signed when named in `signedHeaders`. */
  headers?: Record<string, string>;
  /** Headers added after signing. */
  added?: Record<string, string>;
}

async function signedPost(url: string, now: Date, plan: Plan): Promise<Answer> {
  const headers: Record<string, string> = { host: new URL(url).host, "x-sdk-date": sdkDate(now), "content-type": "application/json", ...plan.headers };
  const canonical = canonicalRequest({ method: "POST", pathname: PATH, search: "", headers, body: Buffer.from(plan.signedBody) }, plan.signedHeaders);
  const signature = signCanonical(canonical, headers["x-sdk-date"]!, SK);
  const response = await fetch(`${url}${PATH}`, {
    method: "POST",
    headers: { ...headers, ...plan.added, authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${plan.signedHeaders.join(";")}, Signature=${signature}` },
    body: plan.sentBody,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Answer["body"], text, headers: response.headers };
}

const SIGNED = JSON.stringify({ port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", vpc_id: "v", server_type: "LB", ports: [{ client_port: 1, server_port: 1 }] });
const SWAPPED = JSON.stringify({ port_id: "4189d3c2-8882-4871-a3c2-d380272eed88", vpc_id: "v", server_type: "VM", ports: [{ client_port: 2, server_port: 2 }] });

describe("X-Sdk-Content-Sha256", () => {
  it("is not trusted when it is not signed: a swapped body with the signed body's hash in it is refused", async () => {
    const emulator = await startTestEmulator({ accessKeys: { [AK]: SK } });
    const answer = await signedPost(emulator.url, emulator.now(), {
      signedBody: SIGNED,
      sentBody: SWAPPED,
      signedHeaders: ["host", "x-sdk-date"],
      added: { "x-sdk-content-sha256": createHash("sha256").update(SIGNED).digest("hex") },
    });
    expectError(answer, 401, "APIGW.0301");
    expect(emulator.snapshot().services).toEqual([]);
  });

  it("is honoured when it is among the signed headers", async () => {
    const emulator = await startTestEmulator({ accessKeys: { [AK]: SK } });
    const answer = await signedPost(emulator.url, emulator.now(), {
      signedBody: "",
      sentBody: SIGNED,
      signedHeaders: ["host", "x-sdk-content-sha256", "x-sdk-date"],
      headers: { "x-sdk-content-sha256": "UNSIGNED-PAYLOAD" },
    });
    expect(answer.status).toBe(200);
  });
});
