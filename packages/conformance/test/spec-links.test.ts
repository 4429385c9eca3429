import { describe, expect, it } from "vitest";
import { model, operationIds, resolve } from "./support/spec.js";

type Json = Record<string, unknown>;

/** The links of an operation's 200 response, resolved. */
function linksOf(operationId: string): Map<string, Json> {
  const links = (model.response(operationId, 200)?.node["links"] ?? {}) as Json;
  return new Map(Object.entries(links).map(([name, link]) => [name, resolve(link, name).node]));
}

/** The parameter names an operation takes, path item and operation together. */
function parameterNames(operationId: string): string[] {
  return model.operationById(operationId).parameters.map((parameter) => parameter.name);
}

/** The properties of an operation's 200 response body. */
function responseProperties(operationId: string): string[] {
  const schema = model.bodySchema(operationId, 200);
  return Object.keys(resolve(schema?.node, "schema").node["properties"] as Json);
}

const creates = {
  createEndpoint: ["getEndpoint", "deleteEndpoint", "listServiceConnections", "updateResourceTags"],
  createEndpointService: [
    "getEndpointService",
    "updateEndpointService",
    "deleteEndpointService",
    "listServiceConnections",
    "listServicePermissions",
    "updateServicePermissions",
    "updateResourceTags",
  ],
};

describe("OpenAPI links", () => {
  it.each(Object.entries(creates))("lead from %s to its get, delete, connections and tag operations", (create, targets) => {
    const linked = [...linksOf(create).values()].map((link) => link["operationId"]);
    expect(linked.sort()).toEqual([...targets].sort());
  });

  it.each(Object.keys(creates))("from %s name existing operations, only their parameters, and fields the create returns", (create) => {
    for (const [name, link] of linksOf(create)) {
      const target = link["operationId"] as string;
      expect(operationIds(), name).toContain(target);
      const parameters = link["parameters"] as Record<string, string>;
      expect(parameterNames(target), name).toEqual(expect.arrayContaining(Object.keys(parameters)));
      for (const value of Object.values(parameters)) {
        const field = /^\$response\.body#\/(\w+)$/.exec(value)?.[1];
        if (field !== undefined) expect(responseProperties(create), `${name}: ${value}`).toContain(field);
        else if (value.startsWith("$")) expect(value, name).toBe("$request.path.project_id");
      }
    }
  });

  it.each(Object.keys(creates))("from %s pass every path parameter their operation needs", (create) => {
    for (const [name, link] of linksOf(create)) {
      const target = link["operationId"] as string;
      const path = model.operationById(target).path;
      const needed = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(Object.keys(link["parameters"] as Json), name).toEqual(expect.arrayContaining(needed));
    }
  });
});
