// The faults of a hostile network and of odd services, each reproduced against a real
// HTTP server on a loopback port (and, for redirects, a second one standing for another
// origin).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createVpcepClient,
  VpcepAbortError,
  VpcepApiError,
  VpcepRedirectError,
  VpcepResponseError,
  VpcepTimeoutError,
  type LogEntry,
  type VpcepClientOptions,
} from "../src/index.js";
import { inTurn, sendJson, startLocalServer, type Handler, type LocalServer } from "./local-server.js";

const endpoint = { id: "e1", status: "accepted", marker_id: 422321321312321321n };
const endpointJson = '{"id":"e1","status":"accepted","marker_id":422321321312321321}';
const createBody = { vpc_id: "v1", endpoint_service_id: "s1" };
const ok: Handler = (_request, response) => response.writeHead(200, { "content-type": "application/json" }).end(endpointJson);

let service: LocalServer;
let elsewhere: LocalServer;

beforeEach(async () => {
  service = await startLocalServer(ok);
  elsewhere = await startLocalServer(ok);
});

afterEach(async () => {
  await Promise.all([service.close(), elsewhere.close()]);
});

function client(options: Partial<VpcepClientOptions> = {}) {
  const auth = "credentials" in options ? {} : { token: "secret-token" };
  return createVpcepClient({ baseUrl: service.origin, projectId: "p1", retry: { baseDelayMs: 0 }, ...auth, ...options } as VpcepClientOptions);
}

const redirectTo = (status: number, location: string): Handler => (_request, response) => response.writeHead(status, { location }).end();

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])("are not followed to another origin after a %i, and the error names the target", async (status) => {
    service.answer(redirectTo(status, `${elsewhere.origin}/steal?token=1`));
    const error = await client().getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepRedirectError);
    expect(error).toMatchObject({ kind: "redirect", status, location: `${elsewhere.origin}/steal` });
    expect((error as Error).message).toContain(`${elsewhere.origin}/steal`);
    expect(elsewhere.received).toEqual([]);
  });

  it("carry no token, AK/SK signature or create body anywhere: the other origin gets nothing", async () => {
    service.answer(redirectTo(307, `${elsewhere.origin}/v1/p1/vpc-endpoints`));
    const credentials = { accessKey: "AK", secretKey: "SK", securityToken: "temporary-token" };
    await expect(client({ credentials }).createEndpoint(createBody)).rejects.toBeInstanceOf(VpcepRedirectError);
    await expect(client().createEndpoint(createBody)).rejects.toBeInstanceOf(VpcepRedirectError);
    expect(elsewhere.received).toEqual([]);
    expect(service.received.map((request) => request.body)).toEqual([JSON.stringify(createBody), JSON.stringify(createBody)]);
  });

  it("are not followed within the origin either, and not retried", async () => {
    service.answer(inTurn(redirectTo(302, "/v1/p1/vpc-endpoints/other"), ok));
    await expect(client().getEndpoint("e1")).rejects.toMatchObject({ kind: "redirect", location: `${service.origin}/v1/p1/vpc-endpoints/other` });
    expect(service.received).toHaveLength(1);
  });

  it("name no user info of the target", async () => {
    service.answer(redirectTo(301, "http://user:password@example.invalid/x"));
    const error = (await client().getEndpoint("e1").catch((caught: unknown) => caught)) as VpcepRedirectError;
    expect(error.location).toBe("http://example.invalid/x");
    expect(JSON.stringify(error)).not.toContain("password");
  });
});

