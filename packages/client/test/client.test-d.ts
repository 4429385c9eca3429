import { describe, expectTypeOf, it } from "vitest";
import {
  createVpcepClient,
  parseTimestamp,
  type CreateEndpointRequest,
  type CreateEndpointServiceRequest,
  type Endpoint,
  type EndpointService,
  type EndpointStatus,
  type PublicEndpointService,
  type KnownEndpointStatus,
  type ApiError,
  type ErrorBodyText,
  type Region,
  type VpcepClientOptions,
} from "../src/index.js";

const vpcep = createVpcepClient({ region: "eu-de", projectId: "p", token: "t" });
const serviceBody: CreateEndpointServiceRequest = {
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
  server_type: "LB",
  ports: [{ client_port: 443, server_port: 8443 }],
};

describe("createVpcepClient options", () => {
  it("accepts a region or a baseUrl", () => {
    expectTypeOf<{ region: "eu-nl"; projectId: string; token: string }>().toExtend<VpcepClientOptions>();
    expectTypeOf<{ baseUrl: URL; projectId: string; token: string }>().toExtend<VpcepClientOptions>();
  });

  it("names the known regions", () => {
    expectTypeOf<Region>().toEqualTypeOf<"eu-de" | "eu-nl">();
  });

  it("refuses an unknown region, both region and baseUrl, and a missing project", () => {
    // @ts-expect-error "eu-xx" is not a Region
    createVpcepClient({ region: "eu-xx", projectId: "p", token: "t" });
    // @ts-expect-error region and baseUrl exclude each other
    createVpcepClient({ region: "eu-de", baseUrl: "http://127.0.0.1", projectId: "p", token: "t" });
    // @ts-expect-error projectId is required
    createVpcepClient({ region: "eu-de", token: "t" });
  });
});

describe("createEndpoint (POST /vpc-endpoints)", () => {
  it("takes the body without a project id and returns an Endpoint or an ApiError", async () => {
    const { data, error } = await vpcep.POST("/vpc-endpoints", {
      body: { vpc_id: "v", endpoint_service_id: "s" },
    });
    expectTypeOf(data).toEqualTypeOf<Endpoint | undefined>();
    expectTypeOf(error).toEqualTypeOf<ApiError | undefined>();
  });

  it("returns the same data from the named method, and an error that is the body or, for one that is no JSON object, its text", async () => {
    const { data, error } = await vpcep.createEndpoint({ vpc_id: "v", endpoint_service_id: "s" });
    expectTypeOf(data).toEqualTypeOf<Endpoint | undefined>();
    expectTypeOf(error).toEqualTypeOf<ApiError | ErrorBodyText | undefined>();
  });

  it("refuses a wrong field name", () => {
    // @ts-expect-error enable_dsn is not a field (enable_dns is)
    void vpcep.createEndpoint({ vpc_id: "v", endpoint_service_id: "s", enable_dsn: true });
  });

  it("refuses a missing required field", () => {
    // @ts-expect-error endpoint_service_id is required
    void vpcep.createEndpoint({ vpc_id: "v" });
    void vpcep.POST("/vpc-endpoints", {
      // @ts-expect-error endpoint_service_id is required, also through the generic POST
      body: { vpc_id: "v" },
    });
  });

  it("refuses a wrong type", () => {
    // @ts-expect-error enable_dns is a boolean
    const body: CreateEndpointRequest = { vpc_id: "v", endpoint_service_id: "s", enable_dns: "yes" };
    void body;
  });

  it("refuses the full path: the project is bound by the client", () => {
    // @ts-expect-error paths are written without /v1/{project_id}
    void vpcep.POST("/v1/{project_id}/vpc-endpoints", { body: { vpc_id: "v", endpoint_service_id: "s" } });
  });

  it("types marker_id as a decimal string", () => {
    expectTypeOf<Endpoint["marker_id"]>().toEqualTypeOf<string | undefined>();
  });

  it("types status as an open enum: any string, the documented states named by KnownEndpointStatus", () => {
    expectTypeOf<NonNullable<Endpoint["status"]>>().toEqualTypeOf<string>();
    expectTypeOf<KnownEndpointStatus>().toEqualTypeOf<
      "pendingAcceptance" | "creating" | "accepted" | "rejected" | "failed" | "deleting"
    >();
    expectTypeOf<"frozen">().toExtend<EndpointStatus>();
    expectTypeOf<"accepted">().toExtend<EndpointStatus>();
  });

  it("keeps request enums closed: an undocumented server_type does not compile", () => {
    // @ts-expect-error "ECS" is not a documented server_type
    void vpcep.createEndpointService({ ...serviceBody, server_type: "ECS" });
    // @ts-expect-error "UDP" is not a documented protocol of a new mapping
    void vpcep.createEndpointService({ ...serviceBody, ports: [{ client_port: 1, server_port: 1, protocol: "UDP" }] });
  });
});

