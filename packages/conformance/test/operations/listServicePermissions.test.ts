import type { ListServicePermissionsQuery } from "@otc-vpcep/client";
import { describe, it } from "vitest";
import { brokenPaging, itServesEachExample } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

describe("listServicePermissions", () => {
  describe("valid requests", () => {
    it("lists whitelist records with 200, the permissions wrapper and total_count", async () => {
      expectSuccess("listServicePermissions", await vpcep.listServicePermissions(serviceId));
    });

    it.each([
      ["limit 0", { limit: 0 }],
      ["limit 500", { limit: 500 }],
      ["sort_key created_at, ascending", { sort_key: "created_at", sort_dir: "asc" }],
      ["a permission filter", { permission: "iam:domain::5fc9" }],
    ] as const)("accepts %s", async (_, query) => {
      expectSuccess("listServicePermissions", await vpcep.listServicePermissions(serviceId, query));
    });

    itServesEachExample("listServicePermissions", (headers) => vpcep.listServicePermissions(serviceId, {}, { headers }));
  });

  describe("invalid requests", () => {
    it.each([
      ...brokenPaging(500),
      ["the sort_key updated_at, which whitelists do not have", { sort_key: "updated_at" }, "sort_key"],
    ] as const)("refuses %s", async (_, query, field) => {
      const outcome = await vpcep.listServicePermissions(serviceId, unchecked<ListServicePermissionsQuery>(query));
      expectRefusal("listServicePermissions", outcome, field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("listServicePermissions", `/vpc-endpoint-services/${serviceId}/permissions`);
    });
  });
});
