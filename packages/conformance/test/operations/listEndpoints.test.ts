import type { ListEndpointsQuery } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { brokenPaging, itServesEachExample, validPaging } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();

describe("listEndpoints", () => {
  describe("valid requests", () => {
    it("lists endpoints with 200, the endpoints wrapper and total_count", async () => {
      const outcome = await vpcep.listEndpoints();
      expectSuccess("listEndpoints", outcome);
      expect(outcome.data?.endpoints.length).toBeGreaterThan(0);
    });

    it.each(validPaging())("accepts %s", async (_, query) => {
      expectSuccess("listEndpoints", await vpcep.listEndpoints(query as ListEndpointsQuery));
    });

    it("filters by service name, VPC and ID", async () => {
      const query = { endpoint_service_name: "obs", vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4", id: "e1" };
      expectSuccess("listEndpoints", await vpcep.listEndpoints(query));
    });

    itServesEachExample("listEndpoints", (headers) => vpcep.listEndpoints({}, { headers }));
  });

  describe("invalid requests", () => {
    it.each(brokenPaging())("refuses %s", async (_, query, field) => {
      expectRefusal("listEndpoints", await vpcep.listEndpoints(unchecked<ListEndpointsQuery>(query)), field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("listEndpoints", "/vpc-endpoints");
    });
  });
});
