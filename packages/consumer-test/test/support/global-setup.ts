import type { TestProject } from "vitest/node";
import { EXTRA_NODE_VERSIONS, extraNode } from "./node-runtimes.js";

/**
 * Finds Node 22 and 24 in this package's cache, installing them from npm first where
 * needed, once for all test files (which would otherwise install side by side).
 */
export default async function setup(project: TestProject): Promise<void> {
  const statuses = [];
  for (const version of EXTRA_NODE_VERSIONS) statuses.push(await extraNode(version));
  project.provide("extraNodes", statuses);
}
