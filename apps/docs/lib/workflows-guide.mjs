// The Workflows guide: one section per Arazzo workflow that @otc-vpcep/spec publishes (lib/arazzo.mjs),
// generated when the page is built into a copy of the spec, as a trait tag at the end of the group
// "Guides" (the spec itself never holds it). Each section says what the workflow is for, its inputs
// (secrets marked), its steps in order (the operation, linked to its place on the page, what the step
// checks and how it waits), its outputs, the `redocly respect` command that runs it, and the same as a
// program with @otc-vpcep/client: workflows/<workflowId>.ts, hand-written, one per workflow.
import { fileURLToPath } from "node:url";
import { specModel } from "@otc-vpcep/spec-model";
import traverse from "json-schema-traverse";
import { operationAnchor, sectionAnchor } from "./anchors.mjs";
import { operationIdOf } from "./arazzo.mjs";
import { readPrograms } from "./code-samples.mjs";
import { describeCriteria, describeExpression, describeFailureAction, describeSuccessAction } from "./criteria.mjs";
import { findOperation } from "./spec.mjs";

/**
 * @typedef {import("./spec.mjs").OpenApi} OpenApi
 * @typedef {import("./arazzo.mjs").ArazzoFile} ArazzoFile
 * @typedef {import("./arazzo.mjs").Workflow} Workflow
 * @typedef {import("./arazzo.mjs").Step} Step
 * @typedef {{ type?: string, format?: string, description?: string, properties?: Record<string, InputSchema>, required?: string[] }} InputSchema
 */

/** The guide's name: its tag, its title and its place in the navigation. */
export const WORKFLOWS_GUIDE = "Workflows";

/** The directory of the programs, one `<workflowId>.ts` per workflow. */
export const WORKFLOW_PROGRAMS_DIR = fileURLToPath(new URL("../workflows/", import.meta.url));

/** Where the published files are in an installation of the spec package, for the respect commands. */
const INSTALLED_WORKFLOWS = "node_modules/@otc-vpcep/spec/dist/workflows";

/** What the programs and the respect commands default VPCEP_BASE_URL to: the emulator of `npm start`. */
export const DEFAULT_BASE_URL = "http://127.0.0.1:4011";

/** Inputs whose value is not one variable as it is. */
const INPUT_VALUES = /** @type {Record<string, string>} */ ({
  consumer_permission: "iam:domain::$VPCEP_CONSUMER_DOMAIN_ID",
});

/**
 * The shell value of an input, as the programs read it from the environment: `project_id` and
 * `owner_project_id` are `$VPCEP_PROJECT_ID`, `consumer_vpc_id` is `$VPCEP_CONSUMER_VPC_ID`, and the
 * consumer's permission is its account, `iam:domain::$VPCEP_CONSUMER_DOMAIN_ID`.
 * @param {string} input
 * @returns {string}
 */
export function inputValue(input) {
  return INPUT_VALUES[input] ?? `$VPCEP_${input.replace(/^owner_/, "").toUpperCase()}`;
}

/**
 * The TypeScript programs by workflowId.
 * @param {string} [dir]
 * @returns {Map<string, string>}
 */
export function readWorkflowPrograms(dir = WORKFLOW_PROGRAMS_DIR) {
  return readPrograms(dir);
}

/**
 * The files in reading order: what only reads, one account's lifecycle, then two accounts'. A file
 * not named here comes after these, by its name.
 */
const READING_ORDER = [
  "survey-project.arazzo.yaml",
  "service-lifecycle.arazzo.yaml",
  "tear-down-with-connections.arazzo.yaml",
  "retag-and-find-by-tag.arazzo.yaml",
  "connect-with-approval.arazzo.yaml",
  "reject-and-clean-up.arazzo.yaml",
];

/**
 * Every workflow of the files, the files in reading order, each file's in its own order.
 * @param {ArazzoFile[]} files
 * @returns {Array<{ file: ArazzoFile, workflow: Workflow }>}
 */
export function workflowsOf(files) {
  const rank = (/** @type {ArazzoFile} */ file) => {
    const index = READING_ORDER.indexOf(file.file);
    return index === -1 ? READING_ORDER.length : index;
  };
  return [...files]
    .sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file))
    .flatMap((file) => file.document.workflows.map((workflow) => ({ file, workflow })));
}

/**
 * A clause as a sentence: capitalised, with its full stop.
 * @param {string} clause
 */
function sentence(clause) {
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
}

/**
 * Text kept inside one cell of a Markdown table.
 * @param {string} text
 */
