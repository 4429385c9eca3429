import { describe, expect, it } from "vitest";
import { curlCommand, exampleRequest, shellQuote } from "../lib/curl.mjs";
import { CURL, TYPESCRIPT, readSamples, withCodeSamples } from "../lib/code-samples.mjs";
import { listOperations, operationById, type OperationEntry } from "../lib/spec.mjs";
import { bundledSpec, pageDefinition, specOperations } from "./support/docs.js";

const spec = bundledSpec();
const operationIds = specOperations().map((entry) => entry.operation.operationId);
const samples = readSamples();

const entryOf = (operationId: string): OperationEntry => operationById(spec, operationId);

describe("the TypeScript samples", () => {
  it("have a file in samples/ for every operation of the spec", () => {
    expect(operationIds.filter((operationId) => !samples.has(operationId))).toEqual([]);
  });

  it("have no file for an operation the spec lacks", () => {
    expect([...samples.keys()].filter((operationId) => !operationIds.includes(operationId))).toEqual([]);
  });

  it("all import the client from @otc-vpcep/client", () => {
    const others = [...samples].filter(([, source]) => !source.includes('from "@otc-vpcep/client"'));
    expect(others.map(([operationId]) => operationId)).toEqual([]);
  });
});

describe("the samples on the built page", () => {
  const pageOperations = listOperations(pageDefinition());

  it("give every operation a TypeScript sample and then a curl sample", () => {
    const languages = pageOperations.map((entry) => [
      entry.operation.operationId,
      (entry.operation["x-codeSamples"] ?? []).map((sample) => `${sample.lang}/${sample.label}`),
    ]);
    const expected = operationIds.map((operationId) => [
      operationId,
      [`${TYPESCRIPT.lang}/${TYPESCRIPT.label}`, `${CURL.lang}/${CURL.label}`],
    ]);
    expect(languages).toEqual(expected);
  });

  it("show each TypeScript sample exactly as its file holds it", () => {
    const differing = pageOperations.filter(
      (entry) => entry.operation["x-codeSamples"]?.[0]?.source !== samples.get(entry.operation.operationId),
    );
    expect(differing.map((entry) => entry.operation.operationId)).toEqual([]);
  });
});

describe("adding the samples", () => {
  it("fails when an operation has no TypeScript sample", () => {
    const incomplete = new Map(samples);
    incomplete.delete("getQuotas");
    expect(() => withCodeSamples(spec, incomplete)).toThrow("no TypeScript sample for getQuotas");
  });

  it("fails when a sample names an operation the spec lacks", () => {
    const extra = new Map(samples).set("renameEndpointService", "");
    expect(() => withCodeSamples(spec, extra)).toThrow("samples for operations the spec does not have: renameEndpointService");
  });

  it("leaves the bundled spec as it was", () => {
    const before = JSON.stringify(spec);
    withCodeSamples(spec, samples);
    expect(JSON.stringify(spec)).toBe(before);
  });
});

describe("the curl samples", () => {
  it("post the first example body of createEndpoint to the eu-de host, with the token", () => {
    expect(curlCommand(exampleRequest(spec, entryOf("createEndpoint")))).toBe(
      [
        "# $VPCEP_TOKEN holds an IAM token for the project (see Authentication).",
        "curl -X POST 'https://vpcep.eu-de.otc.t-systems.com/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoints' \\",
        '  -H "X-Auth-Token: $VPCEP_TOKEN" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '${JSON.stringify(
          {
            subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
            vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
            tags: [{ key: "test1", value: "test1" }],
            endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
            enable_dns: true,
          },
          null,
          2,
        )}'`,
        "",
      ].join("\n"),
    );
  });

  it("fill the path with the examples of its parameters", () => {
    expect(exampleRequest(spec, entryOf("updateResourceTags")).target).toBe(
      "/v1/6e9dfd51d1124e8d8498dce894923a0d/endpoint_service/4189d3c2-8882-4871-a3c2-d380272eed83/tags/action",
    );
  });

  it("spread the lookup object of describeEndpointService into plain query parameters", () => {
    expect(exampleRequest(spec, entryOf("describeEndpointService")).target).toBe(
      "/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoint-services/describe?id=4189d3c2-8882-4871-a3c2-d380272eed83",
    );
  });

  it("leave optional query parameters out", () => {
    expect(exampleRequest(spec, entryOf("listEndpoints")).target).toBe("/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoints");
  });

  it("send no token where the operation needs no credentials", () => {
    expect(curlCommand(exampleRequest(spec, entryOf("listVersions")))).toBe("curl 'https://vpcep.eu-de.otc.t-systems.com/'\n");
  });

  it("write DELETE without a body", () => {
    const command = curlCommand(exampleRequest(spec, entryOf("deleteEndpoint")));
    expect(command).toContain("curl -X DELETE 'https://vpcep.eu-de.otc.t-systems.com/v1/");
    expect(command).not.toContain("-d ");
  });

  it("quote a single quote inside a word for the shell", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
