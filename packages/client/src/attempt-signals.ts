/** What ends one attempt: its time limit, or the caller's signal. */
export interface AttemptSignal {
  /** The signal to hand to `fetch`. */
  readonly signal: AbortSignal;
  /** Whether the time limit, not the caller, ended the attempt. */
  timedOut(): boolean;
  /** The attempt is over (whatever its outcome). Call it exactly once: the object may be shared by attempts. */
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
  /** Whether the timer lets the process exit; one that cannot is not kept while idle. */
  readonly unrefed: boolean;
  /** Attempts in flight. */
  active: number;
  /** Attempts it was handed to, over its life. */
  handedOut: number;
  /** The own controllers of attempts with a caller's signal, aborted with it. */
  readonly followers: Set<AbortController>;
  /** What every attempt without a caller's signal gets: one object for all of them. */
  readonly attempt: AttemptSignal;
}

/**
 * Creates the attempt signals of one client.
 *
 * An attempt without a caller's signal gets a deadline signal shared with the attempts
 * whose deadlines fall on the same grid point: on Node 20, creating an `AbortSignal` for
 * each attempt costs more than the rest of the client's work per call. A deadline aborts
 * only if one of its attempts is still in flight when it passes, and the transport reads
 * every body within its attempt, so an abort never reaches a finished call.
 *
 * A deadline's timer is set once, when the deadline is first handed out, and cleared as
 * soon as the deadline is idle and no longer the one handed out: calls made one after
 * another reuse it without touching a timer. Like `AbortSignal.timeout()`, it does not
 * keep the process alive; the request in flight does. Where a timer cannot be unref'd
 * (browsers, Deno before 2.8), it is cleared as soon as its deadline is idle.
 *
 * An attempt with a caller's signal gets a signal of its own that follows the caller's and
 * the shared deadline.
 *
 * `now` must be monotonic: a wall clock that jumps would put an attempt on a deadline whose
 * timer runs out at another time.
 */
export function createAttemptSignals(now: () => number): AttemptSignals {
  let current: SharedDeadline | undefined;

  const retireIfIdle = (deadline: SharedDeadline) => {
    if (deadline.active > 0 || (deadline === current && deadline.unrefed)) return;
    clearTimeout(deadline.timer);
    if (deadline === current) current = undefined;
  };

  const open = (at: number, limitMs: number): SharedDeadline => {
    const controller = new AbortController();
    // It fires at most one grid step after `at`; one duration per limit keeps Node's timer
    // lists cheap. The transport tells a time limit from the caller's abort by
    // `timedOut()`, not by the reason.
    const timer = setTimeout(() => {
      if (current === deadline) current = undefined;
      if (deadline.active === 0) return;
      controller.abort();
      for (const following of deadline.followers) following.abort();
    }, limitMs + DEADLINE_GRID_MS);
    // unref() returns the timer; browsers and Deno before 2.8 return a number, which has none.
    const unrefed = timer.unref?.() !== undefined;
    const deadline: SharedDeadline = {
      at,
      controller,
      timer,
      unrefed,
      active: 0,
      handedOut: 0,
      followers: new Set(),
      attempt: {
        signal: controller.signal,
        timedOut: () => controller.signal.aborted,
        release() {
          deadline.active--;
          retireIfIdle(deadline);
        },
      },
    };
    return deadline;
  };

  const shared = (limitMs: number): SharedDeadline => {
    const at = Math.ceil((now() + limitMs) / DEADLINE_GRID_MS) * DEADLINE_GRID_MS;
    if (current === undefined || current.at !== at || current.handedOut >= MAX_ATTEMPTS_PER_DEADLINE) {
      const replaced = current;
      current = open(at, limitMs);
      if (replaced !== undefined) retireIfIdle(replaced);
    }
    current.handedOut++;
    current.active++;
    return current;
  };

  // Listeners on one signal past ten make Node warn of a leak, so an attempt follows the
  // caller's signal only while it is in flight, and the deadline aborts its followers itself.
  const followingCaller = (limitMs: number, callerSignal: AbortSignal): AttemptSignal => {
    const controller = new AbortController();
    const deadline = shared(limitMs);
    deadline.followers.add(controller);
    const followCaller = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) followCaller();
    else callerSignal.addEventListener("abort", followCaller);
    return {
      signal: controller.signal,
      timedOut: deadline.attempt.timedOut,
      release() {
        callerSignal.removeEventListener("abort", followCaller);
        deadline.followers.delete(controller);
        deadline.attempt.release();
      },
    };
  };

  return (limitMs, callerSignal) => (callerSignal === undefined ? shared(limitMs).attempt : followingCaller(limitMs, callerSignal));
}
