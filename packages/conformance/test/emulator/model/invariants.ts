/**
 * The invariants the model-based test holds the emulator to, checked after every step
 * (and, for the answers of a step itself, by the commands): each failure names its
 * invariant, so that a shrunk counterexample says which one broke.
 */
import { isDeepStrictEqual } from "node:util";
import {
  ACCOUNTS,
  CLIENT_PORT,
  PORT_IDS,
  QUOTAS,
  canonicalTags,
  connectionCount,
  connectionsOf,
  endpointServiceName,
  fullServiceName,
  liveEndpoints,
  liveServices,
  sorted,
  timestamp,
  type EndpointState,
  type Model,
  type ServiceState,
  type Who,
} from "./model.js";
import type { Answer, Real } from "./real.js";

export const INVARIANTS = {
  readable: "a created resource is readable at once",
  gone: "a deleted resource answers 404 everywhere",
  lists: "lists and total_count agree with the model",
  quotas: "getQuotas counts what exists",
  spec: "every response validates against the spec",
  no5xx: "never a 5xx",
  predicted: "every answer, success or refusal, is the one the model predicts",
  state: "reads show the state the model holds",
} as const;

export type Invariant = (typeof INVARIANTS)[keyof typeof INVARIANTS];

export class InvariantError extends Error {
  override readonly name = "InvariantError";
  constructor(
    readonly invariant: Invariant,
    detail: string,
  ) {
    super(`[${invariant}] ${detail}`);
  }
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

/** The answer has the status (and error code) the model predicts. */
export function expectAnswer(context: string, answer: Answer<unknown>, status: number, code?: string, invariant: Invariant = INVARIANTS.predicted): void {
  if (answer.status === status && (code === undefined || answer.error?.error_code === code)) return;
  throw new InvariantError(
    invariant,
    `${context}: the model predicts ${status}${code === undefined ? "" : ` ${code}`}, the emulator answered ${answer.status} ${shown(answer.error ?? answer.data)}`,
  );
}

export function expectSame(invariant: Invariant, context: string, actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) throw new InvariantError(invariant, `${context}: the model expects ${shown(expected)}, the emulator has ${shown(actual)}`);
}

type Json = Record<string, unknown>;

/** What the test compares of a service: the fields the model knows. */
export function serviceFacts(body: Json | undefined) {
  const ports = body?.["ports"] as { client_port?: number; server_port?: number }[] | undefined;
  return {
    id: body?.["id"],
    status: body?.["status"],
    project_id: body?.["project_id"],
    service_name: body?.["service_name"],
    approval_enabled: body?.["approval_enabled"],
    description: body?.["description"],
    port_id: body?.["port_id"],
    ports: ports?.map((port) => `${port.client_port}:${port.server_port}`),
    tags: canonicalTags(body?.["tags"] as never),
    created_at: body?.["created_at"],
    updated_at: body?.["updated_at"],
  };
}

export function expectedServiceFacts(service: ServiceState) {
  return {
    id: service.id,
    status: "available",
    project_id: ACCOUNTS[service.who].projectId,
    service_name: fullServiceName(service),
    approval_enabled: service.approval,
    description: service.description,
    port_id: PORT_IDS[service.portSlot],
    ports: [`${CLIENT_PORT}:${service.serverPort}`],
    tags: canonicalTags(service.tags),
    created_at: timestamp(service.createdMs),
    updated_at: timestamp(service.updatedMs),
  };
}

export function endpointFacts(body: Json | undefined) {
  return {
    id: body?.["id"],
    status: body?.["status"],
    project_id: body?.["project_id"],
    endpoint_service_id: body?.["endpoint_service_id"],
    endpoint_service_name: body?.["endpoint_service_name"],
    marker_id: body?.["marker_id"],
    vpc_id: body?.["vpc_id"],
    subnet_id: body?.["subnet_id"],
    ip_shown: typeof body?.["ip"] === "string",
    tags: canonicalTags(body?.["tags"] as never),
    created_at: body?.["created_at"],
    updated_at: body?.["updated_at"],
  };
}

