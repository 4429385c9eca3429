/**
 * The property: any sequence of commands, run from a clean emulator, keeps every
 * invariant. Settings come from the environment (see README.md in this folder).
 */
import { startEmulator, type EmulatorOptions } from "@otc-vpcep/emulator";
import fc from "fast-check";
import { commandArbitraries } from "./commands.js";
import { checkInvariants } from "./invariants.js";
import { ACCOUNTS, QUOTAS, emptyModel, type Model, type PublicService } from "./model.js";
import { Real, counters, type EmulatorHandle } from "./real.js";
import { integerFromEnv } from "../../support/settings.js";

export const settings = {
  /** Command sequences to run; `npm run test:deep` runs 5000. */
  runs: integerFromEnv("VPCEP_MODEL_RUNS", 200, 1),
  /** fast-check's seed: the same seed generates the same sequences. */
  seed: integerFromEnv("VPCEP_MODEL_SEED", 20_261_216, -(2 ** 31)),
  /** The longest sequence; lengths spread evenly up to it (fast-check's size "max"). */
  maxCommands: integerFromEnv("VPCEP_MODEL_COMMANDS", 40, 1),
  /** Print how often each operation answered with each status and code. */
  stats: (process.env["VPCEP_MODEL_STATS"] ?? "") !== "",
  /** fast-check's path of a reported counterexample, to replay it alone (with its seed). */
  path: process.env["VPCEP_MODEL_PATH"] || undefined,
  /** The `replayPath` a reported counterexample shows, which the replay of a shrunk sequence needs too. */
  replayPath: process.env["VPCEP_MODEL_REPLAY_PATH"] || undefined,
};

/** The `replayPath` that fast-check prints after a counterexample's commands. */
export function replayPathOf(counterexample: readonly unknown[] | null): string | undefined {
  return /replayPath="([^"]*)"/.exec(String(counterexample?.[0] ?? ""))?.[1];
}

export const rerunHint = (seed: number, path: string | undefined, replayPath: string | undefined) =>
  [
    `VPCEP_MODEL_SEED=${seed}`,
    ...(path === undefined ? [] : [`VPCEP_MODEL_PATH=${path}`]),
    ...(replayPath === undefined ? [] : [`VPCEP_MODEL_REPLAY_PATH='${replayPath}'`]),
    `npx vitest run test/emulator/model-based.test.ts -t "keeps every invariant" (in packages/conformance)`,
  ].join(" ");

/** How the emulator under test is started: two accounts, small quotas, a manual clock, transitions at once. */
export const EMULATOR_OPTIONS = {
  transitions: "immediate",
  clock: "manual",
  startTime: "2026-01-01T00:00:00Z",
  quotas: { ...QUOTAS },
  projects: { [ACCOUNTS.owner.projectId]: ACCOUNTS.owner.domainId, [ACCOUNTS.consumer.projectId]: ACCOUNTS.consumer.domainId },
} as const satisfies EmulatorOptions;

export type StartEmulator = (options: EmulatorOptions) => Promise<EmulatorHandle>;

export const startRealEmulator: StartEmulator = (options) => startEmulator(options);

/** The operator's public DNS service of the region, an interface service every account may connect to. */
export async function findPublicService(emulator: EmulatorHandle): Promise<PublicService> {
  const real = new Real(emulator);
  const answer = await real.call("owner", (client) => client.listPublicEndpointServices({ endpoint_service_name: ".dns", limit: 1000 }));
  const found = (answer.data?.endpoint_services ?? []).find((service) => service.service_type === "interface");
  if (found?.id === undefined || found.service_name === undefined) throw new Error(`no public interface service to connect to: ${JSON.stringify(answer.data)}`);
  return { id: found.id, name: found.service_name };
}

/** A clean start: the emulator reset (the public services stay), an empty model, and the invariants of the empty state. */
function setupOn(emulator: EmulatorHandle, publicService: PublicService) {
  return async () => {
    counters.runs++;
    emulator.reset();
    const model: Model = emptyModel(emulator.now().getTime(), publicService);
    const real = new Real(emulator);
    await checkInvariants(model, real, "after the reset");
    return { model, real };
  };
}

/** The property, against an emulator started with EMULATOR_OPTIONS: each run resets it and starts from an empty model. */
export function modelProperty(emulator: EmulatorHandle, publicService: PublicService, options: { maxCommands?: number; replayPath?: string | undefined } = {}) {
  const constraints = { maxCommands: options.maxCommands ?? settings.maxCommands, size: "max" as const, ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath }) };
  return fc.asyncProperty(fc.commands(commandArbitraries(), constraints), async (commands) => {
    await fc.asyncModelRun(setupOn(emulator, publicService), commands);
  });
}

/** Runs the steps of a counterexample again, from a clean start, against another emulator. */
export async function replaySteps(emulator: EmulatorHandle, publicService: PublicService, counterexample: readonly unknown[] | null): Promise<void> {
  const commands = [...((counterexample?.[0] ?? []) as Iterable<fc.AsyncCommand<Model, Real> & { hasRan?: boolean }>)].filter((command) => command.hasRan === true);
  await fc.asyncModelRun(setupOn(emulator, publicService), commands);
}

/** The commands of a counterexample that ran (the last one is the step that failed). */
export function ranCommands(counterexample: readonly unknown[] | null): string[] {
  const commands = counterexample?.[0] as Iterable<{ hasRan?: boolean; toString(): string }> | undefined;
  return commands === undefined ? [] : [...commands].filter((command) => command.hasRan === true).map((command) => command.toString());
}
