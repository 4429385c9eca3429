import type { ResourceInstancesRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import type { BrokenCase } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { examplesOf } from "../support/spec.js";

const vpcep = mockClient();
const filters = (count: number) => Array.from({ length: count }, (_, i) => ({ key: `k${i}`, values: [] }));

describe("listResourcesByTags", () => {
  describe("valid requests", () => {
    it.each([...examplesOf("listResourcesByTags", "request")])("accepts the documented example %s with 200", async (_, body) => {
      const outcome = await vpcep.listResourcesByTags("endpoint_service", body as ResourceInstancesRequest);
      expectSuccess("listResourcesByTags", outcome);
    });

    it.each(["endpoint_service", "endpoint"] as const)("accepts the resource type %s", async (type) => {
      expectSuccess("listResourcesByTags", await vpcep.listResourcesByTags(type, { action: "count" }));
    });

    it("accepts the limits: 20 filters of each kind, 10 values, limit 1000 as a string", async () => {
      const values = Array.from({ length: 10 }, (_, i) => `v${i}`);
      const body: ResourceInstancesRequest = {
        action: "filter",
        limit: "1000",
        offset: "0",
        tags: filters(20).map((filter) => ({ ...filter, values })),
        tags_any: filters(20),
        not_tags: filters(20),
        not_tags_any: filters(20),
        matches: [{ key: "resource_name", value: "n".repeat(255) }],
      };
      expectSuccess("listResourcesByTags", await vpcep.listResourcesByTags("endpoint", body));
    });

    it("answers count with total_count only", async () => {
      const outcome = await vpcep.listResourcesByTags("endpoint", { action: "count" }, {
        headers: { Prefer: "example=ResourceInstancesCounted" },
      });
      expectSuccess("listResourcesByTags", outcome);
      expect(outcome.data).toEqual({ total_count: 3 });
    });
  });

  describe("invalid requests", () => {
    const cases: BrokenCase<Record<string, unknown>>[] = [
      ["limit as a number", { action: "filter", limit: 10 }, "limit"],
      ["limit 0", { action: "filter", limit: "0" }, "limit"],
      ["limit 1001", { action: "filter", limit: "1001" }, "limit"],
      ["offset -1", { action: "filter", offset: "-1" }, "offset"],
      ["the action list", { action: "list" }, "action"],
      ["a request without action", { tags: [] }, "action"],
      ["21 tag filters", { action: "count", tags: filters(21) }, "tags"],
      ["a filter without values", { action: "count", tags: [{ key: "k" }] }, "tags.0.values"],
      ["11 values for one key", { action: "count", tags_any: [{ key: "k", values: Array.from({ length: 11 }, (_, i) => `v${i}`) }] }, "tags_any.0.values"],
      ["a repeated value", { action: "count", not_tags: [{ key: "k", values: ["a", "a"] }] }, "not_tags.0.values"],
      ["a 128-character filter key", { action: "count", not_tags_any: [{ key: "k".repeat(128), values: [] }] }, "not_tags_any.0.key"],
      ["a match on another field", { action: "filter", matches: [{ key: "resource_id", value: "x" }] }, "matches.0.key"],
    ];
    it.each(cases)("refuses %s", async (_, body, field) => {
      const outcome = await vpcep.listResourcesByTags("endpoint", unchecked<ResourceInstancesRequest>(body));
      expectRefusal("listResourcesByTags", outcome, field);
    });

    it("refuses an unknown resource type", async () => {
      const outcome = await vpcep.POST("/{resource_type}/resource_instances/action", {
        params: { path: { resource_type: unchecked<"endpoint">("vpc") } },
        body: { action: "count" },
      });
      expectRefusal("listResourcesByTags", outcome, "resource_type");
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("listResourcesByTags", "/endpoint/resource_instances/action", {
        method: "POST",
        body: JSON.stringify({ action: "count" }),
      });
    });
  });
});
