/**
 * Faults that tests inject: the next N calls to an operation answer an error (with
 * `Retry-After` if asked) or lose their connection; the next N resources an operation
 * creates end `failed`; or a resource goes `failed` now (see the control API).
 */

/** The next `times` calls to `operationId` answer `status` with this error body. */
export interface ErrorFault {
  kind: "error";
  operationId: string;
  times?: number;
  status: number;
  errorCode?: string;
  errorMsg?: string;
  /** The `Retry-After` header to send, in seconds. */
  retryAfter?: number;
}

/** The next `times` calls to `operationId` get no answer: the connection is closed. */
export interface DropFault {
  kind: "drop";
  operationId: string;
  times?: number;
}

/** The next `times` resources created by `operationId` end `failed` instead of ready. */
export interface FailCreateFault {
  kind: "fail";
  operationId: "createEndpointService" | "createEndpoint";
  times?: number;
  errorCode?: string;
  errorMessage?: string;
}

/** The service or endpoint `resourceId` goes `failed` now. */
export interface FailResourceFault {
  kind: "failResource";
  resourceId: string;
  errorCode?: string;
  errorMessage?: string;
}

export type Fault = ErrorFault | DropFault | FailCreateFault | FailResourceFault;

type Queued = (ErrorFault | DropFault | FailCreateFault) & { remaining: number };

/** The reference's messages of the codes an error fault answers by default, and of some others. */
const DEFAULT_ERROR_MESSAGES: Record<string, string> = {
  "EndPoint.0001": "System error. Please retry.",
  "EndPoint.0002": "Parameter error.",
  "EndPoint.0003": "Authentication failed or authentication information is invalid.",
  "EndPoint.0004": "Authentication information is incorrect or you have no permissions.",
  "EndPoint.0005": "The requested resource does not exist.",
  "EndPoint.0013": "The request timed out.",
  "EndPoint.0022": "The number of requests exceeded the limit. Please try later.",
};

/**
 * The code an error fault answers without `errorCode`, by status: the generic code the
 * reference's error table gives that status (400 `0002`, 401 `0003`, 403 `0004`, 404
 * `0005`, 500 `0001`, 504 `0013`, the timeout), and `0022`, the code of too many requests,
 * for 429. Any other status: `EndPoint.0002` below 500, `EndPoint.0001` from 500.
 */
const DEFAULT_CODES: Record<number, string> = {
  400: "EndPoint.0002",
  401: "EndPoint.0003",
  403: "EndPoint.0004",
  404: "EndPoint.0005",
  429: "EndPoint.0022",
  500: "EndPoint.0001",
  504: "EndPoint.0013",
};

