/**
 * The emulator's clock and its transition modes. Every time the emulator uses (resource
 * timestamps, time-based transitions, the AK/SK date check) reads this clock: the real
 * time plus what `advance()` added, or, with the manual clock, only what tests advance.
 */

/** When a pending transition (`creating` → `available`, `deleting` → gone, ...) completes. */
export type TransitionMode =
  | { kind: "immediate" }
  | { kind: "reads"; reads: number }
  | { kind: "ms"; ms: number };

export const DEFAULT_TRANSITIONS: TransitionMode = { kind: "ms", ms: 1000 };

/** `immediate`, `reads:N` (N reads see the old state) or `ms:N` (N ms of emulator time). */
export function parseTransitions(text: string): TransitionMode {
  if (text === "immediate") return { kind: "immediate" };
  const match = /^(reads|ms):(\d{1,9})$/.exec(text);
  if (match === null) {
    throw new Error(`Invalid transitions ${JSON.stringify(text)}: must be "immediate", "reads:N" or "ms:N" (N an integer from 0 to 999999999)`);
  }
  const count = Number(match[2]);
  return match[1] === "reads" ? { kind: "reads", reads: count } : { kind: "ms", ms: count };
}

const MODE_RULE = 'must be "immediate", "reads:N" or "ms:N", or {kind:"immediate"}, {kind:"reads",reads:N} or {kind:"ms",ms:N} (N an integer from 0 to 999999999)';

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 999_999_999;
}

/** A transition mode in either form, checked; throws `Invalid transitions ...: must be ...`. */
export function checkTransitions(value: unknown): TransitionMode {
  if (typeof value === "string") return parseTransitions(value);
  const invalid = () => new Error(`Invalid transitions ${JSON.stringify(value) ?? String(value)}: ${MODE_RULE}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid();
  const mode = value as Record<string, unknown>;
  const keys = Object.keys(mode).filter((key) => mode[key] !== undefined).sort().join(",");
  if (mode["kind"] === "immediate" && keys === "kind") return { kind: "immediate" };
  if (mode["kind"] === "reads" && keys === "kind,reads" && isCount(mode["reads"])) return { kind: "reads", reads: mode["reads"] };
  if (mode["kind"] === "ms" && keys === "kind,ms" && isCount(mode["ms"])) return { kind: "ms", ms: mode["ms"] };
  throw invalid();
}

export function formatTransitions(mode: TransitionMode): string {
  return mode.kind === "immediate" ? "immediate" : mode.kind === "reads" ? `reads:${mode.reads}` : `ms:${mode.ms}`;
}

/**
 * The earliest time the clock shows: the first of the four-digit years of the API's
 * timestamps (`0000-01-01T00:00:00Z`), in ms since the epoch.
 */
export const EARLIEST_MS = Date.parse("0000-01-01T00:00:00.000Z");
/** The last millisecond of the year 9999, the last time a four-digit timestamp can show. */
export const END_OF_9999_MS = Date.parse("9999-12-31T23:59:59.999Z");
/**
 * The latest time the clock may be set or advanced to: a year before the end of 9999, so
 * that a real clock set there keeps within the API's timestamps for a year of running.
 */
export const LATEST_MS = Date.parse("9999-01-01T00:00:00.000Z");

/** The rule of the clock's range, as refusals state it. */
export const CLOCK_RULE = "rule: the clock stays from 0000-01-01T00:00:00Z to 9999-01-01T00:00:00Z, within the four-digit years of the API's timestamps";

/** The rule of a clock a state document sets, as refusals state it. */
export const STATE_CLOCK_RULE = "rule: a state's clock is from 0000-01-01T00:00:00Z to the end of 9999, within the four-digit years of the API's timestamps";

/**
 * Why a state document's clock (`clockMs`, or the real time plus `offsetMs`) is out of range,
 * or `undefined`. Up to the end of 9999, not only to 9999-01-01: a real clock set at the latest
 * time runs on, and the states it makes meanwhile must load again. Past the end of 9999 the
 * real clock stops (`now()`), so a real clock's offset is refused only before the year 0000.
 */
export function outOfStateRange(field: "clockMs" | "offsetMs", epochMs: number): string | undefined {
  const within = Number.isFinite(epochMs) && epochMs >= EARLIEST_MS && (field === "offsetMs" || epochMs <= END_OF_9999_MS);
  return within ? undefined : `the time would be ${String(epochMs)} ms since the epoch (${STATE_CLOCK_RULE})`;
}

/** Why `epochMs` is no time the clock may be set or advanced to, or `undefined` when it is one. */
export function outOfRange(epochMs: number): string | undefined {
  if (Number.isFinite(epochMs) && epochMs >= EARLIEST_MS && epochMs <= LATEST_MS) return undefined;
  return `the time would be ${String(epochMs)} ms since the epoch (${CLOCK_RULE})`;
}

export type ClockKind = "real" | "manual";

export class Clock {
  private offsetMs = 0;
  private manualNowMs: number;

  constructor(
    readonly kind: ClockKind,
    start: number = Date.now(),
  ) {
    this.manualNowMs = start;
  }

  /**
   * Milliseconds since the epoch, on the emulator's clock. A real clock stops at the end of
   * 9999 (set at the latest time, it gets there after a year of running): it never shows a
   * time the API's timestamps, and a state, cannot hold.
   */
  now(): number {
    return this.kind === "manual" ? this.manualNowMs : Math.min(Date.now() + this.offsetMs, END_OF_9999_MS);
  }

  /** What `advance()` added to the real time; 0 for the manual clock. */
  offset(): number {
    return this.kind === "manual" ? 0 : this.offsetMs;
  }

  /** Moves the clock forward by `ms` (0 or more), to 9999-01-01 at the latest. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Invalid advance: must be a number of milliseconds, 0 or more; got ${String(ms)}`);
    const problem = outOfRange(this.now() + ms);
    if (problem !== undefined) throw new Error(`Invalid advance of ${String(ms)} ms: ${problem}`);
    if (this.kind === "manual") this.manualNowMs += ms;
    else this.offsetMs += ms;
  }

  /** What `advance()` and `resume()` change, to put back with `restoreSaved()`. */
  save(): number {
    return this.kind === "manual" ? this.manualNowMs : this.offsetMs;
  }

  restoreSaved(saved: number): void {
    if (this.kind === "manual") this.manualNowMs = saved;
    else this.offsetMs = saved;
  }

  /**
   * Takes up the clock of a state document: the manual clock goes to its time `clockMs`;
   * the real clock takes its `offsetMs` (what `advance()` had added), when it has one, and
   * keeps running (the state check has made sure it starts in the year 0000 or later; see `outOfStateRange`).
   */
  resume(clockMs: number, offsetMs: number | undefined): void {
    if (this.kind === "manual") this.manualNowMs = clockMs;
    else if (offsetMs !== undefined) this.offsetMs = offsetMs;
  }
}

/**
 * `2024-05-06T09:12:44Z`: the reference's timestamp form, to the second. It never throws: a
 * time outside the years 0000 to 9999 (which the clock and the state never hold) is shown
 * as the nearest time within them.
 */
export function timestamp(epochMs: number): string {
  const within = Number.isNaN(epochMs) ? EARLIEST_MS : Math.min(Math.max(epochMs, EARLIEST_MS), END_OF_9999_MS);
  return `${new Date(within).toISOString().slice(0, 19)}Z`;
}
