import { describe, expect, it } from "vitest";
import { itServesEachExample } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();

describe("listProjectTags", () => {
  describe("valid requests", () => {
    it.each(["endpoint_service", "endpoint"] as const)("lists the tags of %s resources with 200", async (type) => {
      const outcome = await vpcep.listProjectTags(type);
      expectSuccess("listProjectTags", outcome);
      expect(outcome.data?.tags.length).toBeGreaterThan(0);
    });

    itServesEachExample("listProjectTags", (headers) => vpcep.listProjectTags("endpoint", { headers }));
  });

  describe("invalid requests", () => {
    it.each(["vpc", "vpc-endpoint-services"])("refuses the resource type %s", async (type) => {
      const outcome = await vpcep.GET("/{resource_type}/tags", {
        params: { path: { resource_type: unchecked<"endpoint">(type) } },
      });
      expectRefusal("listProjectTags", outcome, "resource_type");
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("listProjectTags", "/endpoint/tags");
    });
  });
});
