import { describe, expect, it } from "vitest";
import { expectRefusal, expectSuccess, expectUnauthorized } from "../support/assertions.js";
import { mockClient } from "../support/clients.js";
import { mockUrl } from "../support/urls.js";
import { recordingFetch } from "../support/wire.js";
import { responseViolations } from "../support/spec.js";

const vpcep = mockClient();
const serviceId = "4189d3c2-8882-4871-a3c2-d380272eed83";

/** Sends the query as given, since the client refuses a wrong lookup before sending it. */
async function describeRaw(query: string) {
  const response = await recordingFetch(new Request(mockUrl(`/vpc-endpoint-services/describe${query}`), {
    headers: { "X-Auth-Token": "conformance-test-token" },
  }));
  return { response, error: await response.json() };
}

describe("describeEndpointService", () => {
  describe("valid requests", () => {
    it("looks a service up by ID with 200 and its summary", async () => {
      const outcome = await vpcep.describeEndpointService({ id: serviceId });
      expectSuccess("describeEndpointService", outcome);
      expect(outcome.data?.id).toBe(serviceId);
    });

    it("looks a service up by its full name", async () => {
      const outcome = await vpcep.describeEndpointService({ endpoint_service_name: "com.t-systems.otc.eu-de.obs" });
      expectSuccess("describeEndpointService", outcome);
    });

    it("is served by /describe, not by the service ID path", async () => {
      const { data } = await vpcep.describeEndpointService({ id: serviceId });
      expect(data).not.toHaveProperty("port_id");
    });

    it("documents 404 for a name nobody uses", async () => {
      const outcome = await vpcep.describeEndpointService({ endpoint_service_name: "x" }, { headers: { Prefer: "code=404" } });
      expect(outcome.response.status).toBe(404);
      expect(responseViolations("describeEndpointService", 404, outcome.error)).toEqual([]);
    });
  });

  describe("invalid requests", () => {
    it.each([
      ["both the name and the ID", `?id=${serviceId}&endpoint_service_name=x`],
      ["neither the name nor the ID", ""],
      ["an unknown parameter instead", "?name=x"],
      ["an empty ID", "?id="],
    ])("refuses %s", async (_, query) => {
      expectRefusal("describeEndpointService", await describeRaw(query), "lookup");
    });

    it("refuses a call without credentials with 401", async () => {
      await expectUnauthorized("describeEndpointService", `/vpc-endpoint-services/describe?id=${serviceId}`);
    });
  });
});
