#!/usr/bin/env node
// Fails when an operation of the spec has no conformance test file, or when its file
// lacks a block of valid requests or of invalid requests. Convention: the tests of
// operation X live in packages/conformance/test/operations/X.test.ts, inside
// describe("X") with nested describe("valid requests") and describe("invalid requests").
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { specModel } from "@otc-vpcep/spec-model";

export const REQUIRED_BLOCKS = ["valid requests", "invalid requests"];

/**
 * The operationIds of an OpenAPI document, in document order.
 * @param {import("@otc-vpcep/spec-model").OpenApiDocument} spec
 * @returns {string[]}
 */
export function operationIdsOf(spec) {
  return specModel(spec).operationIds();
}

/** @param {string} source @param {string} name */
function describes(source, name) {
  return new RegExp(`\\bdescribe\\(\\s*(["'\`])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\1`).test(source);
}

/**
 * Compares the operations with the test files (a map of operationId-named file stem to
 * source). Returns one problem per line; none means every operation is covered.
 * @param {string[]} operationIds
 * @param {Map<string, string>} testFiles
 * @returns {string[]}
 */
export function coverageProblems(operationIds, testFiles) {
  const problems = [];
  for (const operationId of operationIds) {
    const source = testFiles.get(operationId);
    if (source === undefined) {
      problems.push(`${operationId}: no test file operations/${operationId}.test.ts`);
      continue;
    }
    if (!describes(source, operationId)) problems.push(`${operationId}: its file has no describe("${operationId}")`);
    for (const block of REQUIRED_BLOCKS) {
      if (!describes(source, block)) problems.push(`${operationId}: no describe("${block}") block`);
    }
  }
  const known = new Set(operationIds);
  for (const stem of testFiles.keys()) {
    if (!known.has(stem)) problems.push(`${stem}: test file names no operation of the spec`);
  }
  return problems;
}

/** @param {string} directory @returns {Map<string, string>} */
function readTestFiles(directory) {
  return new Map(
    readdirSync(directory)
      .filter((name) => name.endsWith(".test.ts"))
      .map((name) => [basename(name, ".test.ts"), readFileSync(join(directory, name), "utf8")]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const directory = fileURLToPath(new URL("../packages/conformance/test/operations", import.meta.url));
  const operationIds = specModel().operationIds();
  const problems = coverageProblems(operationIds, readTestFiles(directory));
  if (problems.length > 0) {
    console.error(`Conformance coverage is incomplete:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`Conformance coverage: all ${operationIds.length} operations have valid and invalid request tests.`);
}
