import { describe, expect, it } from "vitest";
import { expectUnauthorized } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

describe("deleteEndpointService", () => {
  describe("valid requests", () => {
    it("accepts the delete with 204 and no body", async () => {
      const outcome = await vpcep.deleteEndpointService(serviceId);
      expect(outcome.response.status).toBe(204);
      expect(outcome.data).toBeUndefined();
    });

    it("documents 400 for a service still in use, with a valid error body", async () => {
      const outcome = await vpcep.deleteEndpointService(serviceId, {
        headers: { Prefer: "code=400, example=ErrorServiceInUse" },
      });
      expect(outcome.response.status).toBe(400);
      expect(outcome.error).toEqual({ error_code: "EndPoint.3006", error_msg: "The endpoint service is being used." });
      expect(responseViolations("deleteEndpointService", 400, outcome.error)).toEqual([]);
    });
  });

  describe("invalid requests", () => {
    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("deleteEndpointService", `/vpc-endpoint-services/${serviceId}`, { method: "DELETE" });
    });
  });
});
