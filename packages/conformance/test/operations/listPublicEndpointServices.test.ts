import type { ListPublicEndpointServicesQuery } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { brokenPaging, itServesEachExample, validPaging } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();

describe("listPublicEndpointServices", () => {
  describe("valid requests", () => {
    it("lists the public services with 200 and is_charge as a boolean", async () => {
      const outcome = await vpcep.listPublicEndpointServices();
      expectSuccess("listPublicEndpointServices", outcome);
      expect(typeof outcome.data?.endpoint_services[0]?.is_charge).toBe("boolean");
    });

    it.each(validPaging())("accepts %s", async (_, query) => {
      const outcome = await vpcep.listPublicEndpointServices(query as ListPublicEndpointServicesQuery);
      expectSuccess("listPublicEndpointServices", outcome);
    });

    it("filters by name", async () => {
      expectSuccess("listPublicEndpointServices", await vpcep.listPublicEndpointServices({ endpoint_service_name: "obs" }));
    });

    itServesEachExample("listPublicEndpointServices", (headers) => vpcep.listPublicEndpointServices({}, { headers }));
  });

  describe("invalid requests", () => {
    it.each(brokenPaging())("refuses %s", async (_, query, field) => {
      const outcome = await vpcep.listPublicEndpointServices(unchecked<ListPublicEndpointServicesQuery>(query));
      expectRefusal("listPublicEndpointServices", outcome, field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("listPublicEndpointServices", "/vpc-endpoint-services/public");
    });
  });
});
