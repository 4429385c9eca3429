// Runs every code sample of the page against the contract mock: the TypeScript programs, compiled
// to JavaScript and started with node as a reader would start them, and the requests of the curl
// samples. A sample that stops working against the spec fails here.
import { startMock, type RunningMock } from "@otc-vpcep/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRequest, TOKEN_VARIABLE } from "../lib/curl.mjs";
import { readSamples } from "../lib/code-samples.mjs";
import { bundledSpec, specOperations } from "./support/docs.js";
import { compilePrograms, outputDir, runProgram, type Run } from "./support/programs.js";

const spec = bundledSpec();
const operations = specOperations();
const compiledDir = outputDir("samples");
let mock: RunningMock;

beforeAll(async () => {
  compilePrograms(compiledDir, readSamples());
  mock = await startMock();
});

afterAll(async () => {
  await mock?.stop();
});

function runSample(operationId: string): Promise<Run> {
  return runProgram(`${compiledDir}${operationId}.mjs`, {
    VPCEP_BASE_URL: mock.url,
    VPCEP_PROJECT_ID: "6e9dfd51d1124e8d8498dce894923a0d",
    [TOKEN_VARIABLE]: "token-for-the-mock",
  });
}

describe("the TypeScript sample, run with node against the mock", () => {
  it.each(operations.map((entry) => entry.operation.operationId))("%s exits with 0", async (operationId) => {
    const run = await runSample(operationId);
    expect(run, `stderr of the ${operationId} sample:\n${run.stderr}`).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).not.toBe("");
  });
});

describe("the request of the curl sample, sent to the mock", () => {
  it.each(operations.map((entry) => [entry.operation.operationId, entry] as const))("%s succeeds", async (_, entry) => {
    const request = exampleRequest(spec, entry);
    const headers: Record<string, string> = request.authenticated ? { "X-Auth-Token": "token-for-the-mock" } : {};
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${mock.url}${request.target}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    expect(response.ok, `${request.method} ${request.target} answered ${response.status}: ${await response.text()}`).toBe(true);
  });
});
