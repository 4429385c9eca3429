/**
 * The emulator's state: every service and endpoint of every project, in memory, as plain
 * JSON-ready records. `snapshot()` and `load()` turn it into the state document that the
 * control API returns and the state file holds; `version` counts changes.
 */

export const STATE_FORMAT = "otc-vpcep-emulator-state";
export const STATE_VERSION = 1;

export interface TagRecord {
  key: string;
  value: string;
}

export interface ResourceErrorRecord {
  error_code: string;
  error_message: string;
}

export interface PortRecord {
  client_port: number;
  server_port: number;
  protocol: string;
}

/** A pending change of state: due at `dueMs` of the emulator clock, or after `readsLeft` more reads. */
export interface Transition {
  to: string;
  dueMs?: number | undefined;
  readsLeft?: number | undefined;
  /** For a transition to `failed`: what the resource's `error` says. */
  error?: ResourceErrorRecord | undefined;
}

export interface PermissionRecord {
  id: string;
  permission: string;
  description: string;
  createdMs: number;
  seq: number;
}

export interface ServiceRecord {
  id: string;
  seq: number;
  project_id: string;
  domain_id: string;
  port_id: string;
  pool_id?: string | undefined;
  /** The short name given (`billing`), if any; `service_name` is the full one. */
  short_name?: string | undefined;
  service_name: string;
  vpc_id: string;
  approval_enabled: boolean;
  service_type: string;
  server_type: string;
  ports: PortRecord[];
  tcp_proxy: string;
  tags: TagRecord[];
  description?: string | undefined;
  status: string;
  error?: ResourceErrorRecord[] | undefined;
  createdMs: number;
  updatedMs: number;
  transition?: Transition | undefined;
  permissions: PermissionRecord[];
}

export interface PolicyStatementRecord {
  Effect: string;
  Action: string[];
  Resource: string[];
}

export interface EndpointRecord {
  id: string;
  seq: number;
  project_id: string;
  domain_id: string;
  service_id: string;
  service_name: string;
  service_type: string;
  vpc_id: string;
  subnet_id?: string | undefined;
  /** The address in the subnet; shown once the endpoint has been accepted. */
  ip?: string | undefined;
  ip_shown: boolean;
  enable_dns: boolean;
  dns_names?: string[] | undefined;
  tags: TagRecord[];
  routetables?: string[] | undefined;
  whitelist?: string[] | undefined;
  enable_whitelist?: boolean | undefined;
  policy_statement?: PolicyStatementRecord[] | undefined;
  specification_name: string;
  description?: string | undefined;
  status: string;
  error?: ResourceErrorRecord[] | undefined;
  /** A 64-bit integer, as decimal digits: it can exceed what a JavaScript number holds. */
  marker_id: string;
  createdMs: number;
  updatedMs: number;
  transition?: Transition | undefined;
}

export interface StateDocument {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** The emulator clock when the document was taken, in ms since the epoch. */
  clockMs: number;
  seq: number;
  nextMarker: string;
  services: ServiceRecord[];
  endpoints: EndpointRecord[];
}

/** By default marker ids start above 2^53, so that clients that read them as numbers lose digits and notice. */
export const FIRST_MARKER = 2n ** 53n + 1n;

export class Store {
  readonly services = new Map<string, ServiceRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  /**
   * The records with a pending transition. Records, not ids: a restored state may hold a
   * service and an endpoint with the same id (the spec's examples do), which are two resources.
   */
  readonly pending = new Set<ServiceRecord | EndpointRecord>();
  seq = 0;
  nextMarker: bigint;
  /** Counts changes; the persistence layer writes when it moves. */
  version = 0;

  constructor(private readonly firstMarker: bigint = FIRST_MARKER) {
    this.nextMarker = firstMarker;
  }

  changed(): void {
    this.version++;
  }

  nextSeq(): number {
    this.seq++;
    return this.seq;
  }

  takeMarker(): string {
    const marker = this.nextMarker;
    this.nextMarker++;
    return marker.toString();
  }

