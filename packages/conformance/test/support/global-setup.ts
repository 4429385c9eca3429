import { startMock } from "@otc-vpcep/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Root URL of the contract mock the suite runs against. */
    mockUrl: string;
  }
}

/** Starts the contract mock on a free loopback port for the whole suite, and stops it after. */
export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
