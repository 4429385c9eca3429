// Runs the TypeScript of every guide (spec/docs/*.md, its `ts` blocks joined in order, as
// guides.test.ts type-checks them) with node against the stateful emulator, each guide on a fresh
// copy of the docs' state (support/emulator-state.ts). The emulator completes a pending change at the
// next request ("immediate"), so every wait of a guide is over at its first read, without a pause.
import type { EmulatorState } from "@otc-vpcep/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledSpec, guideProgramName, guidesOf, typescriptOf } from "./support/docs.js";
import { emulatorWithDocsState, IDS, PROJECT } from "./support/emulator-state.js";
import { compilePrograms, outputDir, runProgram } from "./support/programs.js";

const guides = new Map(
  guidesOf(bundledSpec())
    .filter((guide) => guide.description.includes("```ts\n"))
    .map((guide) => [guideProgramName(guide.name), typescriptOf(guide.description)]),
);
const compiledDir = outputDir("guides-on-emulator");
const docs = emulatorWithDocsState();

beforeAll(() => {
  compilePrograms(compiledDir, guides);
});

const lines = (...text: string[]): string => text.map((line) => `${line}\n`).join("");

interface GuideCase {
  guide: string;
  does: string;
  then: (stdout: string, after: EmulatorState) => void;
}

const cases: GuideCase[] = [
  {
    guide: "getting-started",
    does: "creates an endpoint, waits until it is accepted and prints both states",
    then: (stdout, after) => {
      const made = after.endpoints.filter((endpoint) => !docs.state.endpoints.some((old) => old.id === endpoint.id));
      expect(made).toMatchObject([{ service_id: IDS.ordersService, status: "accepted" }]);
      expect(stdout).toBe(lines(`${made[0]?.id} creating`, `endpoint ${made[0]?.id} is accepted`));
    },
  },
  {
    guide: "authentication",
    does: "makes a client with a token and one with AK/SK credentials",
    then: (stdout) => expect(stdout).toBe(""),
  },
  {
    guide: "regions-and-endpoints",
    does: "prints the API roots of a region and of a proxy, and the quotas from a mock it starts",
    then: (stdout) => {
      expect(stdout).toContain(lines(`https://vpcep.eu-nl.otc.t-systems.com/v1/${PROJECT}`, `https://proxy.example.com/vpcep/v1/${PROJECT}`));
      expect(stdout).toContain("type: 'endpoint_service'");
    },
  },
  {
    guide: "lifecycles",
    does: "waits for the service, the endpoint and the deleted endpoint, which is gone afterwards",
    then: (stdout, after) => {
      expect(stdout).toBe(lines("available accepted"));
      expect(after.endpoints.map((endpoint) => endpoint.id)).not.toContain(IDS.deletingEndpoint);
    },
  },
  {
    guide: "paging-and-sorting",
    does: "pages through the project's endpoints, oldest first, and collects the available services",
    then: (stdout) =>
      expect(stdout).toBe(
        lines(
          "2 endpoints",
          `${IDS.acceptedEndpoint} accepted`,
          `${IDS.endpoint} accepted`,
          "2 services are available",
        ),
      ),
  },
  {
    guide: "errors",
    does: "reads the endpoint, and is refused the delete of a service that an endpoint uses",
    then: (stdout, after) => {
      expect(stdout).toBe(lines("endpoints still use it"));
      expect(after.services.find((service) => service.id === IDS.billingService)?.status).toBe("available");
    },
  },
  {
    guide: "signing-requests",
    does: "signs a request with the AK of the environment",
    then: (stdout) => expect(stdout).toMatch(/^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}\n$/),
  },
];

describe("the TypeScript of the guides, run with node against the emulator", () => {
  it("is checked here for every guide that has some", () => {
    expect(cases.map((entry) => entry.guide).sort()).toEqual([...guides.keys()].sort());
  });

  it.each(cases.map((entry) => [`${entry.guide} ${entry.does}`, entry] as const))("%s", async (_, { guide, then }) => {
    const run = await runProgram(`${compiledDir}${guide}.mjs`, {
      VPCEP_BASE_URL: docs.emulator.url,
      VPCEP_TOKEN: "token-for-the-emulator",
      OTC_PROJECT_ID: PROJECT,
      OTC_TOKEN: "token-for-the-emulator",
      // The published example keys of the Signing requests guide.
      OTC_ACCESS_KEY: "QTWAOYTTINDUT2QVKYUC",
      OTC_SECRET_KEY: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    });
    expect(run, `stderr of the ${guide} guide:\n${run.stderr}`).toMatchObject({ code: 0, stderr: "" });
    then(run.stdout, docs.emulator.snapshot());
  });
});