describe("a URL outside the API root", () => {
  const credentials = { accessKey: "AK", secretKey: "SK", securityToken: "temporary-token" };

  it("given as a per-call baseUrl to a generic method is refused before anything is sent, naming the rule", async () => {
    const error = await client().GET("/vpc-endpoints", { baseUrl: `${elsewhere.origin}/v1/p1` }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "argument", argument: "url", operation: `GET ${elsewhere.origin}/v1/p1/vpc-endpoints` });
    expect((error as Error).message).toContain(`must be under the client's API root ${service.origin}`);
    expect([elsewhere.received, service.received]).toEqual([[], []]);
  });

  it("that a middleware points a request to gets no token, no signature: the call is refused", async () => {
    for (const vpcep of [client(), client({ credentials })]) {
      vpcep.use({ onRequest: ({ request }) => new Request(request.url.replace(service.origin, elsewhere.origin), request) });
      await expect(vpcep.getEndpoint("e1")).rejects.toMatchObject({ kind: "argument", argument: "url" });
    }
    expect(elsewhere.received).toEqual([]);
  });

  it("is refused however the request names its URL: a Request class whose url says the API root's", async () => {
    const apiRootUrl = `${service.origin}/v1/p1/vpc-endpoints`;
    class Disguised extends Request {
      override get url(): string {
        return apiRootUrl;
      }
    }
    const call = client().GET("/vpc-endpoints", { baseUrl: `${elsewhere.origin}/v1/p1`, Request: Disguised });
    await expect(call).rejects.toMatchObject({ kind: "argument", argument: "url", operation: `GET ${elsewhere.origin}/v1/p1/vpc-endpoints` });
    expect(elsewhere.received).toEqual([]);
  });

  it("is refused however the request names its URL: an own url property of a middleware's request", async () => {
    const vpcep = client({ credentials });
    vpcep.use({
      onRequest: ({ request }) => {
        const moved = new Request(`${elsewhere.origin}/collect`, request);
        Object.defineProperty(moved, "url", { value: request.url });
        return moved;
      },
    });
    await expect(vpcep.getEndpoint("e1")).rejects.toMatchObject({ kind: "argument", argument: "url" });
    expect(elsewhere.received).toEqual([]);
  });

  it("is another path than the API root's on its origin too: a gateway's other tenant gets no token", async () => {
    const vpcep = client({ baseUrl: `${service.origin}/vpcep` });
    await expect(vpcep.GET("/vpc-endpoints", { baseUrl: `${service.origin}/other-tenant` })).rejects.toMatchObject({ kind: "argument", argument: "url" });
    await expect(vpcep.GET("/vpc-endpoints", { baseUrl: `${service.origin}/vpcep-other` })).rejects.toMatchObject({ kind: "argument", argument: "url" });
    expect(service.received).toEqual([]);
  });
});

describe("a custom fetch", () => {
  it("that ignores the attempt's signal cannot hold a call past its limit", async () => {
    const deaf = () => new Promise<Response>(() => undefined);
    await expect(client({ fetch: deaf, timeout: { totalMs: 50 } }).getEndpoint("e1")).rejects.toMatchObject({ kind: "timeout", limit: "total" });
  });

  it("that ignores the signal and answers after the attempt gave up has its answer ignored: no log, no token refresh", async () => {
    let answer: (response: Response) => void = () => undefined;
    const late = () => new Promise<Response>((resolve) => (answer = resolve));
    let asked = 0;
    const token = async () => `token-${++asked}`;
    const logged: LogEntry[] = [];
    const vpcep = client({ fetch: late, token, logger: (entry) => logged.push(entry), retry: { maxAttempts: 1 }, timeout: { attemptMs: 30 } });
    await expect(vpcep.getEndpoint("e1")).rejects.toMatchObject({ kind: "timeout", limit: "attempt" });
    answer(new Response('{"error_code":"APIGW.0301"}', { status: 401 }));
    // Let whatever the late answer would set off run: a macrotask after its microtasks.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toBe(1);
    expect(logged.filter((entry) => entry.event === "response")).toEqual([]);
  });

  it("whose answer's body ignores the signal uses up the attempt, which is retried", async () => {
    let sends = 0;
    const stalling = async () =>
      ++sends === 1 ? new Response(new ReadableStream({ start: () => undefined }), { status: 200 }) : new Response(endpointJson, { status: 200 });
    const { data } = await client({ fetch: stalling, timeout: { attemptMs: 30 } }).getEndpoint("e1");
    expect([data?.id, sends]).toEqual(["e1", 2]);
  });

  it("that followed a redirect itself has its answer refused", async () => {
    service.answer(redirectTo(302, `${elsewhere.origin}/x`));
    const following = (request: Request) => fetch(request.url, { headers: request.headers });
    const error = await client({ fetch: following }).getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "redirect", location: `${elsewhere.origin}/x` });
  });

  it.each([
    ["undefined", async () => undefined as unknown as Response],
    ["a plain object", async () => ({}) as Response],
    ["Response.error()", async () => Response.error()],
  ])("that resolves to %s fails the attempt as a network error", async (_name, broken) => {
    const error = await client({ fetch: broken }).getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "network", attempts: 3 });
    expect((error as Error).message).toContain("not an answer");
  });
});

