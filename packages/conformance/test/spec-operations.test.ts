import { describe, expect, it } from "vitest";
import { operationIds, spec } from "./support/spec.js";

// The 21 operations Open Telekom Cloud documents for VPCEP v1; operations only Huawei
// Cloud documents are deliberately absent.
const documented = [
  "listVersions",
  "getVersion",
  "createEndpointService",
  "listEndpointServices",
  "getEndpointService",
  "updateEndpointService",
  "deleteEndpointService",
  "listServiceConnections",
  "acceptOrRejectConnections",
  "listServicePermissions",
  "updateServicePermissions",
  "listPublicEndpointServices",
  "describeEndpointService",
  "createEndpoint",
  "listEndpoints",
  "getEndpoint",
  "deleteEndpoint",
  "getQuotas",
  "listResourcesByTags",
  "updateResourceTags",
  "listProjectTags",
];

describe("the bundled spec", () => {
  it("has exactly the 21 documented operations", () => {
    expect([...operationIds()].sort()).toEqual([...documented].sort());
  });

  it("puts every project-scoped path under /v1/{project_id}, and the versions at the root", () => {
    const paths = Object.keys(spec["paths"] as object);
    expect(paths.filter((path) => !path.startsWith("/v1/{project_id}/"))).toEqual(["/", "/{version}"]);
  });
});
