import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PROJECT, VPC_ID, expectError, startTestEmulator, type Answer } from "./support/emulator.js";

/** POSTs `bytes` exactly as they are, without any re-encoding. */
async function postBytes(url: string, path: string, bytes: Buffer): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { method: "POST", headers: { "x-auth-token": "t", "content-type": "application/json" }, body: bytes });
  const text = await response.text();
  return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Answer["body"]), text, headers: response.headers };
}

function serviceJsonWithDescription(description: Buffer): Buffer {
  const head = JSON.stringify({ port_id: randomUUID(), vpc_id: VPC_ID, server_type: "LB", ports: [{ client_port: 443, server_port: 8443 }] }).slice(0, -1);
  return Buffer.concat([Buffer.from(`${head},"description":"`), description, Buffer.from('"}')]);
}

describe("request bodies are UTF-8", () => {
  it("refuses a body that is not valid UTF-8 with 400 EndPoint.0002, rather than replacing the bytes", async () => {
    const emulator = await startTestEmulator();
    const answer = await postBytes(emulator.url, `/v1/${PROJECT}/vpc-endpoint-services`, serviceJsonWithDescription(Buffer.from([0xff, 0x41])));
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain("the body is not valid UTF-8");
    expect(emulator.snapshot().services).toEqual([]);
  });

  it("keeps a description in valid UTF-8 as it was sent", async () => {
    const emulator = await startTestEmulator();
    const answer = await postBytes(emulator.url, `/v1/${PROJECT}/vpc-endpoint-services`, serviceJsonWithDescription(Buffer.from("Grüße ✓", "utf8")));
    expect(answer.status).toBe(200);
    expect(emulator.snapshot().services[0]!.description).toBe("Grüße ✓");
  });

  it("refuses a control body that is not valid UTF-8", async () => {
    const emulator = await startTestEmulator();
    const answer = await postBytes(emulator.url, "/_emulator/clock", Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]));
    expect(answer.status).toBe(400);
    expect(answer.body["error_msg"]).toContain("the body is not valid UTF-8");
  });
});