export function expectedEndpointFacts(model: Model, endpoint: EndpointState) {
  return {
    id: endpoint.id,
    status: endpoint.status,
    project_id: ACCOUNTS[endpoint.who].projectId,
    endpoint_service_id: endpoint.serviceId ?? model.publicService.id,
    endpoint_service_name: endpointServiceName(model, endpoint),
    marker_id: endpoint.markerId,
    vpc_id: ACCOUNTS[endpoint.who].vpcId,
    subnet_id: ACCOUNTS[endpoint.who].subnetId,
    ip_shown: endpoint.ipShown,
    tags: canonicalTags(endpoint.tags),
    created_at: timestamp(endpoint.createdMs),
    updated_at: timestamp(endpoint.updatedMs),
  };
}

export function connectionFacts(body: Json | undefined) {
  return { id: body?.["id"], status: body?.["status"], domain_id: body?.["domain_id"], marker_id: body?.["marker_id"], created_at: body?.["created_at"], updated_at: body?.["updated_at"] };
}

export function expectedConnectionFacts(endpoint: EndpointState) {
  return {
    id: endpoint.id,
    status: endpoint.status,
    domain_id: ACCOUNTS[endpoint.who].domainId,
    marker_id: endpoint.markerId,
    created_at: timestamp(endpoint.createdMs),
    updated_at: timestamp(endpoint.updatedMs),
  };
}

/** A service read (get or list item) shows what the model holds, `connection_count` included where present. */
export function expectServiceView(model: Model, context: string, body: Json | undefined, service: ServiceState, invariant: Invariant = INVARIANTS.state): void {
  expectSame(invariant, `${context}: service ${service.id}`, serviceFacts(body), expectedServiceFacts(service));
  if (body !== undefined && "connection_count" in body) {
    expectSame(invariant, `${context}: connection_count of service ${service.id}`, body["connection_count"], connectionCount(model, service));
  }
}

export function expectEndpointView(model: Model, context: string, body: Json | undefined, endpoint: EndpointState, invariant: Invariant = INVARIANTS.state): void {
  expectSame(invariant, `${context}: endpoint ${endpoint.id}`, endpointFacts(body), expectedEndpointFacts(model, endpoint));
}

/** A deleted service answers 404 `EndPoint.0005` to its owner's read and (`lookUp`) to the look-up by id. */
export async function expectServiceGone(real: Real, context: string, service: ServiceState, lookUp = true): Promise<void> {
  const read = await real.get(service.who, `/vpc-endpoint-services/${service.id}`);
  expectAnswer(`${context}: getEndpointService of deleted service ${service.id}`, read, 404, "EndPoint.0005", INVARIANTS.gone);
  if (!lookUp) return;
  const described = await real.get(service.who, "/vpc-endpoint-services/describe", { id: service.id });
  expectAnswer(`${context}: describeEndpointService of deleted service ${service.id}`, described, 404, "EndPoint.0005", INVARIANTS.gone);
}

/** A deleted endpoint answers 404 `EndPoint.2006` to its owner's read. */
export async function expectEndpointGone(real: Real, context: string, endpoint: EndpointState): Promise<void> {
  const read = await real.get(endpoint.who, `/vpc-endpoints/${endpoint.id}`);
  expectAnswer(`${context}: getEndpoint of deleted endpoint ${endpoint.id}`, read, 404, "EndPoint.2006", INVARIANTS.gone);
}

const WHO: readonly Who[] = ["owner", "consumer"];

function listInvariant(ids: readonly string[], deleted: ReadonlySet<string>): Invariant {
  return ids.some((id) => deleted.has(id)) ? INVARIANTS.gone : INVARIANTS.lists;
}

async function checkServiceList(model: Model, real: Real, context: string, who: Who): Promise<void> {
  const answer = await real.get(who, "/vpc-endpoint-services", { limit: 1000 });
  expectAnswer(`${context}: listEndpointServices of ${who}`, answer, 200, undefined, INVARIANTS.lists);
  const items = (answer.data?.["endpoint_services"] ?? []) as Json[];
  const expected = sorted(liveServices(model, who));
  const ids = items.map((item) => String(item["id"]));
  const deleted = new Set(model.services.filter((service) => service.gone).map((service) => service.id));
  expectSame(listInvariant(ids, deleted), `${context}: listEndpointServices of ${who}, the ids (newest first)`, ids, expected.map((service) => service.id));
  expectSame(INVARIANTS.lists, `${context}: listEndpointServices of ${who}, total_count`, answer.data?.["total_count"], expected.length);
  items.forEach((item, index) => expectServiceView(model, `${context}: listEndpointServices of ${who}`, item, expected[index]!, INVARIANTS.lists));
}

