import { abortSignal, onlyKnownKeys, pathId, VpcepArgumentError, wholeNumber } from "./arguments.js";
import { describeValue, VpcepAbortError, VpcepApiError, VpcepError, VpcepTimeoutError, VpcepWaitError } from "./errors.js";
import type { Connection, Endpoint, EndpointService, EndpointServiceStatus, EndpointStatus, ResourceError } from "./models.js";
import type { ApiResult, VpcepOperations } from "./operations.js";
import { pause } from "./pause.js";
import { dataOrThrow } from "./results.js";
import { THROTTLED_CODE } from "./transport/throttling.js";

/**
 * How a waiter reads. The times are whole ms from 1 to 2 147 483 647 (about 24 days, the
 * longest timer), and `maxDelayMs` is at least `initialDelayMs`; others are refused with a
 * `VpcepArgumentError` before any read.
 */
export interface WaitOptions {
  /** How long to wait in all. Default 600 000 ms (10 minutes); creates take 1 to 2 minutes. */
  timeoutMs?: number;
  /** Stops waiting (`VpcepAbortError`). */
  signal?: AbortSignal;
  /** The first pause between two reads; it grows by half each time. Default 2 000 ms. */
  initialDelayMs?: number;
  /** The longest pause between two reads. Default 15 000 ms. */
  maxDelayMs?: number;
}

/** The longest time a timer takes: 2^31 - 1 ms. */
const LONGEST_TIMER_MS = 2_147_483_647;

const WAIT_OPTIONS = ["timeoutMs", "signal", "initialDelayMs", "maxDelayMs"];

/**
 * The options of a wait, checked, with their defaults. A default pause gives way to the
 * other one given: a first pause of 2 s at most `maxDelayMs`, a longest one of 15 s at least
 * `initialDelayMs`.
 */
function waitSettings(waiter: string, options: unknown, more: readonly string[]) {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new VpcepArgumentError(waiter, "options", `must be an object; got ${describeValue(options)}`);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  const known = [...WAIT_OPTIONS, ...more];
  onlyKnownKeys(waiter, "options", given, known, `is no option of this wait: give ${known.join(", ")}`);
  // null is no number: it is refused, not taken for the default.
  const ms = (name: string, fallback: number, min = 1): number =>
    wholeNumber(waiter, `options.${name}`, given[name] === undefined ? fallback : given[name], min, LONGEST_TIMER_MS, "of ms ") as number;
  const longest = given["maxDelayMs"] === undefined ? undefined : ms("maxDelayMs", 0);
  const initialDelayMs = ms("initialDelayMs", Math.min(2_000, longest ?? 2_000));
  const signal = abortSignal(waiter, "options.signal", given["signal"]);
  return { timeoutMs: ms("timeoutMs", 600_000), initialDelayMs, maxDelayMs: ms("maxDelayMs", Math.max(15_000, initialDelayMs), initialDelayMs), signal };
}

/**
 * What one of a waiter's reads saw:
 * - the resource's `status` as the service sent it (`creating`, `pendingAcceptance`, ...;
 *   a status the reference does not list is kept as is);
 * - `"notFound"`: the read answered 404 (what the `...Deleted` waiters wait for);
 * - `"notListed"`: the service's list of connections did not hold the endpoint yet (`connection`);
 * - `"unreadable"`: the read failed with passing trouble that the waiter reads through
 *   (the network, a 5xx, 429 or 408, the service's `EndPoint.0022` throttling, a broken
 *   success body, a call's own time limit); it counts as a poll.
 *
 * A read of a resource without a `status` counts as a poll but adds no state.
 */
export type WaitState = EndpointStatus | EndpointServiceStatus | "notFound" | "notListed" | "unreadable";

/** What a wait ended on and what it saw on the way. */
export interface WaitResult<Resource> {
  /** What the wait ended on: the resource in its target state (undefined for the `...Deleted` waiters). */
  readonly resource: Resource;
  /** How many reads the wait made, the last one included. */
  readonly polls: number;
  /** The states the reads saw, in order, a run of equal ones once: e.g. `["creating", "pendingAcceptance", "accepted"]`. */
  readonly states: readonly WaitState[];
}

/**
 * Each waiter reads until the resource is where it is awaited and resolves with a
 * `WaitResult`: the resource, the number of reads and the states they saw. A wait that
 * fails (`VpcepWaitError`), runs out of time (`VpcepTimeoutError`, `limit: "wait"`) or is
 * aborted (`VpcepAbortError`) carries `polls` and `states` too; the last two name them in
 * their message. A read cut off by the time limit or the signal is not counted. A read
 * refused for good (e.g. a 403) rejects with its own error, which carries neither.
 */
