import { startMock } from "@otc-vpcep/mock";
import type { TestProject } from "vitest/node";
import { remoteTargetFromEnv, type Target } from "./target.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** What the suite runs against: the contract mock, or a remote endpoint (VPCEP_BASE_URL). */
    target: Target;
    /** Root URL of the contract mock; only meaningful when `target.kind` is "mock". */
    mockUrl: string;
  }
}

/**
 * Starts the contract mock on a free loopback port for the whole suite and stops it
 * after, unless VPCEP_BASE_URL names another target to run against.
 */
export default async function setup(project: TestProject) {
  const remote = remoteTargetFromEnv(process.env);
  if (remote !== undefined) {
    project.provide("target", remote);
    project.provide("mockUrl", "");
    console.log(
      `Conformance against ${remote.url}, ${remote.allowWrites ? "writes allowed" : "read-only"}. ` +
        "Left out: operations/, generated/ and mock/, which need the contract mock's fixed examples.",
    );
    return undefined;
  }
  const mock = await startMock();
  project.provide("target", { kind: "mock", url: mock.url });
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
