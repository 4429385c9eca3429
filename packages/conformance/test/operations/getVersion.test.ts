import { describe, expect, it } from "vitest";
import { expectRefusal, expectSuccess } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { rootUrl } from "../support/urls.js";
import { itServesEachExample } from "../support/cases.js";

const vpcep = mockClient();

describe("getVersion", () => {
  describe("valid requests", () => {
    it("describes v1 with 200 and a body valid against the spec", async () => {
      const outcome = await vpcep.getVersion("v1");
      expectSuccess("getVersion", outcome);
      expect(outcome.data?.version.id).toBe("v1");
    });

    it("needs no credentials", async () => {
      expect((await fetch(rootUrl("/v1"))).status).toBe(200);
    });

    itServesEachExample("getVersion", (headers) => vpcep.getVersion("v1", { headers }));
  });

  describe("invalid requests", () => {
    it.each(["1", "latest", "v1.0"])("refuses the version %s, which is not v<number>", async (version) => {
      expectRefusal("getVersion", await vpcep.getVersion(version), "version");
    });
  });
});
