import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvariantError } from "./model/invariants.js";
import type { PublicService } from "./model/model.js";
import { PLANTED_BUGS, plantBug } from "./model/planted.js";
import {
  EMULATOR_OPTIONS,
  findPublicService,
  modelProperty,
  ranCommands,
  replayPathOf,
  replaySteps,
  rerunHint,
  settings,
  startRealEmulator,
} from "./model/property.js";
import { counters, outcomes, type EmulatorHandle } from "./model/real.js";

// Model-based testing of the emulator (issue 16, item 4): fast-check generates sequences
// of operations (create, read, update, whitelist, connect, accept, reject, tag, list,
// delete, as either of two accounts), runs each against the emulator over loopback HTTP
// and against a small model of the service (model/model.ts), and after every step checks
// the invariants of model/invariants.ts. A failure prints the seed, the path and the
// shrunk sequence; see model/README.md to replay it.

/** Measured at about 0.1 s per run on the 2-core development machine; the rest is margin. */
const timeoutFor = (runs: number) => 60_000 + runs * 400;

let emulator: EmulatorHandle;
let publicService: PublicService;

beforeAll(async () => {
  emulator = await startRealEmulator(EMULATOR_OPTIONS);
  publicService = await findPublicService(emulator);
});

afterAll(async () => {
  await emulator.stop();
});

describe("the emulator against the model of the lifecycle", () => {
  it(`keeps every invariant over ${settings.runs} random sequences of up to ${settings.maxCommands} steps`, { timeout: timeoutFor(settings.runs) }, async () => {
    const before = { ...counters };
    const started = performance.now();
    const details = await fc.check(modelProperty(emulator, publicService, { replayPath: settings.replayPath }), {
      numRuns: settings.runs,
      seed: settings.seed,
      ...(settings.path === undefined ? {} : { path: settings.path, endOnFailure: true }),
    });
    if (details.failed) {
      throw new Error(`${fc.defaultReportMessage(details)}\n\nTo replay it: ${rerunHint(details.seed, details.counterexamplePath ?? undefined, replayPathOf(details.counterexample))}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `model-based: ${details.numRuns} runs (seed ${details.seed}), ${counters.steps - before.steps} steps, ${counters.requests - before.requests} requests in ${seconds} s: no counterexample`,
    );
    if (settings.stats) console.info([...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, count]) => `  ${outcome}: ${count}`).join("\n"));
    expect(details.numRuns).toBe(settings.path === undefined ? settings.runs : details.numRuns);
  });
});

describe("finds a bug planted in a copy of the emulator", () => {
  /** Fixed, so that the test does not depend on VPCEP_MODEL_SEED. */
  const PLANTED_SEED = 1604;

  it.each(Object.entries(PLANTED_BUGS))("%s: a short counterexample naming the broken invariant", { timeout: 60_000 }, async (_name, bug) => {
    const planted = await plantBug(bug);
    let broken: EmulatorHandle | undefined;
    try {
      broken = await planted.start(EMULATOR_OPTIONS);
      const details = await fc.check(modelProperty(broken, await findPublicService(broken)), { numRuns: 300, seed: PLANTED_SEED });
      expect(details.failed, `fast-check found no counterexample to the planted bug (${bug.defect})`).toBe(true);
      const steps = ranCommands(details.counterexample);
      const error = details.errorInstance;
      console.info(
        `planted bug (${bug.defect}), in ${planted.changedFile}:\n  found after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s) to ${steps.length} step(s): ${steps.join(" ; ")}\n  ${String((error as Error).message)}`,
      );
      expect(error).toBeInstanceOf(InvariantError);
      expect((error as InvariantError).invariant).toBe(bug.invariant);
      expect((error as Error).message).toContain(bug.mentions);
      expect(steps.length, steps.join(" ; ")).toBeLessThanOrEqual(3);

      // The same steps against the real emulator keep every invariant: the failure is the bug's, not the model's.
      await replaySteps(emulator, publicService, details.counterexample);
    } finally {
      await broken?.stop();
      planted.dispose();
    }
  });
});