function cell(text) {
  return text.replaceAll("|", "\\|").replace(/\s*\n\s*/g, " ");
}

/**
 * A workflow's inputs, its own or the file's component that it names.
 * @param {ArazzoFile} file
 * @param {Workflow} workflow
 * @returns {{ properties: Record<string, InputSchema>, required: string[] }}
 */
function inputsOf(file, workflow) {
  /** @type {{ properties?: Record<string, InputSchema>, required?: string[] } | undefined} */
  let inputs = workflow.inputs;
  const ref = /** @type {{ $ref?: string }} */ (inputs ?? {}).$ref;
  if (ref !== undefined) {
    // Followed as spec-model follows a local $ref, in the Arazzo document.
    const document = /** @type {import("@otc-vpcep/spec-model").OpenApiDocument} */ (/** @type {unknown} */ (file.document));
    try {
      inputs = /** @type {typeof inputs} */ (specModel(document).resolveRef(ref).node);
    } catch {
      throw new Error(`${workflow.workflowId}: its inputs ${ref} point to nothing`);
    }
  }
  return { properties: inputs?.properties ?? {}, required: inputs?.required ?? [] };
}

/**
 * A workflow's inputs from the command line, and the `env` inputs that respect reads from its
 * environment. A secret (`format: password`) must be one of the latter: on the command line every
 * user of the machine could read it in the process list.
 * @param {ArazzoFile} file
 * @param {Workflow} workflow
 * @returns {{ given: Array<[string, InputSchema]>, fromEnvironment: Array<[string, InputSchema]>, required: Set<string>, requiredInEnvironment: Set<string> }}
 */
function inputGroups(file, workflow) {
  const inputs = inputsOf(file, workflow);
  const { env, ...rest } = inputs.properties;
  const given = Object.entries(rest);
  const [secret] = secretInputs(rest);
  if (secret !== undefined) {
    throw new Error(`${workflow.workflowId}: its input ${secret} is a secret (format: password), which would go on respect's command line; make it a property of its env input`);
  }
  return {
    given,
    fromEnvironment: Object.entries(env?.properties ?? {}),
    required: new Set(inputs.required),
    requiredInEnvironment: new Set(env?.required ?? []),
  };
}

/**
 * The secret inputs (`format: password`) among `properties`, at any depth and in any subschema
 * (json-schema-traverse walks them), by their path: `a.b`, `a[]` for an array's items.
 * @param {Record<string, InputSchema>} properties
 * @returns {string[]}
 */
function secretInputs(properties) {
  /** @type {string[]} */
  const found = [];
  traverse({ properties }, (schema, pointer) => {
    if (schema.format !== "password") return;
    const segments = pointer.split("/").slice(1);
    const path = segments.map((segment, index) => (segments[index - 1] === "properties" ? `.${segment}` : segment === "items" ? "[]" : "")).join("");
    found.push(path.slice(1));
  });
  return found;
}

/**
 * @param {InputSchema} schema
 * @returns {string}
 */
function describeInput(schema) {
  const secret = schema.format === "password" ? "A secret (`format: password`): respect masks it in what it prints and in its reports." : "";
  return [schema.description?.trim().replace(/\s*\n\s*/g, " ") ?? "", secret].filter((text) => text !== "").join(" ");
}

/**
 * @param {ArazzoFile} file
 * @param {Workflow} workflow
 * @returns {string[]}
 */
function inputsPart(file, workflow) {
  const { given, fromEnvironment, required, requiredInEnvironment } = inputGroups(file, workflow);
  if (given.length === 0 && fromEnvironment.length === 0) return ["It needs no inputs."];
  const item = (/** @type {string} */ name, /** @type {boolean} */ needed, /** @type {string} */ from, /** @type {InputSchema} */ schema) => {
    const what = describeInput(schema);
    return `- \`${name}\`, ${needed ? "required" : "optional"}, ${from}${what === "" ? "" : `: ${what}`}`;
  };
  return [
    ...given.map(([name, schema]) => item(name, required.has(name), `from \`${inputValue(name)}\``, schema)),
    ...fromEnvironment.map(([name, schema]) =>
      item(`env.${name}`, requiredInEnvironment.has(name), `read by respect from the environment variable \`${name}\` (or a \`.env\` file), never from its command line`, schema),
    ),
  ];
}

/**
 * One step as an item of the ordered list: what it calls, what for, what it checks, keeps and waits for.
 * @param {OpenApi} spec
 * @param {ArazzoFile} file
 * @param {Step} step
 * @returns {string}
 */
