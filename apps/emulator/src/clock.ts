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

/** The largest distance from the epoch a Date holds, in ms: the clock stays within ±this. */
export const MAX_TIME_MS = 8.64e15;

/** Why `epochMs` is no time the clock can show, or `undefined` when it is one. */
export function outOfRange(epochMs: number): string | undefined {
  if (Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_TIME_MS) return undefined;
  return `the time would be ${String(epochMs)} ms since the epoch (rule: the clock stays within ±8.64e15 ms of the epoch, the range of a Date)`;
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

  /** Milliseconds since the epoch, on the emulator's clock. */
  now(): number {
    return this.kind === "manual" ? this.manualNowMs : Date.now() + this.offsetMs;
  }

  /** Moves the clock forward by `ms` (0 or more). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Invalid advance: must be a number of milliseconds, 0 or more; got ${String(ms)}`);
    const problem = outOfRange(this.now() + ms);
    if (problem !== undefined) throw new Error(`Invalid advance of ${String(ms)} ms: ${problem}`);
    if (this.kind === "manual") this.manualNowMs += ms;
    else this.offsetMs += ms;
  }

  /** What `advance()` and `set()` change, to put back with `restoreSaved()`. */
  save(): number {
    return this.kind === "manual" ? this.manualNowMs : this.offsetMs;
  }

  restoreSaved(saved: number): void {
    if (this.kind === "manual") this.manualNowMs = saved;
    else this.offsetMs = saved;
  }

  /** Sets the clock to a time (the manual clock only moves there; the real one keeps running from there). */
  set(epochMs: number): void {
    const problem = outOfRange(epochMs);
    if (problem !== undefined) throw new Error(`Invalid clock time: ${problem}`);
    if (this.kind === "manual") this.manualNowMs = epochMs;
    else this.offsetMs = epochMs - Date.now();
  }
}

/** `2024-05-06T09:12:44Z`: the reference's timestamp form, to the second. */
export function timestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
