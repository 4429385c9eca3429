import { describe, expect, it } from "vitest";
import { createVpcepClient, VpcepAbortError, type CreateEndpointRequest, type CreateEndpointServiceRequest } from "../src/index.js";
import { jsonResponse, recordingFetch } from "./recording-fetch.js";

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const token = "MIIExampleToken-not-a-real-one";

const endpointRequest: CreateEndpointRequest = {
  subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  tags: [{ key: "test1", value: "test1" }],
  endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
  enable_dns: true,
};

const serviceRequest: CreateEndpointServiceRequest = {
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
  server_type: "VM",
  ports: [{ client_port: 8080, server_port: 90, protocol: "TCP" }],
};

describe("createVpcepClient requests", () => {
  it("posts createEndpoint to the region's host under the bound project", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await vpcep.POST("/vpc-endpoints", { body: endpointRequest });

    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe(`https://vpcep.eu-de.otc.t-systems.com/v1/${projectId}/vpc-endpoints`);
  });

  it("posts createEndpointService to the eu-nl host", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-nl", projectId, token, fetch });

    await vpcep.POST("/vpc-endpoint-services", { body: serviceRequest });

    expect(requests[0]?.url).toBe(`https://vpcep.eu-nl.otc.t-systems.com/v1/${projectId}/vpc-endpoint-services`);
  });

  it("sends the token as X-Auth-Token and the body as JSON", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await vpcep.POST("/vpc-endpoints", { body: endpointRequest });

    const request = requests[0]!;
    expect(request.headers.get("x-auth-token")).toBe(token);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.json()).toEqual(endpointRequest);
  });

  it("leaves the caller's body object unchanged", async () => {
    const { fetch } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });
    const body = structuredClone(endpointRequest);

    await vpcep.POST("/vpc-endpoints", { body });

    expect(body).toEqual(endpointRequest);
  });

  it("keeps the caller's own headers next to the token", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await vpcep.POST("/vpc-endpoints", { body: endpointRequest, headers: { "X-Request-Tag": "abc" } });

    expect(requests[0]?.headers.get("x-request-tag")).toBe("abc");
    expect(requests[0]?.headers.get("x-auth-token")).toBe(token);
  });

  it("appends the API paths to a baseUrl, keeping its path and dropping a trailing slash", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ baseUrl: "http://127.0.0.1:4010/proxy/", projectId, token, fetch });

    await vpcep.POST("/vpc-endpoints", { body: endpointRequest });

    expect(vpcep.baseUrl).toBe(`http://127.0.0.1:4010/proxy/v1/${projectId}`);
    expect(requests[0]?.url).toBe(`http://127.0.0.1:4010/proxy/v1/${projectId}/vpc-endpoints`);
  });

  it("accepts a URL object as baseUrl", () => {
    const vpcep = createVpcepClient({ baseUrl: new URL("https://example.test"), projectId, token });
    expect(vpcep.baseUrl).toBe(`https://example.test/v1/${projectId}`);
    expect(vpcep.projectId).toBe(projectId);
  });
});

describe("named operations", () => {
  it("createEndpoint posts the body to /vpc-endpoints", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await vpcep.createEndpoint(endpointRequest);

    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe(`${vpcep.baseUrl}/vpc-endpoints`);
    expect(await requests[0]?.json()).toEqual(endpointRequest);
  });

  it("createEndpointService posts the body to /vpc-endpoint-services", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await vpcep.createEndpointService(serviceRequest);

    expect(requests[0]?.url).toBe(`${vpcep.baseUrl}/vpc-endpoint-services`);
    expect(await requests[0]?.json()).toEqual(serviceRequest);
  });

  it("passes per-call headers through", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await vpcep.createEndpoint(endpointRequest, { headers: { "X-Trace": "t-1" } });

    expect(requests[0]?.headers.get("x-trace")).toBe("t-1");
  });

  it("aborts the request in flight when the caller's signal aborts", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const fetch = (_request: Request, init?: { signal: AbortSignal }) => {
      seen = init?.signal;
      controller.abort();
      return Promise.resolve(jsonResponse(200, {}));
    };
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    await expect(vpcep.createEndpoint(endpointRequest, { signal: controller.signal })).rejects.toBeInstanceOf(VpcepAbortError);
    expect(seen?.aborted).toBe(true);
  });
});

describe("middleware added with use()", () => {
  /** A client with a middleware that marks every request, and the requests it sent. */
  const traced = () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });
    const tracing = { onRequest: ({ request }: { request: Request }) => void request.headers.set("X-Trace", "t-1") };
    vpcep.use(tracing);
    return { vpcep, requests, tracing };
  };

  it("sees the calls of the API root too: listVersions and getVersion", async () => {
    const { vpcep, requests } = traced();
    await vpcep.listVersions();
    await vpcep.getVersion("v1");
    await vpcep.getEndpoint("e1");
    expect(requests.map((request) => request.headers.get("x-trace"))).toEqual(["t-1", "t-1", "t-1"]);
  });

  it("is removed from the calls of the API root too by eject()", async () => {
    const { vpcep, requests, tracing } = traced();
    vpcep.eject(tracing);
    await vpcep.listVersions();
    await vpcep.getEndpoint("e1");
    expect(requests.map((request) => request.headers.get("x-trace"))).toEqual([null, null]);
  });

  it("is added to every call or to none: a bad one among them adds none", async () => {
    const { vpcep, requests, tracing } = traced();
    vpcep.eject(tracing);
    expect(() => vpcep.use(tracing, {} as typeof tracing)).toThrow();
    await vpcep.listVersions();
    await vpcep.getEndpoint("e1");
    expect(requests.map((request) => request.headers.get("x-trace"))).toEqual([null, null]);
  });

  it("may hand on a new Request of its own, which is sent with the credentials", async () => {
    const { fetch, requests } = recordingFetch();
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });
    vpcep.use({ onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-trace": "t-2" } }) });
    await expect(vpcep.createEndpoint(endpointRequest)).resolves.toMatchObject({ response: { status: 200 } });
    expect([requests[0]?.headers.get("x-trace"), requests[0]?.headers.get("x-auth-token"), await requests[0]?.json()]).toEqual(["t-2", token, endpointRequest]);
  });
});

describe("createVpcepClient responses", () => {
  it("returns the parsed body of a 200 as data, with marker_id as a decimal string", async () => {
    const created = { id: "4189d3c2-8882-4871-a3c2-d380272eed83", status: "creating", marker_id: 322312312312 };
    const { fetch } = recordingFetch(() => jsonResponse(200, created));
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    const { data, error, response } = await vpcep.POST("/vpc-endpoints", { body: endpointRequest });

    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ ...created, marker_id: "322312312312" });
  });

  it("returns the error body of a 400 as error", async () => {
    const failure = { error_code: "EndPoint.0002", error_msg: "Parameter error." };
    const { fetch } = recordingFetch(() => jsonResponse(400, failure));
    const vpcep = createVpcepClient({ region: "eu-de", projectId, token, fetch });

    const { data, error, response } = await vpcep.POST("/vpc-endpoints", { body: endpointRequest });

    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toEqual(failure);
  });
});