async function checkEndpointList(model: Model, real: Real, context: string, who: Who): Promise<void> {
  const answer = await real.get(who, "/vpc-endpoints", { limit: 1000 });
  expectAnswer(`${context}: listEndpoints of ${who}`, answer, 200, undefined, INVARIANTS.lists);
  const items = (answer.data?.["endpoints"] ?? []) as Json[];
  const expected = sorted(liveEndpoints(model, who));
  const ids = items.map((item) => String(item["id"]));
  const deleted = new Set(model.endpoints.filter((endpoint) => endpoint.gone).map((endpoint) => endpoint.id));
  expectSame(listInvariant(ids, deleted), `${context}: listEndpoints of ${who}, the ids (newest first)`, ids, expected.map((endpoint) => endpoint.id));
  expectSame(INVARIANTS.lists, `${context}: listEndpoints of ${who}, total_count`, answer.data?.["total_count"], expected.length);
  items.forEach((item, index) => expectEndpointView(model, `${context}: listEndpoints of ${who}`, item, expected[index]!, INVARIANTS.lists));
}

async function checkConnections(model: Model, real: Real, context: string, service: ServiceState): Promise<void> {
  const answer = await real.get(service.who, `/vpc-endpoint-services/${service.id}/connections`, { limit: 1000 });
  expectAnswer(`${context}: listServiceConnections of ${service.id}`, answer, 200, undefined, INVARIANTS.lists);
  const items = (answer.data?.["connections"] ?? []) as Json[];
  const expected = sorted(connectionsOf(model, service));
  const ids = items.map((item) => String(item["id"]));
  const deleted = new Set(model.endpoints.filter((endpoint) => endpoint.gone).map((endpoint) => endpoint.id));
  expectSame(listInvariant(ids, deleted), `${context}: listServiceConnections of ${service.id}, the ids (newest first)`, ids, expected.map((endpoint) => endpoint.id));
  expectSame(INVARIANTS.lists, `${context}: listServiceConnections of ${service.id}, total_count`, answer.data?.["total_count"], expected.length);
  items.forEach((item, index) =>
    expectSame(INVARIANTS.lists, `${context}: listServiceConnections of ${service.id}, connection ${ids[index]}`, connectionFacts(item), expectedConnectionFacts(expected[index]!)),
  );
}

async function checkQuotas(model: Model, real: Real, context: string, who: Who): Promise<void> {
  const answer = await real.get(who, "/quotas");
  expectAnswer(`${context}: getQuotas of ${who}`, answer, 200, undefined, INVARIANTS.quotas);
  const listed = ((answer.data?.["quotas"] as Json | undefined)?.["resources"] ?? []) as Json[];
  const resources = listed.map((resource) => ({ type: resource["type"], used: resource["used"], quota: resource["quota"] }));
  resources.sort((a, b) => String(a.type).localeCompare(String(b.type)));
  expectSame(INVARIANTS.quotas, `${context}: getQuotas of ${who}`, resources, [
    { type: "endpoint", used: liveEndpoints(model, who).length, quota: QUOTAS.endpoint },
    { type: "endpoint_service", used: liveServices(model, who).length, quota: QUOTAS.endpoint_service },
  ]);
}

/**
 * The invariants after a step: both accounts' service and endpoint lists (ids, order,
 * total_count, each item's state), each live service's connections, both accounts' quotas,
 * and a 404 for every resource deleted in the run. Requests go out together; the first
 * failure (in the order above) is thrown once all have answered.
 */
export async function checkInvariants(model: Model, real: Real, context: string): Promise<void> {
  const checks: Promise<void>[] = [];
  for (const who of WHO) {
    checks.push(checkServiceList(model, real, context, who), checkEndpointList(model, real, context, who));
  }
  for (const service of liveServices(model)) checks.push(checkConnections(model, real, context, service));
  for (const who of WHO) checks.push(checkQuotas(model, real, context, who));
  for (const service of model.services) if (service.gone) checks.push(expectServiceGone(real, `${context}, after`, service, false));
  for (const endpoint of model.endpoints) if (endpoint.gone) checks.push(expectEndpointGone(real, `${context}, after`, endpoint));
  const results = await Promise.allSettled(checks);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  real.wire.assertClean();
}
