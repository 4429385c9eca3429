// The Workflows guide, generated into the page from the Arazzo files that @otc-vpcep/spec publishes
// and the programs of workflows/ (lib/workflows-guide.mjs): where it is, one section per workflow with
// its inputs, steps, checks, waits, outputs, respect command and program, and what the build refuses.
// workflows-against-emulator.test.ts runs the programs.
import { describe, expect, it } from "vitest";
import { operationAnchor } from "../lib/anchors.mjs";
import { operationIdOf, readArazzoFiles } from "../lib/arazzo.mjs";
import { describeCriteria } from "../lib/criteria.mjs";
import { pageSpec } from "../lib/page-spec.mjs";
import { readSamples } from "../lib/code-samples.mjs";
import { inputValue, readWorkflowPrograms, respectCommand, WORKFLOWS_GUIDE, workflowsGuide, workflowsOf } from "../lib/workflows-guide.mjs";
import { bundledSpec, guidesOf, pageDefinition } from "./support/docs.js";
import { typeErrors } from "./support/typecheck.js";

const spec = bundledSpec();
const files = readArazzoFiles();
const workflows = workflowsOf(files);
const programs = readWorkflowPrograms();
const page = pageDefinition();
const guide = guidesOf(page).find((candidate) => candidate.name === WORKFLOWS_GUIDE)?.description ?? "";

/** The guide's section of a workflow: from its `##` heading to the next. */
function sectionOf(workflowId: string): string {
  const start = guide.indexOf(`\n## ${workflowId}\n`);
  if (start === -1) throw new Error(`the Workflows guide has no section ${workflowId}`);
  const end = guide.indexOf("\n## ", start + 1);
  return guide.slice(start, end === -1 ? undefined : end);
}

/** The blocks fenced as `lang` in a text, in order. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((match) => match[1] ?? "");
}

type PublishedWorkflow = (typeof files)[number]["document"]["workflows"][number];

/** The first published workflow's id: the one `guideWithFirstWorkflow` changes. */
function firstWorkflowId(): string {
  return files[0]?.document.workflows[0]?.workflowId ?? "";
}

/** Building the guide from the published files, with a copy of the first workflow changed by `change`. */
function guideWithFirstWorkflow(change: (workflow: PublishedWorkflow) => void): () => string {
  const [first, ...rest] = files;
  if (first === undefined) throw new Error("no published workflow file");
  const broken = structuredClone(first);
  const workflow = broken.document.workflows[0];
  if (workflow === undefined) throw new Error(`${first.file} has no workflow`);
  change(workflow);
  return () => workflowsGuide(spec, [broken, ...rest], programs);
}

/** A workflow's input properties, to add one to. */
function inputsOfWorkflow(workflow: PublishedWorkflow): NonNullable<NonNullable<PublishedWorkflow["inputs"]>["properties"]> {
  const properties = workflow.inputs?.properties;
  if (properties === undefined) throw new Error(`${workflow.workflowId} has no inputs`);
  return properties;
}