export interface Waiters {
  /** Resolves once the service is `available`; rejects with a `VpcepWaitError` if it `failed` or is being deleted. */
  endpointService(serviceId: string, options?: WaitOptions): Promise<WaitResult<EndpointService>>;
  /**
   * Resolves once the endpoint is `accepted` (by default), or already at
   * `pendingAcceptance` with `until: "pendingAcceptance"`, or `rejected` with
   * `until: "rejected"` (an accepted endpoint may still be rejected, so `accepted` is waited
   * through then); rejects with a `VpcepWaitError` if it `failed`, is being deleted, or was
   * `rejected` while awaiting another state.
   */
  endpoint(endpointId: string, options?: WaitOptions & { until?: ConnectionTarget }): Promise<WaitResult<Endpoint>>;
  /**
   * On the service's side: resolves once an endpoint's connection to one of your services
   * is `accepted` (by default), or waits for your decision, `pendingAcceptance`,
   * with `until: "pendingAcceptance"`, or its rejection with `until: "rejected"`. A connection
   * not listed yet (a create just sent) is waited for (`"notListed"`); one `failed`, being
   * deleted, no longer listed after it was, or `rejected` while awaiting another state,
   * rejects with a `VpcepWaitError`, as does a service that is gone.
   */
  connection(
    serviceId: string,
    endpointId: string,
    options?: WaitOptions & { until?: ConnectionTarget },
  ): Promise<WaitResult<Connection>>;
  /** Resolves once reading the service answers 404 (`"notFound"`), with `resource` undefined. */
  endpointServiceDeleted(serviceId: string, options?: WaitOptions): Promise<WaitResult<undefined>>;
  /** Resolves once reading the endpoint answers 404 (`"notFound"`), with `resource` undefined. */
  endpointDeleted(endpointId: string, options?: WaitOptions): Promise<WaitResult<undefined>>;
}

type Verdict<Done> = { done: Done } | { fail: string } | "wait";

interface Poll<Resource extends { status?: string } | undefined, Done> {
  what: string;
  id: string;
  read: (signal: AbortSignal) => Promise<ApiResult<Resource> | { data: Resource; response: Response }>;
  judge: (result: { status: number; resource: Resource | undefined }) => Verdict<Done>;
}

/**
 * Failures worth another read, as the transport retries them: the network, time limits,
 * broken success bodies and the service's passing trouble, throttling included.
 */
function isPassing(error: unknown): boolean {
  if (error instanceof VpcepApiError) return error.status >= 500 || error.status === 429 || error.status === 408 || error.code === THROTTLED_CODE;
  return error instanceof VpcepError && (error.kind === "network" || error.kind === "response" || (error.kind === "timeout" && (error as VpcepTimeoutError).limit !== "wait"));
}

async function poll<Resource extends { status?: string } | undefined, Done>(
  waiter: string,
  spec: Poll<Resource, Done>,
  options: WaitOptions | undefined,
  more: readonly string[] = [],
): Promise<WaitResult<Done>> {
  const { timeoutMs, maxDelayMs, initialDelayMs, signal: caller } = waitSettings(waiter, options, more);
  let delay = initialDelayMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = caller === undefined ? timeout : AbortSignal.any([caller, timeout]);
  const what = `waiting for ${spec.what} ${spec.id}`;
  const saw = { polls: 0, states: [] as WaitState[] };
  const stopped = () =>
    caller?.aborted === true
      ? new VpcepAbortError(what, caller.reason, saw)
      : new VpcepTimeoutError(what, "wait", timeoutMs, undefined, saw);

  for (;;) {
    if (signal.aborted) throw stopped();
    const seen = await read(spec, signal).catch((error: unknown) => {
      if (signal.aborted) throw stopped();
      if (!isPassing(error)) throw error;
      return undefined;
    });
    // A read cut off by the time limit or the signal threw above, so it is not counted.
    saw.polls++;
    const state = seen === undefined ? "unreadable" : seen.status === 404 ? "notFound" : seen.resource === undefined ? "notListed" : seen.resource.status;
    if (state !== undefined && state !== saw.states.at(-1)) saw.states.push(state);
    if (seen !== undefined) {
      const verdict = spec.judge(seen);
      if (verdict !== "wait") {
        if ("done" in verdict) return { resource: verdict.done, ...saw };
        const errors = (seen.resource as { error?: ResourceError[] } | undefined)?.error ?? [];
        throw new VpcepWaitError(spec.what, spec.id, verdict.fail, errors, seen.resource, saw);
      }
    }
    try {
      await pause(delay, signal, () => signal.reason);
    } catch {
      throw stopped();
    }
    delay = Math.min(maxDelayMs, Math.ceil(delay * 1.5));
  }
}

/** One read: the resource, or a 404 (returned or, with `throwOnError`, thrown). */
async function read<Resource extends { status?: string } | undefined>(spec: Poll<Resource, unknown>, signal: AbortSignal): Promise<{ status: number; resource: Resource | undefined }> {
  try {
    const result = await spec.read(signal);
    if (result.response.status === 404) return { status: 404, resource: undefined };
    return { status: result.response.status, resource: dataOrThrow<Resource>(result, "GET") };
  } catch (error) {
    if (error instanceof VpcepApiError && error.status === 404) return { status: 404, resource: undefined };
    throw error;
  }
}

