import type { TagActionRequest } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import type { BrokenCase } from "../support/cases.js";
import { expectRefusal, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { examplesOf } from "../support/spec.js";

const vpcep = mockClient();
const resourceId = "4189d3c2-8882-4871-a3c2-d380272eed83";
const tags = (count: number) => Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe("updateResourceTags", () => {
  describe("valid requests", () => {
    it.each([...examplesOf("updateResourceTags", "request")])("accepts the documented example %s with 204", async (_, body) => {
      const outcome = await vpcep.updateResourceTags("endpoint_service", resourceId, body as TagActionRequest);
      expect(outcome.response.status).toBe(204);
    });

    it("accepts 20 tags with keys of 36 and values of 43 characters", async () => {
      const body: TagActionRequest = {
        action: "create",
        tags: tags(20).map(({ key }) => ({ key: key.padEnd(36, "k"), value: "v".repeat(43) })),
      };
      expect((await vpcep.updateResourceTags("endpoint", resourceId, body)).response.status).toBe(204);
    });
  });

  describe("invalid requests", () => {
    const cases: BrokenCase<Record<string, unknown>>[] = [
      ["21 tags", { action: "create", tags: tags(21) }, "tags"],
      ["a tag to create without value", { action: "create", tags: [{ key: "k" }] }, "tags.0"],
      ["a tag without key", { action: "delete", tags: [{ value: "v" }] }, "tags.0"],
      ["a 37-character key", { action: "create", tags: [{ key: "k".repeat(37), value: "v" }] }, "tags.0.key"],
      ["a key with a space", { action: "create", tags: [{ key: "a b", value: "v" }] }, "tags.0.key"],
      ["a 44-character value", { action: "create", tags: [{ key: "k", value: "v".repeat(44) }] }, "tags.0.value"],
      ["no tags", { action: "delete", tags: [] }, "tags"],
      ["the action add", { action: "add", tags: tags(1) }, "action"],
    ];
    it.each(cases)("refuses %s", async (_, body, field) => {
      const outcome = await vpcep.updateResourceTags("endpoint", resourceId, unchecked<TagActionRequest>(body));
      expectRefusal("updateResourceTags", outcome, field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("updateResourceTags", `/endpoint/${resourceId}/tags/action`, {
        method: "POST",
        body: JSON.stringify({ action: "delete", tags: [{ key: "k" }] }),
      });
    });
  });
});
