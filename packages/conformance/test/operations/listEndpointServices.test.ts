import type { ListEndpointServicesQuery } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { brokenPaging, itServesEachExample, validPaging } from "../support/cases.js";
import { expectRefusal, expectSuccess } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();

describe("listEndpointServices", () => {
  describe("valid requests", () => {
    it("lists services with 200, the endpoint_services wrapper and total_count", async () => {
      const outcome = await vpcep.listEndpointServices();
      expectSuccess("listEndpointServices", outcome);
      expect(outcome.data?.total_count).toBeGreaterThanOrEqual(outcome.data?.endpoint_services.length ?? 0);
    });

    it.each(validPaging())("accepts %s", async (_, query) => {
      expectSuccess("listEndpointServices", await vpcep.listEndpointServices(query as ListEndpointServicesQuery));
    });

    it.each(["creating", "available", "failed", "deleting"] as const)("filters by the status %s", async (status) => {
      expectSuccess("listEndpointServices", await vpcep.listEndpointServices({ status }));
    });

    it("filters by name and ID", async () => {
      const query = { endpoint_service_name: "billing", id: "4189d3c2-8882-4871-a3c2-d380272eed83" };
      expectSuccess("listEndpointServices", await vpcep.listEndpointServices(query));
    });

    itServesEachExample("listEndpointServices", (headers) => vpcep.listEndpointServices({}, { headers }));
  });

  describe("invalid requests", () => {
    it.each([...brokenPaging(), ["the status deleted", { status: "deleted" }, "status"] as const])(
      "refuses %s",
      async (_, query, field) => {
        const outcome = await vpcep.listEndpointServices(unchecked<ListEndpointServicesQuery>(query));
        expectRefusal("listEndpointServices", outcome, field);
      },
    );
  });
});
