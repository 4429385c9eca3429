// Runs every code sample of the page against the contract mock: the TypeScript programs, compiled
// to JavaScript and started with node as a reader would start them, and the requests of the curl
// samples. A sample that stops working against the spec fails here.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startMock, type RunningMock } from "@otc-vpcep/mock";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRequest, TOKEN_VARIABLE } from "../lib/curl.mjs";
import { readSamples } from "../lib/code-samples.mjs";
import { bundledSpec, specOperations } from "./support/docs.js";

// Inside the package, so that the compiled programs resolve @otc-vpcep/client as the samples do.
const compiledDir = fileURLToPath(new URL("../test-output/samples/", import.meta.url));
const spec = bundledSpec();
const operations = specOperations();
const samples = readSamples();
let mock: RunningMock;

beforeAll(async () => {
  rmSync(compiledDir, { recursive: true, force: true });
  mkdirSync(compiledDir, { recursive: true });
  for (const [operationId, source] of samples) {
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: `${operationId}.ts`,
    });
    writeFileSync(`${compiledDir}${operationId}.mjs`, outputText);
  }
  mock = await startMock();
});

afterAll(async () => {
  await mock?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSample(operationId: string): Promise<Run> {
  const env = {
    ...process.env,
    VPCEP_BASE_URL: mock.url,
    VPCEP_PROJECT_ID: "6e9dfd51d1124e8d8498dce894923a0d",
    [TOKEN_VARIABLE]: "token-for-the-mock",
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [`${compiledDir}${operationId}.mjs`], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
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
