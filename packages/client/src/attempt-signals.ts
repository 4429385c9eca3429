/** What ends one attempt: its time limit, or the caller's signal. */
export interface AttemptSignal {
  /** The signal to hand to `fetch`. */
  readonly signal: AbortSignal;
  /** Whether the time limit, not the caller, ended the attempt. */
  timedOut(): boolean;
  /** The attempt is over (whatever its outcome). Call it once. */
  release(): void;
}

/**
 * Hands out the signal of each attempt: `attemptSignal(limitMs, callerSignal)`. The signal
 * aborts `limitMs` from now, or up to twice `DEADLINE_GRID_MS` later, or when the caller aborts.
 */
export type AttemptSignals = (limitMs: number, callerSignal: AbortSignal | undefined) => AttemptSignal;

/** Deadlines are rounded up to this grid, so that attempts started close together can share one. */
export const DEADLINE_GRID_MS = 10;

/**
 * At most this many attempts share a deadline. Node's fetch adds a listener to the signal
 * per request and warns past 1,500 of them.
 */
export const MAX_ATTEMPTS_PER_DEADLINE = 500;

interface SharedDeadline {
  readonly at: number;
  readonly controller: AbortController;
  readonly timer: ReturnType<typeof setTimeout>;
  /** Attempts in flight. */
  active: number;
  /** Attempts it was handed to, over its life. */
  handedOut: number;
}

/** Node's timers keep the process alive unless unref'd; browsers' timers are plain numbers. */
const keepAlive = (timer: unknown, on: boolean) => (timer as { ref?(): void; unref?(): void })[on ? "ref" : "unref"]?.();

/**
 * Creates the attempt signals of one client.
 *
 * An attempt without a caller's signal gets a deadline signal shared with the attempts
 * whose deadlines fall on the same grid point: on Node 20, creating an `AbortSignal` and a
 * timer for each attempt costs more than the rest of the client's work per call. While no
 * attempt is in flight, the newest deadline waits for the next ones without keeping the
 * process alive. The transport reads every body within its attempt, so an abort never
 * reaches a finished call.
 *
 * An attempt with a caller's signal gets a signal of its own that follows the caller's and
 * the shared deadline.
 */
export function createAttemptSignals(now: () => number): AttemptSignals {
  let current: SharedDeadline | undefined;

  const open = (at: number, limitMs: number): SharedDeadline => {
    const deadline: SharedDeadline = {
      at,
      controller: new AbortController(),
      active: 0,
      handedOut: 0,
      // The timer fires at most one grid step after `at`; one duration per limit keeps
      // Node's timer lists cheap. The transport tells a time limit from the caller's abort
      // by `timedOut()`, not by the reason.
      timer: setTimeout(() => {
        if (current === deadline) current = undefined;
        if (deadline.active > 0) deadline.controller.abort();
      }, limitMs + DEADLINE_GRID_MS),
    };
    return deadline;
  };

  const shared = (limitMs: number): AttemptSignal => {
    const at = Math.ceil((now() + limitMs) / DEADLINE_GRID_MS) * DEADLINE_GRID_MS;
    if (current === undefined || current.at !== at || current.handedOut >= MAX_ATTEMPTS_PER_DEADLINE) {
      // An idle deadline that is no longer handed out is done with.
      if (current?.active === 0) clearTimeout(current.timer);
      current = open(at, limitMs);
    }
    const deadline = current;
    deadline.handedOut++;
    if (deadline.active++ === 0) keepAlive(deadline.timer, true);
    return {
      signal: deadline.controller.signal,
      timedOut: () => deadline.controller.signal.aborted,
      release() {
        if (--deadline.active > 0) return;
        if (deadline === current) keepAlive(deadline.timer, false);
        else clearTimeout(deadline.timer);
      },
    };
  };

  // The listeners are never removed: the caller's signal here is the request's, which dies
  // with the request, and a shared deadline lives no longer than its time limit.
  const followingCaller = (limitMs: number, callerSignal: AbortSignal): AttemptSignal => {
    const deadline = shared(limitMs);
    const controller = new AbortController();
    for (const signal of [deadline.signal, callerSignal]) {
      if (signal.aborted) controller.abort(signal.reason);
      else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
    }
    return { ...deadline, signal: controller.signal };
  };

  return (limitMs, callerSignal) => (callerSignal === undefined ? shared(limitMs) : followingCaller(limitMs, callerSignal));
}
