/**
 * The emulator's state: every service and endpoint of every project, in memory, as plain
 * JSON-ready records. `snapshot()` and `load()` turn it into the state document that the
 * control API returns and the state file holds; `version` counts changes.
 */

import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { MAX_TIME_MS } from "./clock.js";
import { STATE_SCHEMA } from "./state-schema.js";
import { chooseError, fieldName, ruleText } from "./validation.js";

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

const INT64_MAX = 2n ** 63n - 1n;
let validateState: ValidateFunction | undefined;

/** What is wrong with the records beyond their shape: ids given twice, counters behind the records. */
function checkConsistency(document: StateDocument): string | undefined {
  if (BigInt(document.nextMarker) > INT64_MAX) return `"nextMarker" must be at most 9223372036854775807 (rule: int64 maximum)`;
  for (const [what, records] of [["services", document.services], ["endpoints", document.endpoints]] as const) {
    const seen = new Set<string>();
    for (const [index, record] of records.entries()) {
      if (seen.has(record.id)) return `"${what}[${index}].id" ${JSON.stringify(record.id)} is given twice (rule: unique ids)`;
      seen.add(record.id);
      if (record.seq > document.seq) return `"${what}[${index}].seq" ${record.seq} must be at most the document's "seq" ${document.seq} (rule: seq counts every record)`;
    }
  }
  const markers = new Set<string>();
  for (const [index, endpoint] of document.endpoints.entries()) {
    if (BigInt(endpoint.marker_id) > INT64_MAX) return `"endpoints[${index}].marker_id" must be at most 9223372036854775807 (rule: int64 maximum)`;
    if (markers.has(endpoint.marker_id)) return `"endpoints[${index}].marker_id" ${endpoint.marker_id} is given twice (rule: unique marker ids)`;
    markers.add(endpoint.marker_id);
    if (BigInt(endpoint.marker_id) >= BigInt(document.nextMarker)) {
      return `"endpoints[${index}].marker_id" ${endpoint.marker_id} must be below "nextMarker" ${document.nextMarker} (rule: nextMarker is the next one to give)`;
    }
  }
  return undefined;
}

/** Checks that a parsed document is an emulator state of this version, record by record; throws an Error naming the field and the rule. */
export function parseStateDocument(value: unknown): StateDocument {
  if (!isObject(value)) throw new Error("not an emulator state: the document is not a JSON object");
  if (value["format"] !== STATE_FORMAT) {
    throw new Error(`not an emulator state: "format" is ${JSON.stringify(value["format"] ?? null)}, not "${STATE_FORMAT}"`);
  }
  if (value["version"] !== STATE_VERSION) {
    throw new Error(`unsupported emulator state version ${JSON.stringify(value["version"] ?? null)}: this emulator reads version ${STATE_VERSION}`);
  }
  const clockMs = value["clockMs"];
  if (typeof clockMs === "number" && !(Math.abs(clockMs) <= MAX_TIME_MS)) {
    throw new Error(`invalid emulator state: "clockMs" must be within ±8.64e15 ms of the epoch (rule: the range of a Date)`);
  }
  validateState ??= new Ajv2020({ allErrors: false, strict: false }).compile(STATE_SCHEMA as object);
  if (!validateState(value)) {
    const error = chooseError(validateState.errors ?? []);
    const rule = error === undefined ? { path: "", text: "is invalid" } : ruleText(error);
    const name = fieldName(rule.path);
    throw new Error(`invalid emulator state: ${name === "" ? "the document" : `"${name}"`} ${rule.text.replace("is not a field of this request", "is not a field of the state")}`);
  }
  const document = value as unknown as StateDocument;
  const problem = checkConsistency(document);
  if (problem !== undefined) throw new Error(`invalid emulator state: ${problem}`);
  return document;
}
