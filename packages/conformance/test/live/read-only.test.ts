import type { ListEndpointsQuery, ResourceType } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { expectSuccess } from "../support/assertions.js";
import { targetClient, unchecked } from "../support/clients.js";
import { targetUrl } from "../support/urls.js";
import { wireBody } from "../support/wire.js";

// Read-only checks that hold against any target: the mock, a region, or a validating
// proxy in front of one. Every answer is validated against the spec as it came over the wire.
const vpcep = targetClient();

describe("read-only operations against the target", () => {
  it("listVersions answers the versions of the API", async () => {
    expectSuccess("listVersions", await vpcep.listVersions());
  });

  it("listEndpointServices answers a valid page", async () => {
    expectSuccess("listEndpointServices", await vpcep.listEndpointServices({ limit: 5 }));
  });

  it("listPublicEndpointServices answers a valid page", async () => {
    expectSuccess("listPublicEndpointServices", await vpcep.listPublicEndpointServices({ limit: 5 }));
  });

  it("listEndpoints answers a valid page, and getEndpoint each endpoint listed", async () => {
    const page = await vpcep.listEndpoints({ limit: 3 });
    expectSuccess("listEndpoints", page);
    for (const endpoint of page.data?.endpoints ?? []) {
      if (endpoint.id !== undefined) expectSuccess("getEndpoint", await vpcep.getEndpoint(endpoint.id));
    }
  });

  it("getQuotas answers used and quota for each resource type", async () => {
    const outcome = await vpcep.getQuotas();
    expectSuccess("getQuotas", outcome);
    expect(outcome.data?.quotas.resources.length).toBeGreaterThan(0);
  });

  it.each(["endpoint_service", "endpoint"] as const)("listProjectTags answers the tags of %s resources", async (type) => {
    expectSuccess("listProjectTags", await vpcep.listProjectTags(type));
  });

  it("collectAll walks every page of listEndpoints without repeating an item", async () => {
    const endpoints = await vpcep.collectAll.listEndpoints({ limit: 1 });
    const ids = endpoints.map((endpoint) => endpoint.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("read-only refusals of the target", () => {
  it.each([
    ["limit 1001", { limit: 1001 }],
    ["the sort_key name", { sort_key: "name" }],
  ])("listEndpoints refuses %s with a 4xx and an error body", async (_, query) => {
    const { response } = await vpcep.listEndpoints(unchecked<ListEndpointsQuery>(query));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(wireBody(response)).toBeTypeOf("object");
  });

  it("listProjectTags refuses an unknown resource type with a 4xx", async () => {
    const { response } = await vpcep.GET("/{resource_type}/tags", {
      params: { path: { resource_type: unchecked<ResourceType>("vpc") } },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("listEndpoints refuses a call without credentials with 401", async () => {
    // Only the status: a gateway or a validating proxy may word the body its own way.
    const response = await fetch(targetUrl("/vpc-endpoints"));
    expect(response.status).toBe(401);
  });
});
