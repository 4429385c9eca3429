import { createVpcepClient, VpcepApiError } from "@otc-vpcep/client";
import { describe, expect, inject, it } from "vitest";
import { expectSuccess } from "../support/assertions.js";
import { projectId } from "../support/urls.js";
import { recordingFetch } from "../support/wire.js";

// The client's own features, against the contract mock: both ways to authenticate,
// paging, waiters and thrown errors.
const baseUrl = inject("mockUrl");

describe("the client against the mock", () => {
  it("authenticates with AK/SK: the mock accepts the signed request (getEndpoint)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, credentials: { accessKey: "AKEXAMPLE", secretKey: "sk" }, fetch: recordingFetch });
    expectSuccess("getEndpoint", await vpcep.getEndpoint("705290f3-0d00-41f2-aedc-71f09844e879"));
  });

  it("authenticates with AK/SK for a create with a body (createEndpoint)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, credentials: { accessKey: "AKEXAMPLE", secretKey: "sk" }, fetch: recordingFetch });
    expectSuccess("createEndpoint", await vpcep.createEndpoint({ vpc_id: "v", endpoint_service_id: "s" }));
  });

  it("authenticates with a token provider (listEndpoints)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: async () => "token-from-provider", fetch: recordingFetch });
    expectSuccess("listEndpoints", await vpcep.listEndpoints());
  });

  it("collects every page of a list (listEndpoints)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t" });
    const endpoints = await vpcep.collectAll.listEndpoints();
    expect(endpoints.map((endpoint) => endpoint.id)).toEqual([
      "705290f3-0d00-41f2-aedc-71f09844e879",
      "492c776f-2e5d-4e05-a0a4-8a7f4d6e5c2b",
    ]);
  });

  it("delivers marker_id as a decimal string (listServiceConnections)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t" });
    const connections = await vpcep.collectAll.listServiceConnections("4189d3c2-8882-4871-a3c2-d380272eed83");
    expect(connections.map((connection) => connection.marker_id)).toEqual(["16777510", "16777613"]);
  });

  it("waits for a service that is available (getEndpointService)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t" });
    const { resource: service } = await vpcep.waitFor.endpointService("4189d3c2-8882-4871-a3c2-d380272eed83", { initialDelayMs: 1 });
    expect(service.status).toBe("available");
  });

  it("waits for an accepted endpoint (getEndpoint)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t" });
    const { resource: endpoint } = await vpcep.waitFor.endpoint("705290f3-0d00-41f2-aedc-71f09844e879", { initialDelayMs: 1 });
    expect(endpoint.status).toBe("accepted");
  });

  it("throws a VpcepApiError with the documented code when asked to (getEndpoint, 404)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t", throwOnError: true });
    const error = await vpcep
      .getEndpoint("gone", { headers: { Prefer: "code=404, example=ErrorEndpointNotFound" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepApiError);
    expect(error).toMatchObject({ status: 404, code: "EndPoint.2006" });
  });

  it("reads the older error body too (getEndpoint, 404)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t", throwOnError: true });
    const error = await vpcep
      .getEndpoint("gone", { headers: { Prefer: "code=404, example=ErrorNotFoundLegacy" } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404, code: "EndPoint.0005" });
  });

  it("names the field the mock refused in the VpcepApiError's message, once (createEndpoint, 400)", async () => {
    const vpcep = createVpcepClient({ baseUrl, projectId, token: "t", throwOnError: true });
    const withoutVpc = { endpoint_service_id: "s" } as unknown as Parameters<typeof vpcep.createEndpoint>[0];
    const error = (await vpcep.createEndpoint(withoutVpc).catch((caught: unknown) => caught)) as VpcepApiError;
    expect(error).toBeInstanceOf(VpcepApiError);
    expect(error).toMatchObject({ status: 400, code: "EndPoint.0002", attempts: 1 });
    expect(error.violations).toContainEqual({ location: "body", message: expect.stringContaining("vpc_id") as string });
    expect(error.message).toMatch(/failed with 400 EndPoint\.0002: Parameter error\. request\.body .*'vpc_id'\.$/);
    expect(error.message.split("vpc_id")).toHaveLength(2);
  });
});
