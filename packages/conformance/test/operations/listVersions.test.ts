import { describe, expect, it } from "vitest";
import { expectSuccess } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { rootUrl } from "../support/urls.js";
import { itServesEachExample } from "../support/cases.js";

const vpcep = mockClient();

describe("listVersions", () => {
  describe("valid requests", () => {
    it("lists the versions with 200 and a body valid against the spec", async () => {
      const outcome = await vpcep.listVersions();
      expectSuccess("listVersions", outcome);
      expect(outcome.data?.versions.map((version) => version.id)).toContain("v1");
    });

    it("needs no credentials: it sits at the host root, outside any project", async () => {
      const response = await fetch(rootUrl("/"));
      expect(response.status).toBe(200);
    });

    itServesEachExample("listVersions", (headers) => vpcep.listVersions({ headers }));
  });

  describe("invalid requests", () => {
    it("answers 405, not 5xx, to a method the root does not offer", async () => {
      const response = await fetch(rootUrl("/"), { method: "POST", body: "{}" });
      expect(response.status).toBe(405);
    });
  });
});
