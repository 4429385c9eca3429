// The responses' OpenAPI links (spec/components/links), which Redoc does not render, are written into
// the page's copy of the spec as a short section at the end of the response's description (lib/links.mjs).
import { describe, expect, it } from "vitest";
import { operationAnchor } from "../lib/anchors.mjs";
import { LINKS_HEADING, linksSection, withResponseLinks } from "../lib/links.mjs";
import { deref, findOperation, listOperations, type OpenApi } from "../lib/spec.mjs";
import { bundledSpec, pageDefinition } from "./support/docs.js";

interface Link {
  operationId: string;
  description?: string;
  parameters?: Record<string, unknown>;
}
interface Response {
  description?: string;
  links?: Record<string, Link | { $ref: string }>;
}

const spec = bundledSpec();

function responseOf(document: OpenApi, operationId: string, status: string): Response {
  const entry = findOperation(document, operationId);
  const responses = (entry?.operation as { responses?: Record<string, Response> } | undefined)?.responses;
  if (responses?.[status] === undefined) throw new Error(`${operationId} has no response ${status}`);
  return deref(document, responses[status]);
}

function linksOf(document: OpenApi, operationId: string, status: string): Link[] {
  return Object.values(responseOf(document, operationId, status).links ?? {}).map((link) => deref<Link>(document, link));
}

describe("the links of the responses, on the page", () => {
  const page = pageDefinition();
  const described = responseOf(page, "createEndpoint", "200").description ?? "";

  it("follow createEndpoint's 200 description, after what the spec says of it", () => {
    const original = responseOf(spec, "createEndpoint", "200").description ?? "";
    expect(described.startsWith(`${original.trimEnd()}\n\n${LINKS_HEADING}`)).toBe(true);
  });

  it("name each linked operation of createEndpoint's 200, linked to its place on the page", () => {
    const links = linksOf(spec, "createEndpoint", "200");
    expect(links.map((link) => link.operationId)).toEqual(["getEndpoint", "deleteEndpoint", "listServiceConnections", "updateResourceTags"]);
    for (const link of links) expect(described).toContain(`[**${link.operationId}**](${operationAnchor(spec, link.operationId)})`);
  });

  it("say which value of the response each link passes on, and what the link is for", () => {
    expect(described).toContain(
      "- [**getEndpoint**](#/vpc-endpoints/getendpoint) (`vpc_endpoint_id` = `$response.body#/id`): " +
        "Read the new endpoint, for example to wait until it is `accepted`.",
    );
    expect(described).toContain("(`vpc_endpoint_service_id` = `$response.body#/endpoint_service_id`, `id` = `$response.body#/id`)");
  });

  it("name the request's own project_id once, in the lead line, instead of on every link", () => {
    expect(described).toContain(`${LINKS_HEADING}: what to call next with this response (each with the request's \`project_id\`).`);
    expect(described).not.toContain("`project_id` = ");
  });

  it("are shown for every response that has links, and only for those", () => {
    const withSection = listOperations(page).flatMap((entry) =>
      Object.entries((entry.operation as { responses?: Record<string, Response> }).responses ?? {}).flatMap(([status, response]) =>
        (deref<Response>(page, response).description ?? "").includes(LINKS_HEADING) ? [`${entry.operation.operationId} ${status}`] : [],
      ),
    );
    expect(withSection).toEqual(["createEndpointService 200", "createEndpoint 200"]);
  });
});

describe("writing the links section", () => {
  it("refuses a link to an operation the spec does not have", () => {
    expect(() => linksSection(spec, { Nowhere: { operationId: "launchRocket" } })).toThrow("the spec has no operation launchRocket");
  });

  it("refuses a link that names its operation by operationRef", () => {
    expect(() => linksSection(spec, { ByRef: { operationRef: "#/paths/~1/get" } })).toThrow("link ByRef names no operationId");
  });

  it("leaves the spec it is given unchanged", () => {
    const before = JSON.stringify(spec);
    withResponseLinks(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });
});
