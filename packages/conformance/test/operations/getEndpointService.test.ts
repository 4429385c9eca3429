import { describe, expect, it } from "vitest";
import { itServesEachExample } from "../support/cases.js";
import { expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

describe("getEndpointService", () => {
  describe("valid requests", () => {
    it("reads a service with 200 and a body valid against the spec", async () => {
      const outcome = await vpcep.getEndpointService(serviceId);
      expectSuccess("getEndpointService", outcome);
      expect(outcome.data?.status).toBe("available");
    });

    itServesEachExample("getEndpointService", (headers) => vpcep.getEndpointService(serviceId, { headers }));

    it("documents 404 for a service that is gone, with a valid error body", async () => {
      const outcome = await vpcep.getEndpointService(serviceId, { headers: { Prefer: "code=404" } });
      expect(outcome.response.status).toBe(404);
      expect(responseViolations("getEndpointService", 404, outcome.error)).toEqual([]);
    });
  });

  describe("invalid requests", () => {
    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("getEndpointService", `/vpc-endpoint-services/${serviceId}`);
    });

    it("is not confused with the public, describe and tags paths", async () => {
      const outcome = await vpcep.GET("/vpc-endpoint-services/public", {});
      expect(outcome.data).toHaveProperty("endpoint_services");
    });
  });
});