describe("the Workflows guide on the page", () => {
  it("is a guide, the last of the group Guides, and only on the page: the spec has none", () => {
    expect(page["x-tagGroups"]?.find((group) => group.name === "Guides")?.tags.at(-1)).toBe(WORKFLOWS_GUIDE);
    expect(page.tags?.find((tag) => tag.name === WORKFLOWS_GUIDE)?.["x-traitTag"]).toBe(true);
    expect(guidesOf(spec).map((candidate) => candidate.name)).not.toContain(WORKFLOWS_GUIDE);
  });

  it("has one section per workflow of the published files, and no other", () => {
    const headings = [...guide.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings.sort()).toEqual(workflows.map(({ workflow }) => workflow.workflowId).sort());
    expect(headings).toHaveLength(7);
  });

  it("lists the workflows in reading order, the read-only one first and the two-account ones last", () => {
    expect([...guide.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual([
      "surveyProject",
      "publishService",
      "removeService",
      "tearDownServiceWithConnections",
      "retagAndFindByTag",
      "connectWithApproval",
      "rejectAndCleanUp",
    ]);
  });

  it("gives each workflow its summary, its description and its file, with what the file says of itself", () => {
    for (const { file, workflow } of workflows) {
      const section = sectionOf(workflow.workflowId);
      expect(section).toContain(workflow.summary?.trim());
      if (workflow.description !== undefined) expect(section).toContain(workflow.description.trim().replace(/\s*\n\s*/g, " "));
      expect(section).toContain(`From \`${file.file}\`, *${file.document.info.title}*`);
    }
  });

  it("lists each workflow's inputs, whether they are required and the variable each comes from", () => {
    const section = sectionOf("connectWithApproval");
    expect(section).toContain("- `owner_project_id`, required, from `$VPCEP_PROJECT_ID`\n");
    expect(section).toContain("- `consumer_permission`, required, from `iam:domain::$VPCEP_CONSUMER_DOMAIN_ID`: The consumer's account as the whitelist names it");
  });

  it("lists each token as an env input that respect reads from its environment variable", () => {
    expect(sectionOf("connectWithApproval")).toContain(
      "- `env.VPCEP_CONSUMER_TOKEN`, required, read by respect from the environment variable `VPCEP_CONSUMER_TOKEN` (or a `.env` file), never from its command line: An IAM token for the consumer's project;",
    );
  });

  it("says of every input of format password, and of no other, that it is a secret", () => {
    for (const { workflow } of workflows) {
      const lines = sectionOf(workflow.workflowId).split("\n");
      const { env, ...given } = workflow.inputs?.properties ?? {};
      const inputs = [...Object.entries(given), ...Object.entries(env?.properties ?? {}).map(([name, schema]) => [`env.${name}`, schema] as const)];
      expect(inputs.length, workflow.workflowId).toBeGreaterThan(1);
      for (const [name, schema] of inputs) {
        const row = lines.find((line) => line.startsWith(`- \`${name}\`, `)) ?? "";
        expect(row.includes("A secret (`format: password`)"), `${workflow.workflowId} ${name}`).toBe(schema.format === "password");
      }
    }
  });

  it("lists every step in order, each with its operation linked to its place on the page", () => {
    for (const { file, workflow } of workflows) {
      const section = sectionOf(workflow.workflowId);
      const items = [...section.matchAll(/^(\d+)\. \*\*`([^`]+)`\*\* calls \[`([^`]+)`\]\(([^)]+)\)/gm)];
      expect(items.map((match) => [Number(match[1]), match[2], match[3], match[4]])).toEqual(
        workflow.steps.map((step, index) => {
          const operationId = operationIdOf(file.document, step) ?? "";
          return [index + 1, step.stepId, operationId, operationAnchor(spec, operationId)];
        }),
      );
    }
  });

  it("says what each step checks, in words", () => {
    const section = sectionOf("tearDownServiceWithConnections");
    expect(section).toContain("- Checks that the status is 400 and the body's `error_code` is `EndPoint.3006`.");
    expect(sectionOf("publishService")).toContain("- Checks that the status is 200 and the body's `status` is `creating` or `available`.");
    for (const { workflow } of workflows) {
      for (const step of workflow.steps) expect(sectionOf(workflow.workflowId)).toContain(`- Checks that ${describeCriteria(step.successCriteria)}.`);
    }
  });

  it("says how each waiting step waits: every retryAfter seconds, at most retryLimit times", () => {
    const waits = workflows.flatMap(({ workflow }) => workflow.steps.filter((step) => step.onFailure?.some((action) => action.type === "retry")));
    expect(waits.length).toBeGreaterThan(10);
    const section = sectionOf("rejectAndCleanUp");
    expect(section).toContain("- Waits: when the checks fail and the status is 200, it tries again after 1 s, at most 180 times.");
    const said = workflows.reduce((count, { workflow }) => count + sectionOf(workflow.workflowId).split("- Waits: ").length - 1, 0);
    expect(said).toBe(waits.length);
  });

  it("lists each workflow's outputs by the step they come from", () => {
    expect(sectionOf("publishService")).toContain("- `serviceName`: `serviceName` of step `waitUntilAvailable`");
  });

  it("shows how to run each workflow with redocly respect, its file and each input from its variable", () => {
    for (const { file, workflow } of workflows) {
      const [command] = blocks(sectionOf(workflow.workflowId), "sh");
      expect(command).toBe(`${respectCommand(file, workflow)}\n`);
      expect(command).toContain(`npx redocly respect node_modules/@otc-vpcep/spec/dist/workflows/${file.file}`);
      expect(command).toContain(`--workflow ${workflow.workflowId}`);
      const { env, ...given } = workflow.inputs?.properties ?? {};
      for (const name of Object.keys(given)) expect(command).toContain(`\\"${name}\\": \\"${inputValue(name)}\\"`);
      // The tokens stay off the command line: respect reads them from its environment.
      expect(Object.keys(env?.properties ?? {}).length).toBeGreaterThan(0);
      expect(command).not.toMatch(/TOKEN/);
    }
  });

  it("shows each workflow's program exactly as workflows/<workflowId>.ts holds it", () => {
    for (const { workflow } of workflows) {
      expect(blocks(sectionOf(workflow.workflowId), "ts")).toEqual([`${programs.get(workflow.workflowId)?.trimEnd()}\n`]);
    }
  });

  it("has programs that read every variable their respect command uses, and the ones respect reads itself", () => {
    for (const { file, workflow } of workflows) {
      const fromEnvironment = Object.keys(workflow.inputs?.properties?.env?.properties ?? {});
      const variables = [...[...respectCommand(file, workflow).matchAll(/\$\{?(VPCEP_[A-Z_]+)/g)].map((match) => match[1]), ...fromEnvironment];
      const program = programs.get(workflow.workflowId) ?? "";
      expect(variables.filter((variable) => !program.includes(`env.${variable}`)), workflow.workflowId).toEqual([]);
    }
  });

  it("has programs that compile against @otc-vpcep/client, each as a module of its own", () => {
    const modules = new Map(workflows.map(({ workflow }) => [`workflow-${workflow.workflowId}`, blocks(sectionOf(workflow.workflowId), "ts")[0] ?? ""]));
    expect(modules.size).toBe(7);
    expect(typeErrors(modules)).toEqual([]);
  }, 60_000);
});

describe("building the Workflows guide", () => {
  it("fails when a workflow has no program", () => {
    const incomplete = new Map(programs);
    incomplete.delete("removeService");
    expect(() => workflowsGuide(spec, files, incomplete)).toThrow("no TypeScript program for workflow removeService: add workflows/<workflowId>.ts");
  });

  it("fails when a program names no workflow of the published files", () => {
    const stray = new Map([...programs, ["launchRocket", "export {};\n"]]);
    expect(() => workflowsGuide(spec, files, stray)).toThrow("programs for workflows the published files do not have: launchRocket");
  });

  it("fails when a step calls an operation the spec does not have", () => {
    const build = guideWithFirstWorkflow((workflow) => {
      const [step] = workflow.steps;
      if (step === undefined) throw new Error(`${workflow.workflowId} has no step`);
      step.operationId = "$sourceDescriptions.vpcep.launchRocket";
    });
    expect(build).toThrow("calls launchRocket, which the spec does not have");
  });

  it("fails when a secret input would go on respect's command line instead of into its env input", () => {
    const build = guideWithFirstWorkflow((workflow) => {
      inputsOfWorkflow(workflow).token = { type: "string", format: "password" };
    });
    expect(build).toThrow(
      `${firstWorkflowId()}: its input token is a secret (format: password), which would go on respect's command line; make it a property of its env input`,
    );
  });

  it("fails for a secret nested in an input object", () => {
    const build = guideWithFirstWorkflow((workflow) => {
      inputsOfWorkflow(workflow).owner = { type: "object", properties: { token: { type: "string", format: "password" } } };
    });
    expect(build).toThrow(`${firstWorkflowId()}: its input owner.token is a secret`);
  });

  it("fails for a secret in the items of an input array, under anyOf", () => {
    const build = guideWithFirstWorkflow((workflow) => {
      inputsOfWorkflow(workflow).owner = { type: "array", items: { anyOf: [{ type: "string", format: "password" }] } };
    });
    expect(build).toThrow(`${firstWorkflowId()}: its input owner[] is a secret`);
  });

  it("fails the page when it is given a workflow without a program", () => {
    const incomplete = new Map(programs);
    incomplete.delete("surveyProject");
    expect(() => pageSpec(spec, readSamples(), { workflows: files, programs: incomplete })).toThrow("no TypeScript program for workflow surveyProject");
  });
});
