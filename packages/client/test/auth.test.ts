import { describe, expect, it, vi } from "vitest";
import { createVpcepClient, VpcepConfigError, type VpcepClientOptions } from "../src/index.js";
import { json, scriptedFetch, type Step } from "./scripted-fetch.js";

const endpoint = { id: "e1", status: "accepted" };
const unauthorized = () => json(401, { error_code: "EndPoint.0003", error_msg: "Authentication failed or authentication information is invalid." });

function clientWith(steps: Step[], auth: Pick<VpcepClientOptions, "token"> | Pick<VpcepClientOptions, "credentials">) {
  const script = scriptedFetch(...steps);
  const vpcep = createVpcepClient({
    baseUrl: "https://vpcep.test",
    projectId: "p1",
    fetch: script.fetch,
    retry: { baseDelayMs: 0 },
    ...auth,
  } as VpcepClientOptions);
  return { vpcep, ...script };
}

describe("an IAM token from a provider", () => {
  it("is fetched once and reused by later calls", async () => {
    const provider = vi.fn(async () => "token-1");
    const { vpcep, requests } = clientWith([json(200, endpoint)], { token: provider });
    await vpcep.getEndpoint("e1");
    await vpcep.getEndpoint("e1");
    expect(provider).toHaveBeenCalledTimes(1);
    expect(requests.map((request) => request.headers.get("x-auth-token"))).toEqual(["token-1", "token-1"]);
  });

  it("is fetched again once after a 401, and the call is repeated with the new token", async () => {
    const provider = vi.fn().mockResolvedValueOnce("expired").mockResolvedValueOnce("fresh");
    const { vpcep, requests } = clientWith([unauthorized(), json(200, endpoint)], { token: provider });
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(requests.map((request) => request.headers.get("x-auth-token"))).toEqual(["expired", "fresh"]);
  });

  it("repeats a create after a 401 too, since the service refused it unseen", async () => {
    const provider = vi.fn().mockResolvedValueOnce("expired").mockResolvedValueOnce("fresh");
    const { vpcep, requests } = clientWith([unauthorized(), json(200, endpoint)], { token: provider });
    await vpcep.createEndpoint({ vpc_id: "v", endpoint_service_id: "s" });
    expect(requests).toHaveLength(2);
    expect(await requests[1]?.json()).toEqual({ vpc_id: "v", endpoint_service_id: "s" });
  });

  it("returns the second 401 instead of refreshing forever", async () => {
    const provider = vi.fn(async () => "rejected");
    const { vpcep, requests } = clientWith([unauthorized()], { token: provider });
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(401);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(requests).toHaveLength(2);
  });

  it("is refreshed once for concurrent calls that all meet a 401", async () => {
    let calls = 0;
    const provider = vi.fn(async () => `token-${++calls}`);
    const { vpcep } = clientWith(
      [(request) => (request.headers.get("x-auth-token") === "token-1" ? unauthorized() : json(200, endpoint))],
      { token: provider },
    );
    const results = await Promise.all([vpcep.getEndpoint("a"), vpcep.getEndpoint("b"), vpcep.getEndpoint("c")]);
    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200]);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it("is asked again after it failed, rather than failing for good", async () => {
    const provider = vi.fn().mockRejectedValueOnce(new Error("IAM down")).mockResolvedValueOnce("token-2");
    const { vpcep } = clientWith([json(200, endpoint)], { token: provider });
    await expect(vpcep.getEndpoint("e1")).rejects.toThrow("IAM down");
    expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
  });

  it("reaches the caller as it is when it fails to refresh after a 401", async () => {
    const provider = vi.fn().mockResolvedValueOnce("expired").mockRejectedValueOnce(new Error("IAM down"));
    const { vpcep, requests } = clientWith([unauthorized(), json(200, endpoint)], { token: provider });
    await expect(vpcep.getEndpoint("e1")).rejects.toThrow(new Error("IAM down"));
    expect(requests).toHaveLength(1);
  });

  it("is asked again by a call whose 401 arrives after a shared refresh failed", async () => {
    const provider = vi.fn().mockResolvedValueOnce("expired").mockRejectedValueOnce(new Error("IAM down")).mockResolvedValueOnce("fresh");
    let answerLateCall = () => {};
    const lateAnswer = new Promise<void>((resolve) => (answerLateCall = resolve));
    const { vpcep } = clientWith(
      [
        (request) =>
          request.headers.get("x-auth-token") === "fresh"
            ? json(200, endpoint)
            : request.url.endsWith("/late")
              ? lateAnswer.then(unauthorized)
              : unauthorized(),
      ],
      { token: provider },
    );
    const late = vpcep.getEndpoint("late");
    await expect(vpcep.getEndpoint("early")).rejects.toThrow("IAM down");
    answerLateCall();
    expect((await late).data).toEqual(endpoint);
    expect(provider).toHaveBeenCalledTimes(3);
  });

  it("must return a usable header value, checked without quoting it", async () => {
    const { vpcep } = clientWith([json(200, endpoint)], { token: async () => "secret-part\nrest" });
    const error = await vpcep.getEndpoint("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepConfigError);
    expect((error as Error).message).toContain("the token provider's result must be printable ASCII");
    expect((error as Error).message).not.toContain("secret-part");
  });
});

describe("a fixed IAM token", () => {
  it("is not refreshed: a 401 is returned as it is", async () => {
    const { vpcep, requests } = clientWith([unauthorized(), json(200, endpoint)], { token: "fixed" });
    expect((await vpcep.getEndpoint("e1")).response.status).toBe(401);
    expect(requests).toHaveLength(1);
  });
});

describe("AK/SK credentials", () => {
  const credentials = { accessKey: "AKEXAMPLE", secretKey: "sk-example" };

  it("sign each request, name the project and send no token", async () => {
    const { vpcep, requests } = clientWith([json(200, endpoint)], { credentials });
    await vpcep.getEndpoint("e1");
    const request = requests[0]!;
    expect(request.headers.get("authorization")).toMatch(
      /^SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.get("x-project-id")).toBe("p1");
    expect(request.headers.get("x-sdk-date")).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers.has("x-auth-token")).toBe(false);
  });

  it("sign every attempt afresh, with a new X-Sdk-Date", async () => {
    vi.useFakeTimers({ now: new Date("2024-05-06T09:00:00Z"), toFake: ["Date"] });
    try {
      const later = () => {
        vi.setSystemTime(new Date("2024-05-06T09:00:05Z"));
        return json(503, {});
      };
      const { vpcep, requests } = clientWith([later, json(200, endpoint)], { credentials });
      await vpcep.getEndpoint("e1");
      expect(requests.map((request) => request.headers.get("x-sdk-date"))).toEqual(["20240506T090000Z", "20240506T090005Z"]);
      expect(requests[0]?.headers.get("authorization")).not.toBe(requests[1]?.headers.get("authorization"));
    } finally {
      vi.useRealTimers();
    }
  });

  it("send and sign X-Security-Token for temporary credentials", async () => {
    const { vpcep, requests } = clientWith([json(200, endpoint)], { credentials: { ...credentials, securityToken: "temp" } });
    await vpcep.getEndpoint("e1");
    expect(requests[0]?.headers.get("x-security-token")).toBe("temp");
    expect(requests[0]?.headers.get("authorization")).toContain("SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,");
  });

  it("sign the JSON body of a create", async () => {
    const { vpcep, requests } = clientWith([json(200, endpoint)], { credentials });
    await vpcep.createEndpoint({ vpc_id: "v", endpoint_service_id: "s" });
    expect(requests[0]?.headers.get("authorization")).toContain("SignedHeaders=content-type;host;x-project-id;x-sdk-date,");
    expect(await requests[0]?.json()).toEqual({ vpc_id: "v", endpoint_service_id: "s" });
  });

  it.each([
    [{ secretKey: "s" }, "credentials.accessKey"],
    [{ accessKey: "a" }, "credentials.secretKey"],
    [{ accessKey: "a", secretKey: "s", securityToken: "" }, "credentials.securityToken"],
  ])("are checked: %j is refused for %s", (given, option) => {
    expect(() => clientWith([], { credentials: given as typeof credentials })).toThrow(
      expect.objectContaining({ name: "VpcepConfigError", option }),
    );
  });

  describe("when the gateway's clock is not ours", () => {
    const ours = new Date("2024-05-06T09:00:00Z");
    const theirs = "Mon, 06 May 2024 09:20:00 GMT"; // 20 minutes ahead: the gateway allows 15
    const sdkDates = (requests: Request[]) => requests.map((request) => request.headers.get("x-sdk-date"));
    const withOurClock = async (run: () => Promise<void>) => {
      vi.useFakeTimers({ now: ours, toFake: ["Date"] });
      try {
        await run();
      } finally {
        vi.useRealTimers();
      }
    };

    it("sign once more with the gateway's time after a 401 whose Date shows the skew", () =>
      withOurClock(async () => {
        const { vpcep, requests } = clientWith([json(401, {}, { date: theirs }), json(200, endpoint)], { credentials });
        expect((await vpcep.getEndpoint("e1")).data).toEqual(endpoint);
        expect(sdkDates(requests)).toEqual(["20240506T090000Z", "20240506T092000Z"]);
      }));

    it("keep the correction for the client's later calls, which need no 401 first", () =>
      withOurClock(async () => {
        const { vpcep, requests } = clientWith([json(401, {}, { date: theirs }), json(200, endpoint)], { credentials });
        await vpcep.getEndpoint("e1");
        await vpcep.getEndpoint("e1");
        expect(sdkDates(requests)).toEqual(["20240506T090000Z", "20240506T092000Z", "20240506T092000Z"]);
      }));

    it("return a 401 whose Date agrees with our clock as it is: the key is wrong, not the time", () =>
      withOurClock(async () => {
        const { vpcep, requests } = clientWith([json(401, {}, { date: "Mon, 06 May 2024 09:01:00 GMT" }), json(200, endpoint)], { credentials });
        expect((await vpcep.getEndpoint("e1")).response.status).toBe(401);
        expect(requests).toHaveLength(1);
      }));

    it("return a 401 without a Date as it is", () =>
      withOurClock(async () => {
        const { vpcep, requests } = clientWith([json(401, {}), json(200, endpoint)], { credentials });
        expect((await vpcep.getEndpoint("e1")).response.status).toBe(401);
        expect(requests).toHaveLength(1);
      }));

    it("sign once more only: a second 401 is returned", () =>
      withOurClock(async () => {
        const { vpcep, requests } = clientWith([json(401, {}, { date: theirs })], { credentials });
        expect((await vpcep.getEndpoint("e1")).response.status).toBe(401);
        expect(requests).toHaveLength(2);
      }));
  });

  it("exclude a token", () => {
    expect(() => clientWith([], { credentials, token: "t" } as never)).toThrow('give either "token" or "credentials", not both');
  });
});
