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
  /** Runs while attempts are in flight. */
  timer?: ReturnType<typeof setTimeout>;
  /** Attempts in flight. */
  active: number;
  /** Attempts it was handed to, over its life. */
  handedOut: number;
  /** The own controllers of attempts with a caller's signal, aborted with it. */
  readonly followers: Set<AbortController>;
}

/**
 * Creates the attempt signals of one client.
 *
 * An attempt without a caller's signal gets a deadline signal shared with the attempts
 * whose deadlines fall on the same grid point: on Node 20, creating an `AbortSignal` for
 * each attempt costs more than the rest of the client's work per call. A deadline's timer
 * runs only while one of its attempts is in flight, and the transport reads every body
 * within its attempt, so an abort never reaches a finished call.
 *
 * An attempt with a caller's signal gets a signal of its own that follows the caller's and
 * the shared deadline.
 *
 * `now` must be monotonic: a wall clock that jumps would put an attempt on a deadline whose
 * timer runs out at another time.
 */
export function createAttemptSignals(now: () => number): AttemptSignals {
  let current: SharedDeadline | undefined;

  const shared = (limitMs: number, follower?: AbortController): AttemptSignal => {
    const at = Math.ceil((now() + limitMs) / DEADLINE_GRID_MS) * DEADLINE_GRID_MS;
    if (current === undefined || current.at !== at || current.handedOut >= MAX_ATTEMPTS_PER_DEADLINE) {
      current = { at, controller: new AbortController(), active: 0, handedOut: 0, followers: new Set() };
    }
    const deadline = current;
    deadline.handedOut++;
    if (follower !== undefined) deadline.followers.add(follower);
    if (deadline.active++ === 0) {
      // It fires at most one grid step after `at`; one duration per limit keeps Node's timer
      // lists cheap. The transport tells a time limit from the caller's abort by
      // `timedOut()`, not by the reason.
      deadline.timer = setTimeout(() => {
        if (current === deadline) current = undefined;
        deadline.controller.abort();
        for (const following of deadline.followers) following.abort();
      }, limitMs + DEADLINE_GRID_MS);
    }
    return {
      signal: deadline.controller.signal,
      timedOut: () => deadline.controller.signal.aborted,
      release() {
        if (follower !== undefined) deadline.followers.delete(follower);
        if (--deadline.active === 0) clearTimeout(deadline.timer);
      },
    };
  };

  // Listeners on one signal past ten make Node warn of a leak, so an attempt follows the
  // caller's signal only while it is in flight, and the deadline aborts its followers itself.
  const followingCaller = (limitMs: number, callerSignal: AbortSignal): AttemptSignal => {
    const controller = new AbortController();
    const deadline = shared(limitMs, controller);
    const followCaller = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) followCaller();
    else callerSignal.addEventListener("abort", followCaller);
    return {
      signal: controller.signal,
      timedOut: deadline.timedOut,
      release() {
        callerSignal.removeEventListener("abort", followCaller);
        deadline.release();
      },
    };
  };

  return (limitMs, callerSignal) => (callerSignal === undefined ? shared(limitMs) : followingCaller(limitMs, callerSignal));
}
