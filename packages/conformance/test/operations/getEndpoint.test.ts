import { describe, expect, it } from "vitest";
import { itServesEachExample } from "../support/cases.js";
import { expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { examplesOf, responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const endpointId = "705290f3-0d00-41f2-aedc-71f09844e879";

describe("getEndpoint", () => {
  describe("valid requests", () => {
    it("reads an endpoint with 200 and a body valid against the spec", async () => {
      const outcome = await vpcep.getEndpoint(endpointId);
      expectSuccess("getEndpoint", outcome);
      expect(outcome.data?.id).toBe(endpointId);
    });

    it("has an example for each state of the lifecycle", () => {
      const states = [...examplesOf("getEndpoint", 200).values()].map((endpoint) => (endpoint as { status: string }).status);
      expect(new Set(states)).toEqual(
        new Set(["creating", "pendingAcceptance", "accepted", "rejected", "failed", "deleting"]),
      );
    });

    itServesEachExample("getEndpoint", (headers) => vpcep.getEndpoint(endpointId, { headers }));

    it("documents the reason of a failure in error", async () => {
      const { data } = await vpcep.getEndpoint(endpointId, { headers: { Prefer: "example=EndpointFailed" } });
      expect(data?.error?.[0]?.error_code).toBe("EndPoint.2022");
    });

    it.each(["ErrorNotFound", "ErrorEndpointNotFound", "ErrorNotFoundLegacy"])(
      "documents 404 with the error body %s",
      async (example) => {
        const outcome = await vpcep.getEndpoint(endpointId, { headers: { Prefer: `code=404, example=${example}` } });
        expect(outcome.response.status).toBe(404);
        expect(responseViolations("getEndpoint", 404, outcome.error)).toEqual([]);
      },
    );
  });

  describe("invalid requests", () => {
    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("getEndpoint", `/vpc-endpoints/${endpointId}`);
    });
  });
});
