import type { ListServiceConnectionsQuery } from "@otc-vpcep/client";
import { describe, it } from "vitest";
import { brokenPaging, itServesEachExample, validPaging } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

describe("listServiceConnections", () => {
  describe("valid requests", () => {
    it("lists connections with 200, the connections wrapper and total_count", async () => {
      expectSuccess("listServiceConnections", await vpcep.listServiceConnections(serviceId));
    });

    it.each(validPaging())("accepts %s", async (_, query) => {
      const outcome = await vpcep.listServiceConnections(serviceId, query as ListServiceConnectionsQuery);
      expectSuccess("listServiceConnections", outcome);
    });

    it.each(["pendingAcceptance", "accepted", "rejected", "failed"] as const)("filters by the status %s", async (status) => {
      expectSuccess("listServiceConnections", await vpcep.listServiceConnections(serviceId, { status }));
    });

    it("filters by endpoint ID and by a marker_id beyond 2^53", async () => {
      const query = { id: "705290f3-0d00-41f2-aedc-71f09844e879", marker_id: "422321321312321321" };
      expectSuccess("listServiceConnections", await vpcep.listServiceConnections(serviceId, query));
    });

    itServesEachExample("listServiceConnections", (headers) => vpcep.listServiceConnections(serviceId, {}, { headers }));
  });

  describe("invalid requests", () => {
    it.each([
      ...brokenPaging(),
      ["the status creating, which the filter does not know", { status: "creating" }, "status"],
      ["a marker_id that is not a number", { marker_id: "abc" }, "marker_id"],
    ] as const)("refuses %s", async (_, query, field) => {
      const outcome = await vpcep.listServiceConnections(serviceId, unchecked<ListServiceConnectionsQuery>(query));
      expectRefusal("listServiceConnections", outcome, field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("listServiceConnections", `/vpc-endpoint-services/${serviceId}/connections`);
    });
  });
});