function stepItem(spec, file, step) {
  const operationId = operationIdOf(file.document, step);
  /** @type {string} */
  let calls;
  if (operationId === undefined) {
    calls = `runs the workflow [\`${step.workflowId}\`](${sectionAnchor(WORKFLOWS_GUIDE, step.workflowId ?? "")})`;
  } else {
    const operation = findOperation(spec, operationId)?.operation;
    if (operation === undefined) throw new Error(`step ${step.stepId} calls ${operationId}, which the spec does not have`);
    calls = `calls [\`${operationId}\`](${operationAnchor(spec, operationId)})${operation.summary === undefined ? "" : ` (${operation.summary})`}`;
  }
  const description = step.description?.trim().replace(/\s*\n\s*/g, " ");
  const lines = [`**\`${step.stepId}\`** ${calls}.${description === undefined || description === "" ? "" : ` ${description}`}`];
  if ((step.successCriteria ?? []).length > 0) lines.push(`- Checks that ${describeCriteria(step.successCriteria)}.`);
  const outputs = Object.entries(step.outputs ?? {});
  if (outputs.length > 0) {
    lines.push(`- Keeps ${outputs.map(([name, expression]) => `\`${name}\`: ${describeExpression(String(expression))}`).join("; ")}.`);
  }
  for (const action of step.onFailure ?? []) {
    lines.push(action.type === "retry" ? `- Waits: ${describeFailureAction(action)}.` : `- ${sentence(describeFailureAction(action))}`);
  }
  for (const action of step.onSuccess ?? []) lines.push(`- ${sentence(describeSuccessAction(action))}`);
  return lines.join("\n   ");
}

/**
 * The shell command that runs a workflow with `redocly respect`, each input from its variable;
 * the `env` inputs, the tokens, respect reads from the environment itself.
 * @param {ArazzoFile} file
 * @param {Workflow} workflow
 * @returns {string}
 */
export function respectCommand(file, workflow) {
  const servers = file.document.sourceDescriptions
    .filter((source) => source.type === "openapi")
    .map((source) => `--server ${source.name}="\${VPCEP_BASE_URL:-${DEFAULT_BASE_URL}}"`);
  // One JSON object: respect cuts `--input name=value` at `=` and `,`, which tokens may hold.
  const fields = inputGroups(file, workflow).given.map(([name]) => `\\"${name}\\": \\"${inputValue(name)}\\"`);
  const inputs = fields.length === 0 ? [] : [`--input "{${fields.join(", ")}}"`];
  return [`npx redocly respect ${INSTALLED_WORKFLOWS}/${file.file}`, `--workflow ${workflow.workflowId}`, ...servers, ...inputs].join(" \\\n  ");
}

/**
 * Where a workflow comes from: its file, with the file's title, summary and description.
 * @param {ArazzoFile} file
 * @returns {string}
 */
function fromFile(file) {
  const { title, summary, description } = file.document.info;
  const about = [summary, description].map((text) => text?.trim().replace(/\s*\n\s*/g, " ") ?? "").filter((text) => text !== "");
  return `From \`${file.file}\`, *${title.trim()}*${about.length === 0 ? "." : `: ${about.join(" ")}`}`;
}

/**
 * The section of one workflow.
 * @param {OpenApi} spec
 * @param {ArazzoFile} file
 * @param {Workflow} workflow
 * @param {string} program
 * @returns {string}
 */
function workflowSection(spec, file, workflow, program) {
  if (program.includes("```")) throw new Error(`workflows/${workflow.workflowId}.ts holds \`\`\`, which would end its code block`);
  const outputs = Object.entries(workflow.outputs ?? {});
  const paragraphs = [workflow.summary, workflow.description]
    .map((text) => text?.trim().replace(/\s*\n\s*/g, " "))
    .filter((text) => text !== undefined && text !== "");
  return [
    `## ${workflow.workflowId}`,
    ...paragraphs,
    fromFile(file),
    "**Inputs**",
    inputsPart(file, workflow).join("\n"),
    "**Steps**",
    workflow.steps.map((step, index) => `${index + 1}. ${stepItem(spec, file, step)}`).join("\n"),
    "**Outputs**",
    outputs.length === 0
      ? "It has no outputs."
      : outputs.map(([name, expression]) => `- \`${name}\`: ${describeExpression(String(expression))}`).join("\n"),
    "**Run it with respect**",
    "With the variables of its inputs set (the command defaults only `VPCEP_BASE_URL`; the program below defaults each it can to `npm start`'s emulator):",
    `\`\`\`sh\n${respectCommand(file, workflow)}\n\`\`\``,
    "**The same in TypeScript**",
    "With `@otc-vpcep/client`, from the same variables: it prints what it did, and exits with 1 on an error.",
    `\`\`\`ts\n${program.trimEnd()}\n\`\`\``,
  ].join("\n\n");
}

