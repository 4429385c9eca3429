import { describe, expectTypeOf, it } from "vitest";
import {
  createVpcepClient,
  type Connection,
  type EndpointServiceSummary,
  type KnownErrorCode,
  type ListEndpointsQuery,
  type Version,
} from "../src/index.js";

const vpcep = createVpcepClient({ region: "eu-de", projectId: "p", token: "t" });

describe("list operations", () => {
  it("return the page wrapper with total_count", async () => {
    const { data } = await vpcep.listServiceConnections("s");
    expectTypeOf(data?.connections).toEqualTypeOf<Connection[] | undefined>();
    expectTypeOf(data?.total_count).toEqualTypeOf<number | undefined>();
  });

  it("type the documented query parameters", () => {
    expectTypeOf<ListEndpointsQuery["sort_key"]>().toEqualTypeOf<"created_at" | "updated_at" | undefined>();
    // @ts-expect-error "name" is not a sort_key
    void vpcep.listEndpoints({ sort_key: "name" });
    // @ts-expect-error limit is a number
    void vpcep.listEndpoints({ limit: "10" });
    // @ts-expect-error status is no filter of listEndpoints
    void vpcep.listEndpoints({ status: "accepted" });
    // @ts-expect-error whitelists sort by created_at only
    void vpcep.listServicePermissions("s", { sort_key: "updated_at" });
  });
});

describe("describeEndpointService", () => {
  it("takes exactly one of the name or the ID", async () => {
    const { data } = await vpcep.describeEndpointService({ id: "s" });
    expectTypeOf(data).toEqualTypeOf<EndpointServiceSummary | undefined>();
    void vpcep.describeEndpointService({ endpoint_service_name: "com.t-systems.otc.eu-de.obs" });
    // @ts-expect-error both at once
    void vpcep.describeEndpointService({ id: "s", endpoint_service_name: "n" });
    // @ts-expect-error neither
    void vpcep.describeEndpointService({});
  });
});

describe("request bodies", () => {
  it("accept or reject: the documented actions only", () => {
    void vpcep.acceptOrRejectConnections("s", { action: "reject", endpoints: ["e"] });
    // @ts-expect-error "accept" is not an action (it is "receive")
    void vpcep.acceptOrRejectConnections("s", { action: "accept", endpoints: ["e"] });
  });

  it("tags: create needs values, delete does not", () => {
    void vpcep.updateResourceTags("endpoint", "e", { action: "delete", tags: [{ key: "k" }] });
    // @ts-expect-error a tag to create needs a value
    void vpcep.updateResourceTags("endpoint", "e", { action: "create", tags: [{ key: "k" }] });
    // @ts-expect-error "vpc" is not a resource type
    void vpcep.updateResourceTags("vpc", "e", { action: "delete", tags: [{ key: "k" }] });
  });

  it("tag query: limit and offset are strings", () => {
    void vpcep.listResourcesByTags("endpoint", { action: "filter", limit: "100", offset: "0" });
    // @ts-expect-error limit is a string in this body
    void vpcep.listResourcesByTags("endpoint", { action: "filter", limit: 100 });
  });

  it("update: a misspelt field fails", () => {
    // @ts-expect-error approval is not a field (approval_enabled is)
    void vpcep.updateEndpointService("s", { approval: true });
  });
});

describe("other operations", () => {
  it("deletes resolve to undefined data", async () => {
    const { data } = await vpcep.deleteEndpoint("e");
    expectTypeOf(data).toEqualTypeOf<undefined>();
  });

  it("versions", async () => {
    const { data } = await vpcep.getVersion("v1");
    expectTypeOf(data?.version).toEqualTypeOf<Version | undefined>();
  });

  it("lists the documented error codes", () => {
    expectTypeOf<"EndPoint.0002">().toExtend<KnownErrorCode>();
    expectTypeOf<"Endpoint.1018">().toExtend<KnownErrorCode>();
    expectTypeOf<"EndPoint.9999">().not.toExtend<KnownErrorCode>();
  });
});