export function defaultFaultCode(status: number): string {
  return DEFAULT_CODES[status] ?? (status >= 500 ? "EndPoint.0001" : "EndPoint.0002");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(fault: Record<string, unknown>, key: string): void {
  if (fault[key] !== undefined && (typeof fault[key] !== "string" || fault[key] === "")) {
    throw new Error(`Invalid fault: "${key}" must be a non-empty string`);
  }
}

/** The longest Retry-After an error fault may ask for: one day, in seconds. */
export const MAX_RETRY_AFTER_S = 86_400;

/** Checks a fault given to `inject()` or `POST /_emulator/faults`; throws an Error naming the field. */
export function parseFault(value: unknown, operationIds: ReadonlySet<string>): Fault {
  if (!isObject(value)) throw new Error("Invalid fault: must be an object");
  const kind = value["kind"];
  if (kind !== "error" && kind !== "drop" && kind !== "fail" && kind !== "failResource") {
    throw new Error(`Invalid fault: "kind" must be "error", "drop", "fail" or "failResource"; got ${JSON.stringify(kind ?? null)}`);
  }
  const allowed: Record<string, string[]> = {
    error: ["kind", "operationId", "times", "status", "errorCode", "errorMsg", "retryAfter"],
    drop: ["kind", "operationId", "times"],
    fail: ["kind", "operationId", "times", "errorCode", "errorMessage"],
    failResource: ["kind", "resourceId", "errorCode", "errorMessage"],
  };
  const unknown = Object.keys(value).find((key) => !allowed[kind]!.includes(key));
  if (unknown !== undefined) throw new Error(`Invalid fault: "${unknown}" is not a field of a "${kind}" fault (fields: ${allowed[kind]!.join(", ")})`);
  if (kind === "failResource") {
    if (typeof value["resourceId"] !== "string" || value["resourceId"] === "") throw new Error(`Invalid fault: "resourceId" must be a non-empty string`);
  } else {
    const operationId = value["operationId"];
    if (typeof operationId !== "string" || !operationIds.has(operationId)) {
      throw new Error(`Invalid fault: "operationId" must be an operationId of the spec; got ${JSON.stringify(operationId ?? null)}`);
    }
    if (kind === "fail" && operationId !== "createEndpointService" && operationId !== "createEndpoint") {
      throw new Error(`Invalid fault: a "fail" fault applies to "createEndpointService" or "createEndpoint"; got "${operationId}"`);
    }
    const times = value["times"];
    if (times !== undefined && (typeof times !== "number" || !Number.isInteger(times) || times < 1 || times > 1_000_000)) {
      throw new Error(`Invalid fault: "times" must be an integer from 1 to 1000000`);
    }
  }
  if (kind === "error") {
    const status = value["status"];
    if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error(`Invalid fault: "status" must be an HTTP error status from 400 to 599`);
    }
    const retryAfter = value["retryAfter"];
    if (retryAfter !== undefined && (typeof retryAfter !== "number" || !Number.isInteger(retryAfter) || retryAfter < 0 || retryAfter > MAX_RETRY_AFTER_S)) {
      throw new Error(`Invalid fault: "retryAfter" must be a whole number of seconds from 0 to ${MAX_RETRY_AFTER_S} (one day)`);
    }
    optionalString(value, "errorMsg");
  }
  optionalString(value, "errorCode");
  optionalString(value, "errorMessage");
  return value as unknown as Fault;
}

export class Faults {
  private readonly queues = new Map<string, Queued[]>();

  add(fault: ErrorFault | DropFault | FailCreateFault): void {
    const queue = this.queues.get(fault.operationId) ?? [];
    queue.push({ ...fault, remaining: fault.times ?? 1 });
    this.queues.set(fault.operationId, queue);
  }

  clear(): void {
    this.queues.clear();
  }

  /** The pending faults, for `GET /_emulator/faults`. */
  list(): Queued[] {
    return [...this.queues.values()].flat().map((fault) => ({ ...fault }));
  }

  /** Takes the first error or drop fault queued for a call to `operationId`, if any. */
  takeCallFault(operationId: string): ErrorFault | DropFault | undefined {
    return this.take(operationId, (fault) => fault.kind !== "fail") as ErrorFault | DropFault | undefined;
  }

  /** Takes the first "fail" fault for a resource that `operationId` creates, if any. */
  takeCreateFault(operationId: string): FailCreateFault | undefined {
    return this.take(operationId, (fault) => fault.kind === "fail") as FailCreateFault | undefined;
  }

  private take(operationId: string, which: (fault: Queued) => boolean): Queued | undefined {
    const queue = this.queues.get(operationId);
    const index = queue?.findIndex(which) ?? -1;
    if (queue === undefined || index === -1) return undefined;
    const fault = queue[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(operationId);
    return fault;
  }
}

export function faultErrorBody(fault: ErrorFault): { error_code: string; error_msg: string } {
  const code = fault.errorCode ?? defaultFaultCode(fault.status);
  return { error_code: code, error_msg: fault.errorMsg ?? DEFAULT_ERROR_MESSAGES[code] ?? `Injected fault (${code}).` };
}