  clear(): void {
    this.services.clear();
    this.endpoints.clear();
    this.pending.clear();
    this.seq = 0;
    this.nextMarker = this.firstMarker;
    this.changed();
  }

  snapshot(clockMs: number): StateDocument {
    return structuredClone({
      format: STATE_FORMAT,
      version: STATE_VERSION,
      clockMs,
      seq: this.seq,
      nextMarker: this.nextMarker.toString(),
      services: [...this.services.values()],
      endpoints: [...this.endpoints.values()],
    });
  }

  load(document: StateDocument): void {
    this.services.clear();
    this.endpoints.clear();
    this.pending.clear();
    for (const service of structuredClone(document.services)) {
      this.services.set(service.id, service);
      if (service.transition !== undefined) this.pending.add(service);
    }
    for (const endpoint of structuredClone(document.endpoints)) {
      this.endpoints.set(endpoint.id, endpoint);
      if (endpoint.transition !== undefined) this.pending.add(endpoint);
    }
    this.seq = document.seq;
    this.nextMarker = BigInt(document.nextMarker);
    this.changed();
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const SERVICE_STRINGS = ["id", "project_id", "domain_id", "port_id", "service_name", "vpc_id", "service_type", "server_type", "tcp_proxy", "status"] as const;
const ENDPOINT_STRINGS = ["id", "project_id", "domain_id", "service_id", "service_name", "service_type", "vpc_id", "specification_name", "status", "marker_id"] as const;

function checkRecords(list: unknown, what: string, strings: readonly string[]): string | undefined {
  if (!Array.isArray(list)) return `"${what}" must be an array`;
  for (const [index, record] of list.entries()) {
    if (!isObject(record)) return `${what}[${index}] must be an object`;
    for (const key of strings) if (typeof record[key] !== "string") return `${what}[${index}].${key} must be a string`;
    for (const key of ["seq", "createdMs", "updatedMs"]) if (typeof record[key] !== "number") return `${what}[${index}].${key} must be a number`;
    if (!Array.isArray(record["tags"])) return `${what}[${index}].tags must be an array`;
    if (what === "services" && !Array.isArray(record["permissions"])) return `services[${index}].permissions must be an array`;
    if (what === "services" && !Array.isArray(record["ports"])) return `services[${index}].ports must be an array`;
    if (what === "endpoints" && !/^\d{1,19}$/.test(String(record["marker_id"]))) return `endpoints[${index}].marker_id must be decimal digits`;
  }
  return undefined;
}

/** Checks that a parsed document is an emulator state of this version; throws an Error saying what is wrong. */
export function parseStateDocument(value: unknown): StateDocument {
  if (!isObject(value)) throw new Error("not an emulator state: the document is not a JSON object");
  if (value["format"] !== STATE_FORMAT) {
    throw new Error(`not an emulator state: "format" is ${JSON.stringify(value["format"] ?? null)}, not "${STATE_FORMAT}"`);
  }
  if (value["version"] !== STATE_VERSION) {
    throw new Error(`unsupported emulator state version ${JSON.stringify(value["version"] ?? null)}: this emulator reads version ${STATE_VERSION}`);
  }
  const problem =
    (typeof value["clockMs"] !== "number" ? `"clockMs" must be a number` : undefined) ??
    (Math.abs(value["clockMs"] as number) > 8.64e15 ? `"clockMs" must be within ±8.64e15 ms of the epoch (rule: the range of a Date)` : undefined) ??
    (typeof value["seq"] !== "number" ? `"seq" must be a number` : undefined) ??
    (typeof value["nextMarker"] !== "string" || !/^\d{1,19}$/.test(value["nextMarker"]) ? `"nextMarker" must be decimal digits` : undefined) ??
    checkRecords(value["services"], "services", SERVICE_STRINGS) ??
    checkRecords(value["endpoints"], "endpoints", ENDPOINT_STRINGS);
  if (problem !== undefined) throw new Error(`invalid emulator state: ${problem}`);
  return value as unknown as StateDocument;
}