/** Where an endpoint's connection can be awaited: the owner's decision, or where it stands before it. */
export type ConnectionTarget = "accepted" | "pendingAcceptance" | "rejected";

const CONNECTION_TARGETS: readonly unknown[] = ["accepted", "pendingAcceptance", "rejected"];

/**
 * Judges a read of an endpoint or a connection: done at `until` (at `pendingAcceptance`, or
 * already past it at `accepted`), failed at one of `ends` that is not awaited. An accepted
 * connection may still be rejected: awaiting `rejected`, `accepted` is waited through.
 */
function connectionJudge(waiter: string, until: ConnectionTarget = "accepted", ends: readonly string[]) {
  if (!CONNECTION_TARGETS.includes(until)) {
    throw new VpcepArgumentError(waiter, "until", `must be "accepted", "pendingAcceptance" or "rejected"; got ${describeValue(until)}`);
  }
  const done: readonly string[] = until === "pendingAcceptance" ? ["pendingAcceptance", "accepted"] : [until];
  const fail = ends.filter((state) => !done.includes(state));
  return <Resource extends { status?: string }>({ status, resource }: { status: number; resource: Resource | undefined }): Verdict<Resource> => {
    if (status === 404) return { fail: "gone (404)" };
    const state = resource?.status;
    if (resource !== undefined && state !== undefined && done.includes(state)) return { done: resource };
    return state !== undefined && fail.includes(state) ? { fail: state } : "wait";
  };
}

const gone = ({ status }: { status: number }): Verdict<undefined> => (status === 404 ? { done: undefined } : "wait");

export function bindWaiters(operations: VpcepOperations<boolean>): Waiters {
  const service = (waiter: string, id: string) => ({
    what: "VPC endpoint service",
    id: pathId(waiter, "serviceId", id),
    read: (signal: AbortSignal) => operations.getEndpointService(id, { signal }),
  });
  const endpoint = (waiter: string, id: string) => ({
    what: "VPC endpoint",
    id: pathId(waiter, "endpointId", id),
    read: (signal: AbortSignal) => operations.getEndpoint(id, { signal }),
  });
  const serviceJudge = ({ status, resource }: { status: number; resource: EndpointService | undefined }): Verdict<EndpointService> => {
    if (status === 404) return { fail: "gone (404)" };
    if (resource?.status === "available") return { done: resource };
    if (resource?.status === "failed" || resource?.status === "deleting") return { fail: resource.status };
    return "wait";
  };
  return {
    endpointService: async (serviceId, options) => {
      const waiter = "waitFor.endpointService";
      return poll<EndpointService, EndpointService>(waiter, { ...service(waiter, serviceId), judge: serviceJudge }, options);
    },
    endpoint: async (endpointId, options) => {
      const waiter = "waitFor.endpoint";
      const judge = connectionJudge(waiter, options?.until, ["failed", "rejected", "deleting"]);
      return poll<Endpoint, Endpoint>(waiter, { ...endpoint(waiter, endpointId), judge }, options, ["until"]);
    },
    connection: async (serviceId, endpointId, options) => {
      const waiter = "waitFor.connection";
      pathId(waiter, "serviceId", serviceId);
      pathId(waiter, "endpointId", endpointId);
      const judgeListed = connectionJudge(waiter, options?.until, ["failed", "rejected", "deleting"]);
      let listed = false;
      return poll<Connection | undefined, Connection>(
        waiter,
        {
          what: `connection of VPC endpoint ${endpointId} to service`,
          id: serviceId,
          read: async (signal) => {
            const result = await operations.listServiceConnections(serviceId, { id: endpointId }, { signal });
            const connections = (result.data as { connections?: Connection[] } | undefined)?.connections;
            return { ...result, data: connections?.find((connection) => connection.id === endpointId) } as ApiResult<Connection | undefined>;
          },
          // Not listed yet is waited for; no longer listed, after it was, is the endpoint gone.
          judge: (seen) => {
            if (seen.status !== 404 && seen.resource === undefined) return listed ? { fail: "unlisted" } : "wait";
            listed = true;
            return judgeListed(seen);
          },
        },
        options,
        ["until"],
      );
    },
    endpointServiceDeleted: async (serviceId, options) => {
      const waiter = "waitFor.endpointServiceDeleted";
      return poll<EndpointService, undefined>(waiter, { ...service(waiter, serviceId), judge: gone }, options);
    },
    endpointDeleted: async (endpointId, options) => {
      const waiter = "waitFor.endpointDeleted";
      return poll<Endpoint, undefined>(waiter, { ...endpoint(waiter, endpointId), judge: gone }, options);
    },
  };
}
