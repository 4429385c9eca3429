import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createVpcepClient, VpcepConfigError, type LogEntry, type VpcepClientOptions } from "../src/index.js";
import { json, scriptedFetch, type Step } from "./scripted-fetch.js";

const TOKEN = "tok-SECRET-0123456789";
const SECRET_KEY = "sk-SECRET-9876543210";
const SECURITY_TOKEN = "st-SECRET-5555";
const secrets = [TOKEN, SECRET_KEY, SECURITY_TOKEN, "SECRET"];

/** Every way an error or a log line is commonly turned into text. */
function renderings(value: unknown): string[] {
  return [String(value), JSON.stringify(value), inspect(value, { depth: 10 }), value instanceof Error ? (value.stack ?? "") : ""];
}

function expectNoSecret(value: unknown, signatures: string[] = []) {
  for (const text of renderings(value)) {
    for (const secret of [...secrets, ...signatures]) expect(text).not.toContain(secret);
  }
}

function clientWith(steps: Step[], auth: object, options: Partial<VpcepClientOptions> = {}) {
  const script = scriptedFetch(...steps);
  const log: LogEntry[] = [];
  const vpcep = createVpcepClient({
    baseUrl: "https://vpcep.test",
    projectId: "p1",
    fetch: script.fetch,
    retry: { maxAttempts: 2, baseDelayMs: 0 },
    logger: (entry) => log.push(entry),
    throwOnError: true,
    ...auth,
    ...options,
  } as VpcepClientOptions);
  return { vpcep, log, ...script };
}

const signatureOf = (request: Request | undefined) => /Signature=([0-9a-f]+)/.exec(request?.headers.get("authorization") ?? "")?.[1] ?? "none";

describe("secrets stay out of errors and logs", () => {
  it.each([
    ["an IAM token", { token: TOKEN }],
    ["AK/SK credentials", { credentials: { accessKey: "AK", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN } }],
  ])("with %s: API errors and their log lines", async (_, auth) => {
    const { vpcep, log, requests } = clientWith([json(503, {}), json(403, { error_code: "EndPoint.0004", error_msg: "no" })], auth);
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "api", status: 403 });
    expectNoSecret(error, [signatureOf(requests[0]), signatureOf(requests[1])]);
    expectNoSecret(log, [signatureOf(requests[0])]);
    expect(log.length).toBeGreaterThan(0);
  });

  it.each([
    ["an IAM token", { token: TOKEN }],
    ["AK/SK credentials", { credentials: { accessKey: "AK", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN } }],
  ])("with %s: network errors, timeouts and aborts", async (_, auth) => {
    const dropped = clientWith([{ drop: "ECONNRESET" }], auth);
    const slow = clientWith(["hang"], auth, { timeout: { attemptMs: 5 } });
    const aborted = clientWith(["hang"], auth);
    const errors = await Promise.all([
      dropped.vpcep.getEndpoint("e1").catch((error: unknown) => error),
      slow.vpcep.getEndpoint("e1").catch((error: unknown) => error),
      aborted.vpcep.getEndpoint("e1", { signal: AbortSignal.abort() }).catch((error: unknown) => error),
    ]);
    expect(errors.map((error) => (error as { kind: string }).kind)).toEqual(["network", "timeout", "abort"]);
    for (const error of errors) expectNoSecret(error, [signatureOf(dropped.requests[0]), signatureOf(slow.requests[0])]);
  });

  it("in configuration errors about a malformed token or secret key", () => {
    const attempts = [
      { token: `${TOKEN}\n` },
      { credentials: { accessKey: "AK", secretKey: SECRET_KEY, securityToken: `${SECURITY_TOKEN} ` } },
      { credentials: { accessKey: "", secretKey: SECRET_KEY } },
    ];
    for (const auth of attempts) {
      const error = (() => {
        try {
          clientWith([], auth);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(VpcepConfigError);
      expectNoSecret(error);
    }
  });

  it("in the toJSON of an error, which keeps its useful fields", async () => {
    const { vpcep } = clientWith([json(404, { error_code: "EndPoint.2006", error_msg: "gone" })], { token: TOKEN });
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    const serialised = JSON.stringify(error);
    expect(JSON.parse(serialised)).toMatchObject({ name: "VpcepApiError", status: 404, code: "EndPoint.2006" });
    for (const secret of secrets) expect(serialised).not.toContain(secret);
  });

  it("in the configuration error about a baseUrl that does not parse, which may hold a password or a token", () => {
    for (const baseUrl of [`https://admin:${SECRET_KEY}@vpcep host.example`, `https://vpcep host.example/?token=${TOKEN}`]) {
      const error = (() => {
        try {
          createVpcepClient({ baseUrl, projectId: "p1", token: "t" });
        } catch (caught) {
          return caught;
        }
        throw new Error("expected a VpcepConfigError");
      })();
      expect(error).toBeInstanceOf(VpcepConfigError);
      expectNoSecret(error);
    }
  });
});