/**
 * The guide's Markdown. Throws when a workflow has no program, when a program names no workflow of
 * the files, when two files name a workflow alike, or when a step calls an operation the spec lacks.
 * @param {OpenApi} spec
 * @param {ArazzoFile[]} files
 * @param {Map<string, string>} programs TypeScript sources by workflowId
 * @returns {string}
 */
export function workflowsGuide(spec, files, programs) {
  const workflows = workflowsOf(files);
  const ids = workflows.map(({ workflow }) => workflow.workflowId);
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (twice.length > 0) throw new Error(`workflows named twice in the published files: ${[...new Set(twice)].join(", ")}`);
  const missing = ids.filter((id) => !programs.has(id));
  const stray = [...programs.keys()].filter((id) => !ids.includes(id));
  if (missing.length > 0) throw new Error(`no TypeScript program for workflow ${missing.join(", ")}: add workflows/<workflowId>.ts`);
  if (stray.length > 0) throw new Error(`programs for workflows the published files do not have: ${stray.join(", ")}`);

  const intro = [
    "What users do with the API, step by step: the [Arazzo 1.0](https://spec.openapis.org/arazzo/v1.0.1.html) " +
      "workflows that `@otc-vpcep/spec` publishes (`@otc-vpcep/spec/workflows/<file>`). Each step calls one " +
      "operation and checks its answer; a step that waits for a create or a delete tries again until its checks hold.",
    "Run a workflow with `redocly respect`, or its program with `@otc-vpcep/client`. Both take their inputs " +
      "from the same variables: `VPCEP_BASE_URL` (the programs default to the emulator of `npm start`, " +
      `${DEFAULT_BASE_URL}), \`VPCEP_PROJECT_ID\`, \`VPCEP_TOKEN\` and the IDs of the resources a workflow ` +
      "builds on; the two-account workflows take the consumer's from `VPCEP_CONSUMER_...`. Respect reads the tokens " +
      "(`VPCEP_TOKEN`, `VPCEP_CONSUMER_TOKEN`) from its environment or a `.env` file in the directory it runs in, as the " +
      "workflows' `env` inputs, so that they never stand on its command line, where every user of the machine could read " +
      "them; it does not refuse a missing one, whose calls then fail with 401. The tests run every " +
      "program against the emulator. This guide is generated from the published files when the page is built.",
    [
      "| workflow | what it does |",
      "| --- | --- |",
      ...workflows.map(({ workflow }) => `| [${workflow.workflowId}](${sectionAnchor(WORKFLOWS_GUIDE, workflow.workflowId)}) | ${cell(workflow.summary ?? "")} |`),
    ].join("\n"),
  ];
  const sections = workflows.map(({ file, workflow }) => workflowSection(spec, file, workflow, programs.get(workflow.workflowId) ?? ""));
  return `${[...intro, ...sections].join("\n\n")}\n`;
}

/**
 * A copy of the spec with the Workflows guide: a trait tag after the last guide, and the last entry
 * of the group "Guides". Throws when the spec has no such group, or already has a tag of that name.
 * @param {OpenApi} spec
 * @param {ArazzoFile[]} files
 * @param {Map<string, string>} programs TypeScript sources by workflowId
 * @returns {OpenApi}
 */
export function withWorkflowsGuide(spec, files, programs) {
  const copy = structuredClone(spec);
  const group = copy["x-tagGroups"]?.find((candidate) => candidate.name === "Guides");
  if (group === undefined) throw new Error('the spec has no tag group "Guides" to add the Workflows guide to');
  const tags = copy.tags ?? [];
  if (tags.some((tag) => tag.name === WORKFLOWS_GUIDE)) throw new Error(`the spec already has a tag ${WORKFLOWS_GUIDE}; the guide is generated`);
  const lastGuide = tags.reduce((last, tag, index) => (group.tags.includes(tag.name) ? index : last), -1);
  tags.splice(lastGuide + 1, 0, { name: WORKFLOWS_GUIDE, description: workflowsGuide(copy, files, programs), "x-traitTag": true });
  copy.tags = tags;
  group.tags.push(WORKFLOWS_GUIDE);
  return copy;
}
