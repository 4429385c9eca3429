import { describe, expect, it } from "vitest";
import { createVpcepClient, VpcepArgumentError, VpcepError, type TagActionRequest, type VpcepClient } from "../src/index.js";
import { jsonResponse, recordingFetch } from "./recording-fetch.js";
import { scriptedClient } from "./scripted-fetch.js";

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const host = "https://vpcep.eu-de.otc.t-systems.com";
const project = `${host}/v1/${projectId}`;
const sid = "4189d3c2-8882-4871-a3c2-d380272eed83";
const eid = "705290f3-0d00-41f2-aedc-71f09844e879";

function client() {
  const recorder = recordingFetch((request) =>
    request.method === "DELETE" ? new Response(null, { status: 204 }) : jsonResponse(200, {}),
  );
  return { vpcep: createVpcepClient({ region: "eu-de", projectId, token: "t", fetch: recorder.fetch }), ...recorder };
}

interface Case {
  operationId: string;
  call: (vpcep: VpcepClient) => Promise<unknown>;
  method: string;
  url: string;
  body?: unknown;
}

const tagBody: TagActionRequest = { action: "create", tags: [{ key: "k", value: "v" }] };
const cases: Case[] = [
  { operationId: "listVersions", call: (v) => v.listVersions(), method: "GET", url: `${host}/` },
  { operationId: "getVersion", call: (v) => v.getVersion("v1"), method: "GET", url: `${host}/v1` },
  {
    operationId: "listEndpointServices",
    call: (v) => v.listEndpointServices({ status: "available", limit: 50, offset: 100, sort_dir: "asc" }),
    method: "GET",
    url: `${project}/vpc-endpoint-services?status=available&limit=50&offset=100&sort_dir=asc`,
  },
  { operationId: "getEndpointService", call: (v) => v.getEndpointService(sid), method: "GET", url: `${project}/vpc-endpoint-services/${sid}` },
  {
    operationId: "updateEndpointService",
    call: (v) => v.updateEndpointService(sid, { approval_enabled: false }),
    method: "PUT",
    url: `${project}/vpc-endpoint-services/${sid}`,
    body: { approval_enabled: false },
  },
  { operationId: "deleteEndpointService", call: (v) => v.deleteEndpointService(sid), method: "DELETE", url: `${project}/vpc-endpoint-services/${sid}` },
  {
    operationId: "listServiceConnections",
    call: (v) => v.listServiceConnections(sid, { status: "pendingAcceptance", marker_id: "16777510" }),
    method: "GET",
    url: `${project}/vpc-endpoint-services/${sid}/connections?status=pendingAcceptance&marker_id=16777510`,
  },
  {
    operationId: "acceptOrRejectConnections",
    call: (v) => v.acceptOrRejectConnections(sid, { action: "receive", endpoints: [eid] }),
    method: "POST",
    url: `${project}/vpc-endpoint-services/${sid}/connections/action`,
    body: { action: "receive", endpoints: [eid] },
  },
  {
    operationId: "listServicePermissions",
    call: (v) => v.listServicePermissions(sid, { limit: 500 }),
    method: "GET",
    url: `${project}/vpc-endpoint-services/${sid}/permissions?limit=500`,
  },
  {
    operationId: "updateServicePermissions",
    call: (v) => v.updateServicePermissions(sid, { action: "add", permissions: ["*"] }),
    method: "POST",
    url: `${project}/vpc-endpoint-services/${sid}/permissions/action`,
    body: { action: "add", permissions: ["*"] },
  },
  {
    operationId: "listPublicEndpointServices",
    call: (v) => v.listPublicEndpointServices({ endpoint_service_name: "obs" }),
    method: "GET",
    url: `${project}/vpc-endpoint-services/public?endpoint_service_name=obs`,
  },
  {
    operationId: "describeEndpointService",
    call: (v) => v.describeEndpointService({ endpoint_service_name: "com.t-systems.otc.eu-de.obs" }),
    method: "GET",
    url: `${project}/vpc-endpoint-services/describe?endpoint_service_name=com.t-systems.otc.eu-de.obs`,
  },
  { operationId: "listEndpoints", call: (v) => v.listEndpoints(), method: "GET", url: `${project}/vpc-endpoints` },
  { operationId: "getEndpoint", call: (v) => v.getEndpoint(eid), method: "GET", url: `${project}/vpc-endpoints/${eid}` },
  { operationId: "deleteEndpoint", call: (v) => v.deleteEndpoint(eid), method: "DELETE", url: `${project}/vpc-endpoints/${eid}` },
  { operationId: "getQuotas", call: (v) => v.getQuotas({ type: "endpoint" }), method: "GET", url: `${project}/quotas?type=endpoint` },
  {
    operationId: "listResourcesByTags",
    call: (v) => v.listResourcesByTags("endpoint", { action: "count" }),
    method: "POST",
    url: `${project}/endpoint/resource_instances/action`,
    body: { action: "count" },
  },
  {
    operationId: "updateResourceTags",
    call: (v) => v.updateResourceTags("endpoint_service", sid, tagBody),
    method: "POST",
    url: `${project}/endpoint_service/${sid}/tags/action`,
    body: tagBody,
  },
  { operationId: "listProjectTags", call: (v) => v.listProjectTags("endpoint"), method: "GET", url: `${project}/endpoint/tags` },
];