describe("re-sends", () => {
  const unauthorized: Handler = (_request, response) => sendJson(response, 401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" });

  it("send a create again, body included, after a token refresh", async () => {
    service.answer(inTurn(unauthorized, ok));
    const tokens = ["expired", "fresh"];
    const { data } = await client({ token: async () => tokens.shift()! }).createEndpoint(createBody);
    expect(data).toEqual({ ...endpoint, marker_id: "422321321312321321" });
    expect(service.received.map((request) => [request.headers["x-auth-token"], request.body])).toEqual([
      ["expired", JSON.stringify(createBody)],
      ["fresh", JSON.stringify(createBody)],
    ]);
  });

  it("send a PUT again after a token refresh without using up a retry", async () => {
    service.answer(inTurn(unauthorized, ok));
    const tokens = ["expired", "fresh"];
    const vpcep = client({ token: async () => tokens.shift()!, retry: { maxAttempts: 1 } });
    expect((await vpcep.updateEndpointService("s1", { description: "d" })).response.status).toBe(200);
    expect(service.received.map((request) => request.body)).toEqual(['{"description":"d"}', '{"description":"d"}']);
  });

  it("send each retry of a PUT with its body", async () => {
    service.answer(inTurn((_request, response) => sendJson(response, 503, {}), ok));
    await client().updateEndpointService("s1", { description: "d" });
    expect(service.received.map((request) => request.body)).toEqual(['{"description":"d"}', '{"description":"d"}']);
  });
});

describe("a token provider", () => {
  const never = () => new Promise<string>(() => undefined);

  it("that never answers ends the call at the total limit", async () => {
    const error = await client({ token: never, timeout: { totalMs: 50 } }).getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepTimeoutError);
    expect(error).toMatchObject({ limit: "total", timeoutMs: 50 });
    expect(service.received).toEqual([]);
  });

  it("that never answers gives way to the caller's abort", async () => {
    const controller = new AbortController();
    const call = client({ token: never }).getEndpoint("e1", { signal: controller.signal });
    controller.abort(new Error("user cancelled"));
    await expect(call).rejects.toBeInstanceOf(VpcepAbortError);
  });

  it("that never answered once is asked again by the next call", async () => {
    let asked = 0;
    const vpcep = client({ token: () => (++asked === 1 ? never() : "t2"), timeout: { totalMs: 50 } });
    await expect(vpcep.getEndpoint("e1")).rejects.toBeInstanceOf(VpcepTimeoutError);
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(200);
    expect(service.received.map((request) => request.headers["x-auth-token"])).toEqual(["t2"]);
  });

  it("that is slower than one attempt but within the call's limit is waited for, and asked once", async () => {
    let asked = 0;
    const slow = () => (asked++, new Promise<string>((resolve) => setTimeout(() => resolve("t"), 150)));
    const { response } = await client({ token: slow, timeout: { attemptMs: 100, totalMs: 2_000 } }).getEndpoint("e1");
    expect([response.status, asked]).toEqual([200, 1]);
  });

  it("is asked once for calls that share its answer, even when one of their callers gives up", async () => {
    let asked = 0;
    const slow = () => (asked++, new Promise<string>((resolve) => setTimeout(() => resolve("t"), 60)));
    const vpcep = client({ token: slow });
    const impatient = vpcep.getEndpoint("e1", { signal: AbortSignal.timeout(10) });
    const patient = vpcep.getEndpoint("e1");
    await expect(impatient).rejects.toBeInstanceOf(VpcepAbortError);
    expect((await patient).response.status).toBe(200);
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(200);
    expect(asked).toBe(1);
  });

  it("that is slower than the total limit ends as a total timeout, not an attempt timeout", async () => {
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve("late"), 500));
    await expect(client({ token: slow, timeout: { totalMs: 40, attemptMs: 30_000 } }).getEndpoint("e1")).rejects.toMatchObject({
      kind: "timeout",
      limit: "total",
    });
  });
});

