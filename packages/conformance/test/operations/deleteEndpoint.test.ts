import { describe, expect, it } from "vitest";
import { expectUnauthorized } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const endpointId = "705290f3-0d00-41f2-aedc-71f09844e879";

describe("deleteEndpoint", () => {
  describe("valid requests", () => {
    it("accepts the delete with 204 and no body", async () => {
      const outcome = await vpcep.deleteEndpoint(endpointId);
      expect(outcome.response.status).toBe(204);
      expect(outcome.data).toBeUndefined();
    });

    it("documents 404 for an endpoint that is gone", async () => {
      const outcome = await vpcep.deleteEndpoint(endpointId, { headers: { Prefer: "code=404, example=ErrorEndpointNotFound" } });
      expect(outcome.response.status).toBe(404);
      expect(responseViolations("deleteEndpoint", 404, outcome.error)).toEqual([]);
    });
  });

  describe("invalid requests", () => {
    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("deleteEndpoint", `/vpc-endpoints/${endpointId}`, { method: "DELETE" });
    });
  });
});