describe("createEndpointService (POST /vpc-endpoint-services)", () => {
  it("returns an EndpointService", async () => {
    const { data } = await vpcep.createEndpointService(serviceBody);
    expectTypeOf(data).toEqualTypeOf<EndpointService | undefined>();
    const generic = await vpcep.POST("/vpc-endpoint-services", { body: serviceBody });
    expectTypeOf(generic.data).toEqualTypeOf<EndpointService | undefined>();
  });

  it("refuses a wrong field name", () => {
    // @ts-expect-error approval is not a field (approval_enabled is)
    void vpcep.createEndpointService({ ...serviceBody, approval: false });
  });

  it("refuses a wrong enum value", () => {
    // @ts-expect-error "ELB" is not a server_type
    const body: CreateEndpointServiceRequest = { ...serviceBody, server_type: "ELB" };
    void body;
    // @ts-expect-error "UDP" is not a documented protocol
    const port: CreateEndpointServiceRequest["ports"][number] = { client_port: 1, server_port: 1, protocol: "UDP" };
    void port;
  });

  it("refuses a body without ports", () => {
    // @ts-expect-error ports is required
    void vpcep.createEndpointService({ port_id: "p", vpc_id: "v", server_type: "VM" });
  });

  it("refuses a wrong enum value in the call", () => {
    // @ts-expect-error "always" is not a tcp_proxy value
    void vpcep.createEndpointService({ ...serviceBody, tcp_proxy: "always" });
  });
});

describe("parseTimestamp", () => {
  it("takes the timestamp fields of responses and returns a Date", () => {
    expectTypeOf(parseTimestamp).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(parseTimestamp).returns.toEqualTypeOf<Date>();
    expectTypeOf<NonNullable<Endpoint["created_at"]>>().toExtend<Parameters<typeof parseTimestamp>[0]>();
  });
});

describe("the response types accept what the service really sends (packages/conformance/test/fixtures/real)", () => {
  it("a service with zone-less timestamps, a UDP mapping and stored tag values of any characters", () => {
    expectTypeOf<{
      status: "available";
      created_at: "2018-01-30T07:42:01.174";
      ports: [{ client_port: 8082; server_port: 23; protocol: "UDP" }];
      tags: [{ key: "key1"; value: "*value1" }];
    }>().toExtend<EndpointService>();
  });

  it("an endpoint with an undocumented state, active_status as one string and enable_dns as a string", () => {
    expectTypeOf<{ status: "frozen"; active_status: "active"; enable_dns: "true"; updated_at: "2018-10-18T06:49:50Z" }>().toExtend<Endpoint>();
    expectTypeOf<{ active_status: ["frozen"] }>().toExtend<Endpoint>();
  });

  it("a public service whose is_charge is the string \"true\"", () => {
    expectTypeOf<{ service_type: "gateway"; is_charge: "true" }>().toExtend<PublicEndpointService>();
  });
});