describe("named operations", () => {
  it.each(cases)("$operationId sends $method $url", async ({ call, method, url, body }) => {
    const { vpcep, requests } = client();
    await call(vpcep);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe(method);
    expect(requests[0]?.url).toBe(url);
    expect(requests[0]?.headers.get("x-auth-token")).toBe("t");
    if (body === undefined) expect(await requests[0]?.text()).toBe("");
    else expect(await requests[0]?.json()).toEqual(body);
  });

  it("encodes IDs in the path", async () => {
    const { vpcep, requests } = client();
    await vpcep.getEndpoint("a/b c");
    expect(requests[0]?.url).toBe(`${project}/vpc-endpoints/a%2Fb%20c`);
  });

  it("returns undefined data for the 204 of a delete", async () => {
    const { vpcep } = client();
    const { data, error, response } = await vpcep.deleteEndpoint(eid);
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it("describes a service by ID with a plain id query parameter", async () => {
    const { vpcep, requests } = client();
    await vpcep.describeEndpointService({ id: sid });
    expect(requests[0]?.url).toBe(`${project}/vpc-endpoint-services/describe?id=${sid}`);
  });
});

describe("named operations refuse arguments they cannot send", () => {
  async function refusal(call: (vpcep: VpcepClient) => Promise<unknown>): Promise<VpcepArgumentError> {
    const { vpcep, requests } = client();
    try {
      await call(vpcep);
    } catch (error) {
      expect(requests).toHaveLength(0);
      if (error instanceof VpcepArgumentError) return error;
      throw error;
    }
    throw new Error("expected a VpcepArgumentError");
  }

  it.each(["", ".", ".."])("refuses the endpoint ID %j, which would address another path", async (id) => {
    const error = await refusal((v) => v.getEndpoint(id));
    expect(error.message).toBe(`Invalid argument "endpointId" of getEndpoint: must be a non-empty ID; got ${JSON.stringify(id)}`);
    expect(error.operation).toBe("getEndpoint");
    expect(error.argument).toBe("endpointId");
  });

  it("refuses a service ID that is not a string", async () => {
    const error = await refusal((v) => v.deleteEndpointService(42 as unknown as string));
    expect(error.message).toContain("got the number 42");
  });

  it("refuses an unknown resource type", async () => {
    const error = await refusal((v) => v.listProjectTags("vpc" as "endpoint"));
    expect(error.message).toBe(
      'Invalid argument "resourceType" of listProjectTags: must be "endpoint_service" or "endpoint"; got "vpc"',
    );
  });

  it.each([
    ["both", { id: sid, endpoint_service_name: "x" }],
    ["neither", {}],
    ["an unknown key", { name: "x" }],
  ])("refuses a describe lookup with %s", async (_, lookup) => {
    const error = await refusal((v) => v.describeEndpointService(lookup as { id: string }));
    expect(error.message).toBe('Invalid argument "lookup" of describeEndpointService: must have exactly one of "endpoint_service_name" or "id"');
  });

  it("refuses an empty lookup ID", async () => {
    const error = await refusal((v) => v.describeEndpointService({ id: "" }));
    expect(error.argument).toBe("lookup.id");
  });

  it("is a VpcepError of kind argument, named VpcepArgumentError", async () => {
    const error = await refusal((v) => v.getVersion(""));
    expect(error).toBeInstanceOf(VpcepError);
    expect(error).toMatchObject({ name: "VpcepArgumentError", kind: "argument", operation: "getVersion", argument: "version" });
  });
});

describe("named operations take signal and headers per call, checked", () => {
  async function refusal(options: unknown): Promise<VpcepArgumentError> {
    const { vpcep, requests } = client();
    const error = await vpcep.getEndpoint(eid, options as object).catch((caught: unknown) => caught);
    expect(requests).toHaveLength(0);
    if (error instanceof VpcepArgumentError) return error;
    throw new Error(`expected a VpcepArgumentError, got ${String(error)}`);
  }

  it.each(["baseUrl", "fetch", "parseAs", "querySerializer"])("refuse %s, which could send the call and its credentials elsewhere", async (option) => {
    const error = await refusal({ [option]: "https://elsewhere.example" });
    expect(error.message).toBe(`Invalid argument "options.${option}" of getEndpoint: is no option of a call: give "signal" and "headers" only`);
  });

  it("refuse a signal that is not an AbortSignal", async () => {
    expect((await refusal({ signal: {} })).argument).toBe("options.signal");
  });

  it("refuse a header value with a line break, naming the header", async () => {
    const error = await refusal({ headers: { "X-Trace": "a\r\nInjected: b" } });
    expect(error.message).toBe(
      'Invalid argument "options.headers["X-Trace"]" of getEndpoint: is no header fetch can send: a name of letters, digits and !#$%&\'*+.^_`|~-, a value of Latin-1 text without line breaks',
    );
  });

  it("refuse a header value beyond Latin-1, which fetch cannot send", async () => {
    expect((await refusal({ headers: { "X-Name": "日本" } })).argument).toBe('options.headers["X-Name"]');
  });

  it("refuse a header name that is no HTTP token", async () => {
    expect((await refusal({ headers: { "X Trace": "t" } })).argument).toBe('options.headers["X Trace"]');
  });

  it("refuse a header value that is no string", async () => {
    expect((await refusal({ headers: { "X-Count": 3 } })).argument).toBe('options.headers["X-Count"]');
  });

  it("refuse headers that are not a plain object", async () => {
    expect((await refusal({ headers: [["X-Trace", "t"]] })).argument).toBe("options.headers");
    expect((await refusal("fast")).argument).toBe("options");
  });

  it("reject rather than throw: a bad argument reaches the caller as a rejected promise", async () => {
    const { vpcep } = client();
    let call: Promise<unknown> | undefined;
    expect(() => (call = vpcep.getEndpoint(""))).not.toThrow();
    await expect(call).rejects.toBeInstanceOf(VpcepArgumentError);
  });
});

describe("a failed call's error", () => {
  const answering = (body: BodyInit | null, headers: Record<string, string> = {}) =>
    scriptedClient([new Response(body, { status: 404, headers })], { retry: { maxAttempts: 1 } }).vpcep;

  it("is the error body the service sent, as it is", async () => {
    const vpcep = answering('{"error_code":"EndPoint.0005","error_msg":"The requested resource does not exist."}');
    expect((await vpcep.getEndpoint("e1")).error).toEqual({ error_code: "EndPoint.0005", error_msg: "The requested resource does not exist." });
  });

  it("is the status and an empty text for an empty body, so that if (error) sees it", async () => {
    const { data, error } = await answering(null, { "content-length": "0" }).getEndpoint("e1");
    expect([data, error]).toEqual([undefined, { status: 404, text: "" }]);
  });

  it("is the status and the text for an error response a middleware answers with, too", async () => {
    const vpcep = answering('{"error_code":"EndPoint.0005","error_msg":"gone"}');
    vpcep.use({ onResponse: () => new Response("<html>Bad Gateway</html>", { status: 502 }) });
    expect((await vpcep.getEndpoint("e1")).error).toEqual({ status: 502, text: "<html>Bad Gateway</html>" });
  });

  it("is the status and the JSON as written for JSON that is no object", async () => {
    expect((await answering("null").getEndpoint("e1")).error).toEqual({ status: 404, text: "null" });
    expect((await answering("[1,  12345678901234567890]").getEndpoint("e1")).error).toEqual({ status: 404, text: "[1,  12345678901234567890]" });
  });
});

