// The description the page renders: the bundled spec, plus the code samples of every operation, the
// generated table of error codes and the responses' links in words. build.mjs renders it; the tests
// check it.
import { withCodeSamples } from "./code-samples.mjs";
import { insertErrorTable } from "./error-table.mjs";
import { withResponseLinks } from "./links.mjs";

/**
 * @param {import("./spec.mjs").OpenApi} spec the bundled spec (left unchanged)
 * @param {Map<string, string>} samples TypeScript sources by operationId
 * @returns {import("./spec.mjs").OpenApi}
 */
export function pageSpec(spec, samples) {
  return withResponseLinks(insertErrorTable(withCodeSamples(spec, samples)));
}