describe("success bodies", () => {
  const blank: Handler = (_request, response) => response.writeHead(200, { "content-type": "application/json" }).end("  \n\t ");
  const empty: Handler = (_request, response) => response.writeHead(200, { "content-type": "application/json" }).end();

  it("that are only white space are a VpcepResponseError, retried for a GET", async () => {
    service.answer(inTurn(blank, ok));
    expect((await client().getEndpoint("e1")).data).toMatchObject({ id: "e1" });
    expect(service.received).toHaveLength(2);
  });

  it("that stay empty end as a VpcepResponseError naming the problem", async () => {
    service.answer(empty);
    const error = await client().getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepResponseError);
    expect((error as Error).message).toContain("answered 200 with an empty body");
    expect(error).toMatchObject({ attempts: 3 });
  });

  it("that are empty for a create are a VpcepResponseError, not retried", async () => {
    service.answer(empty);
    await expect(client().createEndpoint(createBody)).rejects.toBeInstanceOf(VpcepResponseError);
    expect(service.received).toHaveLength(1);
  });

  it("may be empty for the operations that document none: a delete answered 200", async () => {
    service.answer(empty);
    const { data, error, response } = await client().deleteEndpoint("e1");
    expect([data, error, response.status]).toEqual([undefined, undefined, 200]);
  });

  it("may be anything for the operations that document none, and are not retried: a delete answered 200 OK", async () => {
    service.answer(inTurn((_request, response) => response.writeHead(200, { "content-type": "text/plain" }).end("OK"), (_request, response) => sendJson(response, 404, {})));
    const { data, error, response } = await client().deleteEndpoint("e1");
    expect([data, error, response.status, service.received.length]).toEqual([undefined, undefined, 200, 1]);
  });

  it("that are chunked are read whole and parsed once, int64 fields exact", async () => {
    service.answer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(endpointJson.slice(0, 20));
      response.end(endpointJson.slice(20));
    });
    const { data, response } = await client().getEndpoint("e1");
    expect(data?.marker_id).toBe("422321321312321321");
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(endpointJson) + 2));
  });
});

describe("throttling", () => {
  const throttled: Handler = (_request, response) =>
    sendJson(response, 400, { error_code: "EndPoint.0022", error_msg: "The number of requests exceeded the limit." });

  it("retries a GET answered 400 EndPoint.0022, as it retries 429", async () => {
    service.answer(inTurn(throttled, ok));
    const log: LogEntry[] = [];
    expect((await client({ logger: (entry) => log.push(entry) }).getEndpoint("e1")).response.status).toBe(200);
    expect(log.find((entry) => entry.event === "retry")).toMatchObject({ reason: "status 400 EndPoint.0022 (throttled)" });
  });

  it("does not retry a create answered 400 EndPoint.0022, unless retryPost", async () => {
    service.answer(throttled);
    expect((await client().createEndpoint(createBody)).response.status).toBe(400);
    expect(service.received).toHaveLength(1);
    service.answer(inTurn(throttled, ok));
    expect((await client({ retry: { baseDelayMs: 0, retryPost: true } }).createEndpoint(createBody)).response.status).toBe(200);
  });

  it("does not retry other 400s", async () => {
    service.answer((_request, response) => sendJson(response, 400, { error_code: "EndPoint.0002", error_msg: "Parameter error." }));
    expect((await client().getEndpoint("e1")).response.status).toBe(400);
    expect(service.received).toHaveLength(1);
  });
});

