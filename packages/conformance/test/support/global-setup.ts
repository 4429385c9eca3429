import { startEmulator } from "@otc-vpcep/emulator";
import { startMock } from "@otc-vpcep/mock";
import type { TestProject } from "vitest/node";
import { remoteTargetFromEnv, type StatefulTarget, type Target } from "./target.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** What `live/` runs against: the emulator, or a remote endpoint (VPCEP_BASE_URL). */
    target: Target;
    /** Root URL of the contract mock; empty against a remote target. */
    mockUrl: string;
  }
}

/** The project of the suite's own account, and of the second account of the two-account tests. */
const OWNER = { projectId: "6e9dfd51d1124e8d8498dce894923a0d", domainId: "5fc973eea581490997e82ea11a1d0101" };
const CONSUMER = { projectId: "0b6d2e3c9a8f4e71b5c4d3e2f1a09876", domainId: "a3c1e5f7092b4d6f8e0a1c3e5f7a9b1d" };

/**
 * The emulator as the target of `live/`: both accounts configured, the backend resources
 * the writes name (any IDs do), and waiters that poll every few milliseconds. Transitions
 * complete after one read, so each waiter sees the passing state (`creating`) once.
 */
async function emulatorTarget(): Promise<{ target: StatefulTarget; stop: () => Promise<void> }> {
  const emulator = await startEmulator({
    transitions: "reads:1",
    projects: { [OWNER.projectId]: OWNER.domainId, [CONSUMER.projectId]: CONSUMER.domainId },
  });
  const target: StatefulTarget = {
    kind: "emulator",
    url: emulator.url,
    projectId: OWNER.projectId,
    auth: { token: "conformance-owner-token" },
    allowWrites: true,
    infrastructure: {
      vpcId: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
      subnetId: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
      portId: "4189d3c2-8882-4871-a3c2-d380272eed88",
      serverType: "VM",
    },
    consumer: {
      ...CONSUMER,
      auth: { token: "conformance-consumer-token" },
      vpcId: "e251b400-2963-4131-b38a-da81e32026ee",
      subnetId: "65528a22-59a1-4972-ba64-88984b3207cd",
    },
    missing: { infrastructure: [], consumer: [] },
    wait: { timeoutMs: 30_000, initialDelayMs: 5, maxDelayMs: 20 },
  };
  return { target, stop: () => emulator.stop() };
}

/**
 * Starts the contract mock and the emulator on free loopback ports for the whole suite and
 * stops them after, unless VPCEP_BASE_URL names another target to run against.
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
  const [mock, emulator] = await Promise.all([startMock(), emulatorTarget()]);
  project.provide("target", emulator.target);
  project.provide("mockUrl", mock.url);
  return async () => {
    await Promise.all([mock.stop(), emulator.stop()]);
  };
}
