// What users get: the published packages, packed and installed into a fresh project outside
// the repository, used from ES modules, CommonJS and TypeScript, on every Node we support.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumerProject, installedVersion, type ConsumerProject } from "./support/consumer-project.js";
import { describeRuntime, nodeRuntimes, type NodeRuntime } from "./support/node-runtimes.js";
import { readManifest, tscPath } from "./support/repo.js";
import { describeRun, lastJsonLine, run, type RunResult } from "./support/run.js";

let project: ConsumerProject | undefined;

beforeAll(async () => {
  project = await createConsumerProject();
}, 240_000);

afterAll(async () => {
  await project?.remove();
});

function consumerProject(): ConsumerProject {
  if (project === undefined) throw new Error("The consumer project was not created (see the beforeAll error).");
  return project;
}

/** Runs `node <args>` in the consumer project with the Node under test, and expects success. */
async function expectSuccess(runtime: NodeRuntime, args: readonly string[]): Promise<RunResult> {
  const result = await run(runtime.executable, args, {
    cwd: consumerProject().dir,
    timeoutMs: 90_000,
    nodeExecutable: runtime.executable,
  });
  expect(result.code, describeRun(result)).toBe(0);
  return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("the installed dependencies", () => {
  it("gets Prism's packages at the releases the repository pins, without overrides of its own", async () => {
    const { overrides = {} } = await readManifest(".");
    const prismPins = Object.entries(overrides).filter(([name]) => name.startsWith("@stoplight/prism-"));
    expect(prismPins.length).toBeGreaterThan(0);
    for (const [name, pinned] of prismPins) {
      expect(await installedVersion(consumerProject(), name), name).toBe(pinned);
    }
  });
});

for (const status of nodeRuntimes({ includeRunning: true })) {
  describeRuntime(status, (runtime) => {
    const clientSummary = {
      node: expect.stringMatching(new RegExp(`^v${runtime.major}\\.`)),
      status: 200,
      endpointId: expect.stringMatching(UUID),
      markerId: expect.stringMatching(/^\d+$/),
    };
    const specSummary = {
      openapi: expect.stringMatching(/^3\.1\./),
      title: "Open Telekom Cloud VPC Endpoint API",
      yamlFirstLine: expect.stringMatching(/^openapi: 3\.1\./),
    };

    it("ESM: createEndpoint with the client on the mock from startMock", async () => {
      const result = await expectSuccess(runtime, ["esm-client.mjs"]);
      expect(lastJsonLine(result)).toEqual(clientSummary);
    });

    it("CommonJS: createEndpoint with the client on the mock from startMock", async () => {
      const result = await expectSuccess(runtime, ["cjs-client.cjs"]);
      expect(lastJsonLine(result)).toEqual(clientSummary);
    });

    it("ESM: imports the bundled spec as JSON and finds the YAML", async () => {
      const result = await expectSuccess(runtime, ["esm-spec.mjs"]);
      expect(lastJsonLine(result)).toEqual(specSummary);
    });

    it("CommonJS: requires the bundled spec as JSON and finds the YAML", async () => {
      const result = await expectSuccess(runtime, ["cjs-spec.cjs"]);
      expect(lastJsonLine(result)).toEqual(specSummary);
    });

    const emulatorSummary = { node: expect.stringMatching(new RegExp(`^v${runtime.major}\\.`)), created: "creating", ready: "available", listed: true };

    it("ESM: a service created on the emulator from startEmulator becomes available and is listed", async () => {
      const result = await expectSuccess(runtime, ["esm-emulator.mjs"]);
      expect(lastJsonLine(result)).toEqual(emulatorSummary);
    });

    it("CommonJS: a service created on the emulator from startEmulator becomes available and is listed", async () => {
      const result = await expectSuccess(runtime, ["cjs-emulator.cjs"]);
      expect(lastJsonLine(result)).toEqual(emulatorSummary);
    });

    it("the vpcep-emulator command installed in node_modules/.bin prints its usage", async () => {
      const result = await expectSuccess(runtime, [join("node_modules", ".bin", "vpcep-emulator"), "--help"]);
      expect(result.stdout).toMatch(/vpcep-emulator/);
    });

    it("the vpcep-mock command installed in node_modules/.bin prints its usage", async () => {
      const result = await expectSuccess(runtime, [join("node_modules", ".bin", "vpcep-mock"), "--help"]);
      expect(result.stdout).toMatch(/^Usage: vpcep-mock/);
    });

    it("TypeScript, moduleResolution node16: the ESM (.mts) and CommonJS (.cts) users typecheck", async () => {
      await expectSuccess(runtime, [tscPath, "-p", join("typescript", "node16", "tsconfig.json")]);
    });

    it("TypeScript, moduleResolution bundler: the user typechecks", async () => {
      await expectSuccess(runtime, [tscPath, "-p", join("typescript", "bundler", "tsconfig.json")]);
    });
  });
}
