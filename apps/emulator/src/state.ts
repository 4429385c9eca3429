/**
 * The emulator's state: every service and endpoint of every project, in memory, as plain
 * JSON-ready records. `snapshot()` and `load()` turn it into the state document that the
 * control API returns and the state file holds; `version` counts changes.
 */

import type { SpecModel } from "@otc-vpcep/spec-model";
import type { ValidateFunction } from "@otc-vpcep/spec-model/validator";
import { outOfStateRange } from "./clock.js";
import { ApiFailure, Codes } from "./errors.js";
import { stateSchema } from "./state-schema.js";
import { chooseError, fieldName, ruleText, validatorOf } from "./validation.js";

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
  /**
   * What `advance()` had added to the real clock when the document was taken (a real clock's
   * document only): loading it gives a real clock the same advance.
   */
  offsetMs?: number | undefined;
  seq: number;
  nextMarker: string;
  services: ServiceRecord[];
  endpoints: EndpointRecord[];
}

/** By default marker ids start above 2^53, so that clients that read them as numbers lose digits and notice. */
export const FIRST_MARKER = 2n ** 53n + 1n;

/** The largest marker_id: the int64 maximum. */
export const INT64_MAX = 2n ** 63n - 1n;
/** The `nextMarker` once every marker_id up to the int64 maximum has been given. */
const MARKERS_USED_UP = INT64_MAX + 1n;

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

  /**
   * The next marker_id. After the int64 maximum there is none: a create is refused with
   * the quota code, as the emulator can give no more endpoints (a 400, not a 500: the
   * request is fine, but nothing the emulator holds can be created any more).
   */
  takeMarker(): string {
    if (this.nextMarker > INT64_MAX) {
      throw new ApiFailure(
        400,
        Codes.quotaExceeded,
        `Quota exceeded: every marker_id up to ${INT64_MAX} (the int64 maximum) has been given; the emulator can create no more endpoints until it is reset or given a state with a lower "nextMarker".`,
      );
    }
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

  /** The state document; `offsetMs` is the real clock's advance (undefined for the manual clock). */
  snapshot(clockMs: number, offsetMs: number | undefined): StateDocument {
    return structuredClone({
      format: STATE_FORMAT,
      version: STATE_VERSION,
      clockMs,
      ...(offsetMs === undefined ? {} : { offsetMs }),
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

/** The state's validator, per spec: the fields a request fills take the spec's schemas of those request fields. */
const stateValidators = new WeakMap<SpecModel, ValidateFunction>();
/** The id the spec is registered under for the state schema's `$ref`s. */
const SPEC_ID = "urn:otc-vpcep-emulator:state-spec";

function stateValidatorOf(model: SpecModel): ValidateFunction {
  let validate = stateValidators.get(model);
  if (validate === undefined) {
    // The spec's one ajv configuration (formats such as uuid and ipv4 included), with the spec registered under an id of ours.
    const { ajv } = validatorOf(model);
    const { components = {}, paths = {} } = model.document;
    ajv.addSchema({ components, paths }, SPEC_ID, undefined, false);
    validate = ajv.compile(
      stateSchema((operationId, field, fallback) => {
        const operation = model.findOperation(operationId);
        const body = operation === undefined ? undefined : model.bodySchema(operation, "request");
        if (body === undefined) return fallback;
        const pointer = `${model.resolve(body.node, body.pointer).pointer}/properties/${field}`;
        return model.at(pointer) === undefined ? fallback : { $ref: `${SPEC_ID}${pointer}` };
      }),
    );
    stateValidators.set(model, validate);
  }
  return validate;
}

/** What is wrong with the records beyond their shape: ids given twice, counters behind the records. */
function checkConsistency(document: StateDocument): string | undefined {
  if (BigInt(document.nextMarker) > MARKERS_USED_UP) {
    return `"nextMarker" must be at most ${MARKERS_USED_UP} (rule: the int64 maximum, or the one after it once every marker_id is given)`;
  }
  // The clock a document sets (the manual clock's time, the real clock's advance): see outOfStateRange.
  const clockProblem = outOfStateRange("clockMs", document.clockMs);
  if (clockProblem !== undefined) return `"clockMs" ${document.clockMs} would put the clock out of range: ${clockProblem}`;
  if (document.offsetMs !== undefined) {
    const offsetProblem = outOfStateRange("offsetMs", Date.now() + document.offsetMs);
    if (offsetProblem !== undefined) return `"offsetMs" ${document.offsetMs} would put the real clock out of range: ${offsetProblem}`;
  }
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

/**
 * Checks that a parsed document is an emulator state of this version, record by record, for
 * an emulator serving the spec of `model`; throws an Error naming the field and the rule.
 */
export function parseStateDocument(value: unknown, model: SpecModel): StateDocument {
  if (!isObject(value)) throw new Error("not an emulator state: the document is not a JSON object");
  if (value["format"] !== STATE_FORMAT) {
    throw new Error(`not an emulator state: "format" is ${JSON.stringify(value["format"] ?? null)}, not "${STATE_FORMAT}"`);
  }
  if (value["version"] !== STATE_VERSION) {
    throw new Error(`unsupported emulator state version ${JSON.stringify(value["version"] ?? null)}: this emulator reads version ${STATE_VERSION}`);
  }
  const validateState = stateValidatorOf(model);
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
