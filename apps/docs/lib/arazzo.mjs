// The spec's Arazzo workflows as @otc-vpcep/spec publishes them (`@otc-vpcep/spec/workflows/<file>`,
// spec/workflows in the repository), read with @redocly/openapi-core: its YAML parser, its check that
// a document is Arazzo 1, and its types of an Arazzo description.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { detectSpec, parseYaml } from "@redocly/openapi-core";

/**
 * @typedef {import("@redocly/openapi-core/lib/typings/arazzo.js").ArazzoDefinition} ArazzoDefinition
 * @typedef {import("@redocly/openapi-core/lib/typings/arazzo.js").Workflow} Workflow
 * @typedef {import("@redocly/openapi-core/lib/typings/arazzo.js").Step} Step
 * @typedef {import("@redocly/openapi-core/lib/typings/arazzo.js").CriteriaObject} Criterion
 * @typedef {import("@redocly/openapi-core/lib/typings/arazzo.js").OnFailureObject} FailureAction
 * @typedef {import("@redocly/openapi-core/lib/typings/arazzo.js").OnSuccessObject} SuccessAction
 * @typedef {{ file: string, document: ArazzoDefinition }} ArazzoFile
 *   A published file: its name (`service-lifecycle.arazzo.yaml`) and what it holds.
 */

const require = createRequire(import.meta.url);

/**
 * The directory of the spec package's published `workflows/*`, as its `exports` map it.
 * @returns {string}
 */
export function publishedWorkflowsDir() {
  const manifest = require.resolve("@otc-vpcep/spec/package.json");
  const { exports } = /** @type {{ exports?: Record<string, string> }} */ (JSON.parse(readFileSync(manifest, "utf8")));
  const target = exports?.["./workflows/*"];
  if (target === undefined || !target.endsWith("/*")) throw new Error("@otc-vpcep/spec exports no ./workflows/* directory");
  return join(dirname(manifest), target.slice(0, -"*".length));
}

/**
 * Every `*.arazzo.yaml` file of a directory, by name. Throws when one is not an Arazzo 1
 * description, or when the directory holds none.
 * @param {string} [dir]
 * @returns {ArazzoFile[]}
 */
export function readArazzoFiles(dir = publishedWorkflowsDir()) {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".arazzo.yaml"))
    .sort()
    .map((file) => {
      const document = parseYaml(readFileSync(join(dir, file), "utf8"));
      if (typeof document !== "object" || document === null || detectSpec(/** @type {Record<string, unknown>} */ (document)) !== "arazzo1") {
        throw new Error(`${file} is not an Arazzo 1 description`);
      }
      return { file, document: /** @type {ArazzoDefinition} */ (document) };
    });
  if (files.length === 0) throw new Error(`no *.arazzo.yaml file in ${dir}`);
  return files;
}

/**
 * The operationId a step calls, without its source description (`$sourceDescriptions.vpcep.getEndpoint`
 * is `getEndpoint`); undefined for a step that runs a workflow. Throws for a step that names its
 * operation by path, or a source description that the file does not declare as OpenAPI.
 * @param {ArazzoDefinition} document
 * @param {Step} step
 * @returns {string | undefined}
 */
export function operationIdOf(document, step) {
  if (step.operationId === undefined) {
    if (step.workflowId !== undefined) return undefined;
    throw new Error(`step ${step.stepId} names its operation by path; name it by operationId`);
  }
  const qualified = /^\$sourceDescriptions\.([^.]+)\.(.+)$/.exec(step.operationId);
  if (qualified === null) return step.operationId;
  const [, source = "", operationId] = qualified;
  const description = document.sourceDescriptions.find((candidate) => candidate.name === source);
  if (description?.type !== "openapi") throw new Error(`step ${step.stepId} calls ${source}, which is no OpenAPI source description of the file`);
  return operationId;
}
