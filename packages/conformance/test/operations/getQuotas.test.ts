import type { GetQuotasQuery } from "@otc-vpcep/client";
import { describe, expect, it } from "vitest";
import { itServesEachExample } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";

const vpcep = mockClient();

describe("getQuotas", () => {
  describe("valid requests", () => {
    it("reads the quotas with 200, used within quota", async () => {
      const outcome = await vpcep.getQuotas();
      expectSuccess("getQuotas", outcome);
      for (const quota of outcome.data?.quotas.resources ?? []) expect(quota.used).toBeLessThanOrEqual(quota.quota ?? 0);
    });

    it.each(["endpoint_service", "endpoint"] as const)("reads the quota of type %s", async (type) => {
      expectSuccess("getQuotas", await vpcep.getQuotas({ type }));
    });

    itServesEachExample("getQuotas", (headers) => vpcep.getQuotas({}, { headers }));
  });

  describe("invalid requests", () => {
    it("refuses an unknown type", async () => {
      expectRefusal("getQuotas", await vpcep.getQuotas(unchecked<GetQuotasQuery>({ type: "vpc" })), "type");
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("getQuotas", "/quotas");
    });
  });
});