describe("errors", () => {
  it("say how many attempts a retried call made", async () => {
    service.answer((_request, response) => sendJson(response, 500, { error_code: "EndPoint.0001", error_msg: "System error." }));
    const error = await client({ throwOnError: true }).getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepApiError);
    expect(error).toMatchObject({ attempts: 3, serviceMessage: "System error.", code: "EndPoint.0001" });
    expect((error as Error).message).toContain("failed with 500 EndPoint.0001 after 3 attempts: System error.");
  });

  it("name the field the contract mock found wrong", async () => {
    const violations = [{ location: ["request", "body"], severity: "Error", code: "required", message: "must have required property 'vpc_id'" }];
    service.answer((_request, response) =>
      sendJson(response, 400, { error_code: "EndPoint.0002", error_msg: "Parameter error." }, { "sl-violations": JSON.stringify(violations) }),
    );
    const error = (await client({ throwOnError: true }).getEndpoint("e1").catch((caught: unknown) => caught)) as VpcepApiError;
    expect(error.violations).toEqual([{ location: "body", message: "must have required property 'vpc_id'" }]);
    expect(error.message).toContain("Parameter error. (body: must have required property 'vpc_id')");
  });

  it("do not say again a violation the mock's message names already", async () => {
    const violations = [{ location: ["request", "body"], severity: "Error", code: "required", message: "must have required property 'vpc_id'" }];
    const named = "Parameter error. request.body must have required property 'vpc_id'.";
    service.answer((_request, response) => sendJson(response, 400, { error_code: "EndPoint.0002", error_msg: named }, { "sl-violations": JSON.stringify(violations) }));
    const error = (await client({ throwOnError: true }).getEndpoint("e1").catch((caught: unknown) => caught)) as VpcepApiError;
    expect(error.violations).toHaveLength(1);
    expect(error.message).toMatch(/failed with 400 EndPoint\.0002: Parameter error\. request\.body must have required property 'vpc_id'\.$/);
  });
});

describe("AK/SK with a gateway whose clock is 20 minutes ahead", () => {
  const gatewayClock = () => Date.now() + 20 * 60_000;
  /** Refuses a signature dated more than 15 minutes from its own clock, as the gateway does. */
  const gateway: Handler = (request, response) => {
    const stamp = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(request.headers["x-sdk-date"]));
    const signedAt = stamp === null ? NaN : Date.UTC(+stamp[1]!, +stamp[2]! - 1, +stamp[3]!, +stamp[4]!, +stamp[5]!, +stamp[6]!);
    const date = new Date(gatewayClock()).toUTCString();
    if (!(Math.abs(gatewayClock() - signedAt) <= 15 * 60_000)) {
      sendJson(response, 401, { error_code: "APIGW.0303", error_msg: "Incorrect app authentication information: signature expired" }, { date });
    } else {
      response.writeHead(200, { "content-type": "application/json", date }).end(endpointJson);
    }
  };
  const credentials = { accessKey: "AK", secretKey: "SK" };

  it("signs once more with the gateway's time, and keeps the offset for later calls", async () => {
    service.answer(gateway);
    const vpcep = client({ credentials });
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(200);
    expect((await vpcep.createEndpoint(createBody)).response.status).toBe(200);
    expect(service.received.map((request) => [request.method, request.body])).toEqual([
      ["GET", ""],
      ["GET", ""],
      ["POST", JSON.stringify(createBody)],
    ]);
  });
});
