import { describe, expect, it } from "vitest";
import { specModel } from "../src/index.mjs";
import { createRouter } from "../src/router.mjs";

const router = createRouter(specModel().operations());
const P = "/v1/6e9dfd51d1124e8d8498dce894923a0d";

/** The operationId a request is routed to, or the kind of the miss. */
function routed(method: string, pathname: string): string {
  const route = router.match(method, pathname);
  return route.kind === "operation" ? route.operation.id : route.kind;
}

describe("createRouter", () => {
  it("routes a request by its method and path template, with the path parameters decoded", () => {
    const route = router.match("GET", `${P}/vpc-endpoints/e%201`);
    expect(route).toMatchObject({ kind: "operation", operation: { id: "getEndpoint" }, pathParams: { project_id: P.slice(4), vpc_endpoint_id: "e 1" } });
    expect(routed("DELETE", `${P}/vpc-endpoints/e1`)).toBe("deleteEndpoint");
  });

  it("prefers a literal segment to a parameter in the same place", () => {
    expect(routed("GET", `${P}/vpc-endpoint-services/public`)).toBe("listPublicEndpointServices");
    expect(routed("GET", `${P}/vpc-endpoint-services/describe`)).toBe("describeEndpointService");
    expect(routed("GET", `${P}/vpc-endpoint-services/s1`)).toBe("getEndpointService");
    expect(routed("GET", `${P}/endpoint_service/tags`)).toBe("listProjectTags");
  });

  it("takes a template of parameters only where the parameters' patterns match", () => {
    expect(routed("GET", "/v1")).toBe("getVersion");
    expect(routed("GET", "/favicon.ico")).toBe("not-found");
  });

  it("takes every path of its length for a template of parameters only, without parameterPatterns", () => {
    const meant = createRouter(specModel().operations(), { parameterPatterns: false });
    expect(meant.match("GET", "/latest")).toMatchObject({ kind: "operation", operation: { id: "getVersion" }, pathParams: { version: "latest" } });
  });

  it("ignores one trailing slash, and routes / to its own operation", () => {
    expect(routed("GET", `${P}/vpc-endpoints/`)).toBe("listEndpoints");
    expect(routed("GET", "/")).toBe("listVersions");
  });

  it("answers HEAD with the GET operation of the path", () => {
    expect(routed("HEAD", `${P}/quotas`)).toBe("getQuotas");
  });

  it("names the methods a path has when the method is not one of them", () => {
    expect(router.match("PATCH", `${P}/vpc-endpoint-services/s1`)).toEqual({ kind: "method-not-allowed", allow: ["DELETE", "GET", "PUT"] });
  });

  it("finds nothing for an unknown path, or an empty parameter segment", () => {
    expect(routed("GET", `${P}/nothing-here`)).toBe("not-found");
    expect(routed("GET", `${P}/vpc-endpoint-services//connections`)).toBe("not-found");
  });

  it("names a path parameter that is not valid percent-encoding, and the rule", () => {
    expect(router.match("GET", `${P}/vpc-endpoints/%FF`)).toEqual({
      kind: "bad-path",
      message: 'path parameter "vpc_endpoint_id" is not valid percent-encoding (rule: RFC 3986)',
    });
  });

  it("routes by the upper-case method whatever case the operations use", () => {
    const upper = createRouter([{ method: "GET", path: "/x", parameters: [] }]);
    const lower = createRouter([{ method: "get", path: "/x", parameters: [] }]);
    expect([upper.match("GET", "/x").kind, lower.match("GET", "/x").kind]).toEqual(["operation", "operation"]);
  });
});
