import type { ConnectionActionRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import type { BrokenCase } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { examplesOf, responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";
const endpointId = "705290f3-0d00-41f2-aedc-71f09844e879";

describe("acceptOrRejectConnections", () => {
  describe("valid requests", () => {
    it.each([...examplesOf("acceptOrRejectConnections", "request")])(
      "accepts the documented example %s with 200 and the connection",
      async (_, body) => {
        const outcome = await vpcep.acceptOrRejectConnections(serviceId, body as ConnectionActionRequest);
        expectSuccess("acceptOrRejectConnections", outcome);
        expect(outcome.data?.connections).toHaveLength(1);
      },
    );

    it("documents EndPoint.2013 for an endpoint of another service", async () => {
      const outcome = await vpcep.acceptOrRejectConnections(
        serviceId,
        { action: "receive", endpoints: [endpointId] },
        { headers: { Prefer: "code=400, example=ErrorEndpointNotOfService" } },
      );
      expect(outcome.response.status).toBe(400);
      expect(responseViolations("acceptOrRejectConnections", 400, outcome.error)).toEqual([]);
    });
  });

  describe("invalid requests", () => {
    const cases: BrokenCase<Record<string, unknown>>[] = [
      ["two endpoint IDs in one request", { action: "receive", endpoints: [endpointId, "1f0c8a3e-7b2d-4e65-9c1a-3d5e7f9a0b12"] }, "endpoints"],
      ["no endpoint ID", { action: "receive", endpoints: [] }, "endpoints"],
      ["an empty endpoint ID", { action: "reject", endpoints: [""] }, "endpoints.0"],
      ["the action accept (it is receive)", { action: "accept", endpoints: [endpointId] }, "action"],
      ["a request without action", { endpoints: [endpointId] }, "action"],
      ["a request without endpoints", { action: "reject" }, "endpoints"],
      ["endpoints as a string", { action: "reject", endpoints: endpointId }, "endpoints"],
    ];
    it.each(cases)("refuses %s", async (_, body, field) => {
      const outcome = await vpcep.acceptOrRejectConnections(serviceId, unchecked<ConnectionActionRequest>(body));
      expectRefusal("acceptOrRejectConnections", outcome, field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("acceptOrRejectConnections", `/vpc-endpoint-services/${serviceId}/connections/action`, {
        method: "POST",
        body: JSON.stringify({ action: "receive", endpoints: [endpointId] }),
      });
    });
  });
});
