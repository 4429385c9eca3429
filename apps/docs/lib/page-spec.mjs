// The description the page renders: the bundled spec, plus the code samples of every operation, the
// generated table of error codes, the responses' links in words and the generated Workflows guide.
// build.mjs renders it; the tests check it.
import { readArazzoFiles } from "./arazzo.mjs";
import { withCodeSamples } from "./code-samples.mjs";
import { insertErrorTable } from "./error-table.mjs";
import { withResponseLinks } from "./links.mjs";
import { readWorkflowPrograms, withWorkflowsGuide } from "./workflows-guide.mjs";

/**
 * @param {import("./spec.mjs").OpenApi} spec the bundled spec (left unchanged)
 * @param {Map<string, string>} samples TypeScript sources by operationId
 * @param {{ workflows?: import("./arazzo.mjs").ArazzoFile[], programs?: Map<string, string> }} [sources]
 *   the Arazzo files (by default the published ones) and the TypeScript program of each
 *   of their workflows by workflowId (by default workflows/<workflowId>.ts)
 * @returns {import("./spec.mjs").OpenApi}
 */
export function pageSpec(spec, samples, { workflows = readArazzoFiles(), programs = readWorkflowPrograms() } = {}) {
  return withWorkflowsGuide(withResponseLinks(insertErrorTable(withCodeSamples(spec, samples))), workflows, programs);
}
