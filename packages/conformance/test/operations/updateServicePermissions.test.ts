import type { PermissionActionRequest } from "@otc-vpcep/client";
import { describe, it } from "vitest";
import type { BrokenCase } from "../support/cases.js";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient, unchecked } from "../support/clients.js";
import { examplesOf } from "../support/spec.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

describe("updateServicePermissions", () => {
  describe("valid requests", () => {
    it.each([...examplesOf("updateServicePermissions", "request")])(
      "accepts the documented example %s with 200",
      async (_, body) => {
        const outcome = await vpcep.updateServicePermissions(serviceId, body as PermissionActionRequest);
        expectSuccess("updateServicePermissions", outcome);
      },
    );

    it("accepts a 64-character domain ID with * and several entries", async () => {
      const body: PermissionActionRequest = {
        action: "add",
        permissions: [`iam:domain::${"a".repeat(63)}*`, "iam:domain::1", "*"],
      };
      expectSuccess("updateServicePermissions", await vpcep.updateServicePermissions(serviceId, body));
    });
  });

  describe("invalid requests", () => {
    const cases: BrokenCase<Record<string, unknown>>[] = [
      ["a bare domain ID", { action: "add", permissions: ["5fc973eea581490997e82ea11a1d0101"] }, "permissions.0"],
      ["a 65-character domain ID", { action: "add", permissions: [`iam:domain::${"a".repeat(65)}`] }, "permissions.0"],
      ["an empty domain ID", { action: "add", permissions: ["iam:domain::"] }, "permissions.0"],
      ["a domain ID with a dash", { action: "add", permissions: ["iam:domain::ab-cd"] }, "permissions.0"],
      ["an organization path", { action: "add", permissions: ["organizations:orgPath::o-1/r-2"] }, "permissions.0"],
      ["no entries", { action: "add", permissions: [] }, "permissions"],
      ["the action delete (it is remove)", { action: "delete", permissions: ["*"] }, "action"],
      ["a request without action", { permissions: ["*"] }, "action"],
    ];
    it.each(cases)("refuses %s", async (_, body, field) => {
      const outcome = await vpcep.updateServicePermissions(serviceId, unchecked<PermissionActionRequest>(body));
      expectRefusal("updateServicePermissions", outcome, field);
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("updateServicePermissions", `/vpc-endpoint-services/${serviceId}/permissions/action`, {
        method: "POST",
        body: JSON.stringify({ action: "add", permissions: ["*"] }),
      });
    });
  });
});
