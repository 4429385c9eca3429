/** The suite's clients: of its target (two accounts), and of the contract mock. */
import { createVpcepClient, type VpcepClient } from "@otc-vpcep/client";
import { inject } from "vitest";
import type { Consumer, Target } from "./target.js";
import { projectId } from "./urls.js";
import { recordingFetch } from "./wire.js";

/**
 * A client of the suite's target (the emulator, or VPCEP_BASE_URL) with its credentials:
 * of your own project, or of the consumer's, the second account of the two-account tests.
 */
export function targetClient(account: "owner" | "consumer" = "owner"): VpcepClient {
  const target = inject("target");
  const { projectId, auth } = account === "owner" ? target : consumerOf(target);
  return createVpcepClient({ baseUrl: target.url, projectId, ...auth, fetch: recordingFetch });
}

function consumerOf(target: Target): Consumer {
  if (target.consumer === undefined) throw new Error(`no consumer account: set ${target.missing.consumer.join(", ")}`);
  return target.consumer;
}

/** A client of the contract mock, authenticated with a placeholder IAM token. */
export function mockClient(): VpcepClient {
  return createVpcepClient({ baseUrl: inject("mockUrl"), projectId, token: "conformance-test-token", fetch: recordingFetch });
}

/**
 * Sends a value the types forbid, as a JavaScript caller or a hand-written request
 * could; the contract, not the compiler, has to refuse it.
 */
export function unchecked<T>(value: unknown): T {
  return value as T;
}
