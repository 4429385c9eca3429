// The code samples of every operation: the TypeScript program in samples/<operationId>.ts, and the
// curl command generated from the spec. They are added to a copy of the spec as `x-codeSamples`
// when the page is built, so the spec itself never holds a copy of them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { curlCommand, exampleRequest } from "./curl.mjs";
import { listOperations } from "./spec.mjs";

/** @typedef {import("./spec.mjs").OpenApi} OpenApi */

/** The directory of the TypeScript samples, one `<operationId>.ts` per operation. */
export const SAMPLES_DIR = fileURLToPath(new URL("../samples/", import.meta.url));

/** Languages as Redoc lists them; `redocly.yaml` must list the same, or Redoc hides the samples. */
export const TYPESCRIPT = { lang: "TypeScript", label: "TypeScript" };
export const CURL = { lang: "Shell", label: "curl" };

/**
 * The TypeScript programs of a directory, by file name without `.ts`, in name order.
 * @param {string} dir
 * @returns {Map<string, string>}
 */
export function readPrograms(dir) {
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith(".ts"))
      .sort()
      .map((file) => [file.slice(0, -".ts".length), readFileSync(join(dir, file), "utf8")]),
  );
}

/**
 * The TypeScript samples by operationId.
 * @param {string} dir
 * @returns {Map<string, string>}
 */
export function readSamples(dir = SAMPLES_DIR) {
  return readPrograms(dir);
}

/**
 * A copy of the spec in which every operation has its TypeScript and curl samples. Throws when an
 * operation has no sample file, when a sample file names no operation, or when the spec already
 * carries `x-codeSamples` (the samples live in apps/docs/samples, nowhere else).
 * @param {OpenApi} spec
 * @param {Map<string, string>} samples TypeScript sources by operationId
 * @returns {OpenApi}
 */
export function withCodeSamples(spec, samples) {
  const copy = structuredClone(spec);
  const entries = listOperations(copy);
  const operationIds = new Set(entries.map((entry) => entry.operation.operationId));
  const missing = [...operationIds].filter((operationId) => !samples.has(operationId));
  const stray = [...samples.keys()].filter((operationId) => !operationIds.has(operationId));
  if (missing.length > 0) throw new Error(`no TypeScript sample for ${missing.join(", ")}: add samples/<operationId>.ts`);
  if (stray.length > 0) throw new Error(`samples for operations the spec does not have: ${stray.join(", ")}`);

  for (const entry of entries) {
    const { operation } = entry;
    if (operation["x-codeSamples"] !== undefined) {
      throw new Error(`${operation.operationId} already has x-codeSamples in the spec; samples belong in apps/docs/samples`);
    }
    operation["x-codeSamples"] = [
      { ...TYPESCRIPT, source: samples.get(operation.operationId) ?? "" },
      { ...CURL, source: curlCommand(exampleRequest(copy, entry)) },
    ];
  }
  return copy;
}
