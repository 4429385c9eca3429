import { VpcepAbortError, VpcepApiError, VpcepError, VpcepTimeoutError, VpcepWaitError } from "./errors.js";
import type { Connection, Endpoint, EndpointService, ResourceError } from "./models.js";
import type { ApiResult, VpcepOperations } from "./operations.js";
import { pause } from "./pause.js";
import { dataOrThrow } from "./results.js";

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

export interface Waiters {
  /** Resolves with the service once it is `available`; rejects with a `VpcepWaitError` if it `failed` or is being deleted. */
  endpointService(serviceId: string, options?: WaitOptions): Promise<EndpointService>;
  /**
   * Resolves with the endpoint once it is `accepted` (by default), or already at
   * `pendingAcceptance` with `until: "pendingAcceptance"`; rejects with a `VpcepWaitError`
   * if it `failed`, was `rejected` or is being deleted.
   */
  endpoint(endpointId: string, options?: WaitOptions & { until?: "accepted" | "pendingAcceptance" }): Promise<Endpoint>;
  /**
   * On the service's side: resolves with an endpoint's connection to one of your services
   * once it is `accepted` (by default), or waits for your decision, `pendingAcceptance`,
   * with `until: "pendingAcceptance"`. A connection not listed yet (a create just sent) is
   * waited for; one `rejected` or `failed` rejects with a `VpcepWaitError`, as does a
   * service that is gone.
   */
  connection(
    serviceId: string,
    endpointId: string,
    options?: WaitOptions & { until?: "accepted" | "pendingAcceptance" },
  ): Promise<Connection>;
  /** Resolves once reading the service answers 404. */
  endpointServiceDeleted(serviceId: string, options?: WaitOptions): Promise<void>;
  /** Resolves once reading the endpoint answers 404. */
  endpointDeleted(endpointId: string, options?: WaitOptions): Promise<void>;
}

type Verdict<Done> = { done: Done } | { fail: string } | "wait";

interface Poll<Resource, Done> {
  what: string;
  id: string;
  read: (signal: AbortSignal) => Promise<ApiResult<Resource> | { data: Resource; response: Response }>;
  judge: (result: { status: number; resource: Resource | undefined }) => Verdict<Done>;
}

/** Failures worth another read: the network, time limits and the service's passing trouble. */
function isPassing(error: unknown): boolean {
  if (error instanceof VpcepApiError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return error instanceof VpcepError && (error.kind === "network" || (error.kind === "timeout" && (error as VpcepTimeoutError).limit !== "wait"));
}

async function poll<Resource, Done>(spec: Poll<Resource, Done>, options: WaitOptions = {}): Promise<Done> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const maxDelayMs = options.maxDelayMs ?? 15_000;
  let delay = options.initialDelayMs ?? 2_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  const what = `waiting for ${spec.what} ${spec.id}`;
  const stopped = () =>
    options.signal?.aborted === true
      ? new VpcepAbortError(what, options.signal.reason)
      : new VpcepTimeoutError(what, "wait", timeoutMs);

  for (;;) {
    if (signal.aborted) throw stopped();
    const seen = await read(spec, signal).catch((error: unknown) => {
      if (signal.aborted) throw stopped();
      if (!isPassing(error)) throw error;
      return undefined;
    });
    if (seen !== undefined) {
      const verdict = spec.judge(seen);
      if (verdict !== "wait") {
        if ("done" in verdict) return verdict.done;
        const errors = (seen.resource as { error?: ResourceError[] } | undefined)?.error ?? [];
        throw new VpcepWaitError(spec.what, spec.id, verdict.fail, errors, seen.resource);
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
async function read<Resource>(spec: Poll<Resource, unknown>, signal: AbortSignal): Promise<{ status: number; resource: Resource | undefined }> {
  try {
    const result = await spec.read(signal);
    if (result.response.status === 404) return { status: 404, resource: undefined };
    return { status: result.response.status, resource: dataOrThrow<Resource>(result, "GET") };
  } catch (error) {
    if (error instanceof VpcepApiError && error.status === 404) return { status: 404, resource: undefined };
    throw error;
  }
}

const gone = ({ status }: { status: number }): Verdict<void> => (status === 404 ? { done: undefined } : "wait");

export function bindWaiters(operations: VpcepOperations<boolean>): Waiters {
  const service = (id: string) => ({
    what: "VPC endpoint service",
    id,
    read: (signal: AbortSignal) => operations.getEndpointService(id, { signal }),
  });
  const endpoint = (id: string) => ({
    what: "VPC endpoint",
    id,
    read: (signal: AbortSignal) => operations.getEndpoint(id, { signal }),
  });
  return {
    endpointService: (serviceId, options) =>
      poll<EndpointService, EndpointService>(
        {
          ...service(serviceId),
          judge: ({ status, resource }) => {
            if (status === 404) return { fail: "gone (404)" };
            if (resource?.status === "available") return { done: resource };
            if (resource?.status === "failed" || resource?.status === "deleting") return { fail: resource.status };
            return "wait";
          },
        },
        options,
      ),
    endpoint: (endpointId, options) => {
      const targets = options?.until === "pendingAcceptance" ? ["pendingAcceptance", "accepted"] : ["accepted"];
      return poll<Endpoint, Endpoint>(
        {
          ...endpoint(endpointId),
          judge: ({ status, resource }) => {
            if (status === 404) return { fail: "gone (404)" };
            if (resource?.status !== undefined && targets.includes(resource.status)) return { done: resource };
            if (resource?.status === "failed" || resource?.status === "rejected" || resource?.status === "deleting") {
              return { fail: resource.status };
            }
            return "wait";
          },
        },
        options,
      );
    },
    connection: (serviceId, endpointId, options) => {
      const targets = options?.until === "pendingAcceptance" ? ["pendingAcceptance", "accepted"] : ["accepted"];
      return poll<Connection | undefined, Connection>(
        {
          what: `connection of VPC endpoint ${endpointId} to service`,
          id: serviceId,
          read: async (signal) => {
            const result = await operations.listServiceConnections(serviceId, { id: endpointId }, { signal });
            const listed = (result.data as { connections?: Connection[] } | undefined)?.connections;
            return { ...result, data: listed?.find((connection) => connection.id === endpointId) } as ApiResult<Connection | undefined>;
          },
          judge: ({ status, resource }) => {
            if (status === 404) return { fail: "gone (404)" };
            if (resource?.status !== undefined && targets.includes(resource.status)) return { done: resource };
            if (resource?.status === "rejected" || resource?.status === "failed") return { fail: resource.status };
            return "wait";
          },
        },
        options,
      );
    },
    endpointServiceDeleted: (serviceId, options) => poll<EndpointService, void>({ ...service(serviceId), judge: gone }, options),
    endpointDeleted: (endpointId, options) => poll<Endpoint, void>({ ...endpoint(endpointId), judge: gone }, options),
  };
}
