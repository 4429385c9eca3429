/**
 * One fast-check command per operation of the lifecycle. Each step moves the emulator's
 * clock one second, sends its request as one of the two accounts, checks the answer
 * against the model's prediction (a success with the model's state, or the refusal the
 * service's rules give, with its code), updates the model, and then checks the
 * invariants of invariants.ts.
 *
 * Commands name resources by position, `svc[k]` / `ep[k]`: the k-th service or endpoint
 * created in the run (live or deleted, wrapping around), so that a sequence keeps its
 * meaning while fast-check shrinks it, and deleted resources are asked for too.
 */
import fc from "fast-check";
import {
  INVARIANTS,
  checkInvariants,
  connectionFacts,
  expectAnswer,
  expectEndpointGone,
  expectEndpointView,
  expectSame,
  expectServiceGone,
  expectServiceView,
  expectedConnectionFacts,
  type Invariant,
} from "./invariants.js";
import {
  ACCOUNTS,
  CLIENT_PORT,
  MAX_TAGS,
  PORT_IDS,
  QUOTAS,
  SERVER_PORTS,
  TAG_KEYS,
  TAG_VALUES,
  canonicalTags,
  connectionsOf,
  endpointServiceName,
  fullServiceName,
  fuzzy,
  liveEndpoints,
  liveServices,
  mayConnect,
  other,
  page,
  pick,
  portClash,
  serviceOf,
  sorted,
  withTags,
  withoutTags,
  type EndpointState,
  type EndpointStatus,
  type Model,
  type PageQuery,
  type ServiceState,
  type Tag,
  type Who,
} from "./model.js";
import { counters, type Real } from "./real.js";

/** How far the emulator's clock moves per step: one second, the resolution of its timestamps. */
export const TICK_MS = 1000;

/** `self`: the account that owns the resource; `other`: the other account, which gets 404s. */
type Caller = "self" | "other";

type Json = Record<string, unknown>;

const callerOf = (owner: Who, caller: Caller): Who => (caller === "self" ? owner : other(owner));

const describeTags = (tags: readonly { key: string; value?: string | undefined }[]) =>
  `[${tags.map((tag) => (tag.value === undefined ? tag.key : `${tag.key}=${tag.value}`)).join(" ")}]`;

/** The fields that are set: a query as the client takes it (with exactOptionalPropertyTypes). */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

const describeQuery = (query: object) =>
  Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(" ");

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check(model: Readonly<Model>): boolean {
    return this.applies(model);
  }

  protected applies(_model: Readonly<Model>): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    counters.steps++;
    real.emulator.advance(TICK_MS);
    model.nowMs += TICK_MS;
    const context = `step ${model.step} ${this.toString()}`;
    await this.act(model, real, context);
    real.wire.assertClean();
    await checkInvariants(model, real, context);
  }

  protected abstract act(model: Model, real: Real, context: string): Promise<void>;
  abstract toString(): string;
}

// ---------------------------------------------------------------------------------------
// Services

export class CreateService extends Step {
  constructor(
    readonly who: Who,
    readonly approval: boolean,
    readonly portSlot: number,
    readonly serverPort: number,
    readonly shortName: string | undefined,
    readonly tags: Tag[],
  ) {
    super();
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const answer = await real.call(this.who, (client) =>
      client.createEndpointService({
        port_id: PORT_IDS[this.portSlot]!,
        vpc_id: ACCOUNTS[this.who].vpcId,
        server_type: "VM",
        approval_enabled: this.approval,
        ports: [{ client_port: CLIENT_PORT, server_port: this.serverPort }],
        ...(this.shortName === undefined ? {} : { service_name: this.shortName }),
        ...(this.tags.length === 0 ? {} : { tags: this.tags }),
      }),
    );
    if (liveServices(model, this.who).length >= QUOTAS.endpoint_service) return expectAnswer(`${context} (the quota is used up)`, answer, 400, "Endpoint.1018");
    const clash = portClash(model, this.portSlot, this.serverPort);
    if (clash !== undefined) return expectAnswer(`${context} (service ${clash.id} serves the port)`, answer, 400, "EndPoint.3044");
    expectAnswer(context, answer, 200);
    expectSame(INVARIANTS.predicted, `${context}: the create's answer`, answer.data?.status, "creating");
    const service: ServiceState = {
      id: String(answer.data?.id),
      who: this.who,
      gone: false,
      approval: this.approval,
      shortName: this.shortName,
      description: "",
      portSlot: this.portSlot,
      serverPort: this.serverPort,
      tags: this.tags.map((tag) => ({ ...tag })),
      permissions: [],
      createdMs: model.nowMs,
      updatedMs: model.nowMs,
      order: model.nextOrder++,
    };
    model.services.push(service);
    const read = await real.call(this.who, (client) => client.getEndpointService(service.id));
    expectAnswer(`${context}: getEndpointService right after the create`, read, 200, undefined, INVARIANTS.readable);
    expectServiceView(model, `${context}: getEndpointService right after the create`, read.data as Json, service, INVARIANTS.readable);
  }

  toString(): string {
    return `CreateService(${this.who}, ${this.approval ? "approval" : "no approval"}, port${this.portSlot}:${this.serverPort}${this.shortName === undefined ? "" : `, name ${this.shortName}`}${this.tags.length === 0 ? "" : `, tags ${describeTags(this.tags)}`})`;
  }
}

/** A service command: `svc[k]`, asked for by its owner or by the other account. */
abstract class ServiceStep extends Step {
  constructor(
    readonly ref: number,
    readonly caller: Caller,
  ) {
    super();
  }

  protected override applies(model: Readonly<Model>): boolean {
    return model.services.length > 0;
  }

  protected service(model: Model): ServiceState {
    return pick(model.services, this.ref)!;
  }

  /** Whether the caller finds the service: its own, not deleted. Otherwise the answer is 404 `EndPoint.0005`. */
  protected finds(service: ServiceState, who: Who): boolean {
    return !service.gone && service.who === who;
  }

  protected notFoundInvariant(service: ServiceState): Invariant {
    return service.gone ? INVARIANTS.gone : INVARIANTS.predicted;
  }

  protected get target(): string {
    return `svc[${this.ref}]${this.caller === "other" ? " by the other account" : ""}`;
  }
}

export class ReadService extends ServiceStep {
  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const service = this.service(model);
    const who = callerOf(service.who, this.caller);
    const read = await real.call(who, (client) => client.getEndpointService(service.id));
    if (!this.finds(service, who)) {
      expectAnswer(`${context}: getEndpointService ${service.id}`, read, 404, "EndPoint.0005", this.notFoundInvariant(service));
    } else {
      expectAnswer(`${context}: getEndpointService ${service.id}`, read, 200);
      expectServiceView(model, `${context}: getEndpointService`, read.data as Json, service);
    }
    // Anyone may look a service up by its id; a deleted one is not found.
    const described = await real.call(who, (client) => client.describeEndpointService({ id: service.id }));
    if (service.gone) return expectAnswer(`${context}: describeEndpointService ${service.id}`, described, 404, "EndPoint.0005", INVARIANTS.gone);
    expectAnswer(`${context}: describeEndpointService ${service.id}`, described, 200);
    expectSame(INVARIANTS.state, `${context}: describeEndpointService`, { id: described.data?.id, service_name: described.data?.service_name, service_type: described.data?.service_type }, {
      id: service.id,
      service_name: fullServiceName(service),
      service_type: "interface",
    });
  }

  toString(): string {
    return `ReadService(${this.target})`;
  }
}

export interface ServiceChange {
  approval?: boolean | undefined;
  shortName?: string | undefined;
  description?: string | undefined;
  portSlot?: number | undefined;
  serverPort?: number | undefined;
}

export class UpdateService extends ServiceStep {
  constructor(
    ref: number,
    caller: Caller,
    readonly change: ServiceChange,
  ) {
    super(ref, caller);
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const service = this.service(model);
    const who = callerOf(service.who, this.caller);
    const { approval, shortName, description, portSlot, serverPort } = this.change;
    const answer = await real.call(who, (client) =>
      client.updateEndpointService(service.id, {
        ...(approval === undefined ? {} : { approval_enabled: approval }),
        ...(shortName === undefined ? {} : { service_name: shortName }),
        ...(description === undefined ? {} : { description }),
        ...(portSlot === undefined ? {} : { port_id: PORT_IDS[portSlot]! }),
        ...(serverPort === undefined ? {} : { ports: [{ client_port: CLIENT_PORT, server_port: serverPort }] }),
      }),
    );
    if (!this.finds(service, who)) return expectAnswer(`${context}: updateEndpointService ${service.id}`, answer, 404, "EndPoint.0005", this.notFoundInvariant(service));
    const slot = portSlot ?? service.portSlot;
    const port = serverPort ?? service.serverPort;
    const clash = portSlot !== undefined || serverPort !== undefined ? portClash(model, slot, port, service.id) : undefined;
    if (clash !== undefined) return expectAnswer(`${context} (service ${clash.id} serves the port)`, answer, 400, "EndPoint.3044");
    expectAnswer(context, answer, 200);
    if (approval !== undefined) service.approval = approval;
    if (shortName !== undefined) service.shortName = shortName;
    if (description !== undefined) service.description = description;
    service.portSlot = slot;
    service.serverPort = port;
    service.updatedMs = model.nowMs;
    expectServiceView(model, `${context}: the update's answer`, answer.data as Json, service);
    const read = await real.call(who, (client) => client.getEndpointService(service.id));
    expectAnswer(`${context}: getEndpointService after the update`, read, 200);
    expectServiceView(model, `${context}: getEndpointService after the update`, read.data as Json, service);
  }

  toString(): string {
    return `UpdateService(${this.target}, ${describeQuery({ ...this.change })})`;
  }
}

export class DeleteService extends ServiceStep {
  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const service = this.service(model);
    const who = callerOf(service.who, this.caller);
    const answer = await real.call(who, (client) => client.deleteEndpointService(service.id));
    if (!this.finds(service, who)) return expectAnswer(`${context}: deleteEndpointService ${service.id}`, answer, 404, "EndPoint.0005", this.notFoundInvariant(service));
    const connected = connectionsOf(model, service);
    if (connected.length > 0) {
      return expectAnswer(
        `${context} (service ${service.id} still has ${connected.length} connection(s): ${connected.map((endpoint) => `${endpoint.id} ${endpoint.status}`).join(", ")})`,
        answer,
        400,
        "EndPoint.3006",
      );
    }
    expectAnswer(`${context}: deleteEndpointService ${service.id}`, answer, 204);
    service.gone = true;
    // Gone at once, for every operation on it.
    await expectServiceGone(real, context, service);
    const connections = await real.call(who, (client) => client.listServiceConnections(service.id));
    expectAnswer(`${context}: listServiceConnections of deleted service ${service.id}`, connections, 404, "EndPoint.0005", INVARIANTS.gone);
    const tagged = await real.call(who, (client) => client.updateResourceTags("endpoint_service", service.id, { action: "create", tags: [{ key: "env", value: "a" }] }));
    expectAnswer(`${context}: updateResourceTags of deleted service ${service.id}`, tagged, 404, "EndPoint.0005", INVARIANTS.gone);
    const again = await real.call(who, (client) => client.deleteEndpointService(service.id));
    expectAnswer(`${context}: deleteEndpointService again`, again, 404, "EndPoint.0005", INVARIANTS.gone);
  }

  toString(): string {
    return `DeleteService(${this.target})`;
  }
}

export type PermissionEntry = "owner" | "consumer" | "*";

const permissionOf = (entry: PermissionEntry) => (entry === "*" ? "*" : `iam:domain::${ACCOUNTS[entry].domainId}`);

export class Whitelist extends ServiceStep {
  constructor(
    ref: number,
    caller: Caller,
    readonly action: "add" | "remove",
    readonly entries: PermissionEntry[],
  ) {
    super(ref, caller);
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const service = this.service(model);
    const who = callerOf(service.who, this.caller);
    const permissions = this.entries.map(permissionOf);
    const answer = await real.call(who, (client) => client.updateServicePermissions(service.id, { action: this.action, permissions }));
    if (!this.finds(service, who)) return expectAnswer(`${context}: updateServicePermissions ${service.id}`, answer, 404, "EndPoint.0005", this.notFoundInvariant(service));
    expectAnswer(context, answer, 200);
    if (this.action === "add") {
      for (const permission of new Set(permissions)) {
        if (!service.permissions.some((entry) => entry.permission === permission)) service.permissions.push({ permission, addedMs: model.nowMs });
      }
    } else {
      service.permissions = service.permissions.filter((entry) => !permissions.includes(entry.permission));
    }
    const listed = await real.call(who, (client) => client.listServicePermissions(service.id, { limit: 500 }));
    expectAnswer(`${context}: listServicePermissions`, listed, 200);
    // Newest first; records added by one request in reverse order of the request.
    const expected = service.permissions
      .map((entry, index) => ({ ...entry, index }))
      .sort((a, b) => b.addedMs - a.addedMs || b.index - a.index)
      .map((entry) => entry.permission);
    expectSame(INVARIANTS.lists, `${context}: listServicePermissions of ${service.id}`, {
      permissions: (listed.data?.permissions ?? []).map((record) => record.permission),
      total_count: listed.data?.total_count,
    }, { permissions: expected, total_count: expected.length });
  }

  toString(): string {
    return `Whitelist(${this.target}, ${this.action} ${this.entries.join(" ")})`;
  }
}

// ---------------------------------------------------------------------------------------
// Endpoints

export class CreateEndpoint extends Step {
  /** `target`: `svc[k]`, or undefined for the operator's public DNS service. */
  constructor(
    readonly who: Who,
    readonly target: number | undefined,
    readonly tags: Tag[],
  ) {
    super();
  }

  protected override applies(model: Readonly<Model>): boolean {
    return this.target === undefined || model.services.length > 0;
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const service = this.target === undefined ? undefined : pick(model.services, this.target);
    const serviceId = service?.id ?? model.publicService.id;
    const answer = await real.call(this.who, (client) =>
      client.createEndpoint({
        endpoint_service_id: serviceId,
        vpc_id: ACCOUNTS[this.who].vpcId,
        subnet_id: ACCOUNTS[this.who].subnetId,
        ...(this.tags.length === 0 ? {} : { tags: this.tags }),
      }),
    );
    if (liveEndpoints(model, this.who).length >= QUOTAS.endpoint) return expectAnswer(`${context} (the quota is used up)`, answer, 400, "Endpoint.1018");
    if (service?.gone === true) return expectAnswer(`${context} (service ${service.id} was deleted)`, answer, 400, "EndPoint.2003", INVARIANTS.gone);
    if (service !== undefined && !mayConnect(service, this.who)) {
      return expectAnswer(`${context} (the whitelist of ${service.id} does not name ${this.who})`, answer, 400, "EndPoint.2012");
    }
    expectAnswer(context, answer, 200);
    expectSame(INVARIANTS.predicted, `${context}: the create's answer`, answer.data?.status, "creating");
    const status: EndpointStatus = service?.approval === true ? "pendingAcceptance" : "accepted";
    const endpoint: EndpointState = {
      id: String(answer.data?.id),
      who: this.who,
      gone: false,
      serviceId: service?.id,
      status,
      ipShown: status === "accepted",
      markerId: String(answer.data?.marker_id),
      tags: this.tags.map((tag) => ({ ...tag })),
      createdMs: model.nowMs,
      updatedMs: model.nowMs,
      order: model.nextOrder++,
    };
    model.endpoints.push(endpoint);
    const read = await real.call(this.who, (client) => client.getEndpoint(endpoint.id));
    expectAnswer(`${context}: getEndpoint right after the create`, read, 200, undefined, INVARIANTS.readable);
    expectEndpointView(model, `${context}: getEndpoint right after the create`, read.data as Json, endpoint, INVARIANTS.readable);
  }

  toString(): string {
    return `CreateEndpoint(${this.who} → ${this.target === undefined ? "public service" : `svc[${this.target}]`}${this.tags.length === 0 ? "" : `, tags ${describeTags(this.tags)}`})`;
  }
}

abstract class EndpointStep extends Step {
  constructor(
    readonly ref: number,
    readonly caller: Caller,
  ) {
    super();
  }

  protected override applies(model: Readonly<Model>): boolean {
    return model.endpoints.length > 0;
  }

  protected endpoint(model: Model): EndpointState {
    return pick(model.endpoints, this.ref)!;
  }

  protected finds(endpoint: EndpointState, who: Who): boolean {
    return !endpoint.gone && endpoint.who === who;
  }

  protected get target(): string {
    return `ep[${this.ref}]${this.caller === "other" ? " by the other account" : ""}`;
  }
}

export class ReadEndpoint extends EndpointStep {
  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const endpoint = this.endpoint(model);
    const who = callerOf(endpoint.who, this.caller);
    const read = await real.call(who, (client) => client.getEndpoint(endpoint.id));
    if (!this.finds(endpoint, who)) return expectAnswer(`${context}: getEndpoint ${endpoint.id}`, read, 404, "EndPoint.2006", endpoint.gone ? INVARIANTS.gone : INVARIANTS.predicted);
    expectAnswer(`${context}: getEndpoint ${endpoint.id}`, read, 200);
    expectEndpointView(model, `${context}: getEndpoint`, read.data as Json, endpoint);
  }

  toString(): string {
    return `ReadEndpoint(${this.target})`;
  }
}

export class DeleteEndpoint extends EndpointStep {
  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const endpoint = this.endpoint(model);
    const who = callerOf(endpoint.who, this.caller);
    const answer = await real.call(who, (client) => client.deleteEndpoint(endpoint.id));
    if (!this.finds(endpoint, who)) return expectAnswer(`${context}: deleteEndpoint ${endpoint.id}`, answer, 404, "EndPoint.2006", endpoint.gone ? INVARIANTS.gone : INVARIANTS.predicted);
    expectAnswer(`${context}: deleteEndpoint ${endpoint.id}`, answer, 204);
    endpoint.gone = true;
    await expectEndpointGone(real, context, endpoint);
    const tagged = await real.call(who, (client) => client.updateResourceTags("endpoint", endpoint.id, { action: "create", tags: [{ key: "env", value: "a" }] }));
    expectAnswer(`${context}: updateResourceTags of deleted endpoint ${endpoint.id}`, tagged, 404, "EndPoint.2006", INVARIANTS.gone);
    const again = await real.call(who, (client) => client.deleteEndpoint(endpoint.id));
    expectAnswer(`${context}: deleteEndpoint again`, again, 404, "EndPoint.2006", INVARIANTS.gone);
  }

  toString(): string {
    return `DeleteEndpoint(${this.target})`;
  }
}

/** The owner of a service accepts (`receive`) or rejects an endpoint's connection. */
export class ConnectionAction extends Step {
  /** `service`: `svc[k]`, or undefined for the endpoint's own service (the usual case). */
  constructor(
    readonly endpointRef: number,
    readonly serviceRef: number | undefined,
    readonly action: "receive" | "reject",
    readonly caller: Caller,
  ) {
    super();
  }

  protected override applies(model: Readonly<Model>): boolean {
    return model.endpoints.length > 0;
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const endpoint = pick(model.endpoints, this.endpointRef)!;
    const service = this.serviceRef === undefined ? serviceOf(model, endpoint) : pick(model.services, this.serviceRef);
    const serviceId = service?.id ?? model.publicService.id;
    const who = callerOf(service?.who ?? "owner", this.caller);
    const answer = await real.call(who, (client) => client.acceptOrRejectConnections(serviceId, { action: this.action, endpoints: [endpoint.id] }));
    if (service === undefined || service.gone || service.who !== who) {
      return expectAnswer(`${context}: the service ${serviceId} is not the caller's`, answer, 404, "EndPoint.0005", service?.gone === true ? INVARIANTS.gone : INVARIANTS.predicted);
    }
    if (endpoint.gone) return expectAnswer(`${context}: endpoint ${endpoint.id} was deleted`, answer, 404, "EndPoint.2006", INVARIANTS.gone);
    if (endpoint.serviceId !== service.id) return expectAnswer(`${context}: endpoint ${endpoint.id} is not of service ${service.id}`, answer, 400, "EndPoint.2013");
    expectAnswer(context, answer, 200);
    const status: EndpointStatus = this.action === "receive" ? "accepted" : "rejected";
    if (endpoint.status !== status) {
      endpoint.status = status;
      endpoint.updatedMs = model.nowMs;
    }
    if (status === "accepted") endpoint.ipShown = true;
    const connections = (answer.data?.connections ?? []) as Json[];
    expectSame(INVARIANTS.state, `${context}: the action's answer`, connections.map(connectionFacts), [expectedConnectionFacts(endpoint)]);
  }

  toString(): string {
    const service = this.serviceRef === undefined ? "its service" : `svc[${this.serviceRef}]`;
    return `${this.action === "receive" ? "Accept" : "Reject"}(ep[${this.endpointRef}] at ${service}${this.caller === "other" ? ", by the other account" : ""})`;
  }
}

// ---------------------------------------------------------------------------------------
// Tags

export class TagResource extends Step {
  constructor(
    readonly kind: "service" | "endpoint",
    readonly ref: number,
    readonly caller: Caller,
    readonly action: "create" | "delete",
    readonly tags: { key: string; value?: string | undefined }[],
  ) {
    super();
  }

  protected override applies(model: Readonly<Model>): boolean {
    return (this.kind === "service" ? model.services : model.endpoints).length > 0;
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const resource = pick<ServiceState | EndpointState>(this.kind === "service" ? model.services : model.endpoints, this.ref)!;
    const who = callerOf(resource.who, this.caller);
    const type = this.kind === "service" ? "endpoint_service" : "endpoint";
    const answer = await real.call(who, (client) =>
      this.action === "create"
        ? client.updateResourceTags(type, resource.id, { action: "create", tags: this.tags.map((tag) => ({ key: tag.key, value: tag.value ?? "" })) })
        : client.updateResourceTags(type, resource.id, { action: "delete", tags: this.tags.map((tag) => (tag.value === undefined ? { key: tag.key } : { key: tag.key, value: tag.value })) }),
    );
    const notFound = this.kind === "service" ? "EndPoint.0005" : "EndPoint.2006";
    if (resource.gone || resource.who !== who) return expectAnswer(`${context}: updateResourceTags ${resource.id}`, answer, 404, notFound, resource.gone ? INVARIANTS.gone : INVARIANTS.predicted);
    const next = this.action === "create" ? withTags(resource.tags, this.tags.map((tag) => ({ key: tag.key, value: tag.value ?? "" }))) : withoutTags(resource.tags, this.tags);
    if (next.length > MAX_TAGS) return expectAnswer(`${context} (more than ${MAX_TAGS} tags)`, answer, 400, "EndPoint.3069");
    expectAnswer(context, answer, 204);
    resource.tags = next;
    const read = await real.call(who, (client) => (this.kind === "service" ? client.getEndpointService(resource.id) : client.getEndpoint(resource.id)));
    expectAnswer(`${context}: the read after tagging`, read, 200);
    expectSame(INVARIANTS.state, `${context}: the tags of ${resource.id}`, canonicalTags((read.data as Json | undefined)?.["tags"] as never), canonicalTags(next));
  }

  toString(): string {
    return `Tag(${this.kind === "service" ? "svc" : "ep"}[${this.ref}]${this.caller === "other" ? " by the other account" : ""}, ${this.action} ${describeTags(this.tags)})`;
  }
}

export interface TagSearch {
  key: string;
  values: string[];
}

/** `listResourcesByTags`: the account's services or endpoints that carry a tag (or all), counted or listed. */
export class FindByTags extends Step {
  constructor(
    readonly who: Who,
    readonly kind: "service" | "endpoint",
    readonly action: "filter" | "count",
    readonly search: TagSearch | undefined,
  ) {
    super();
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const type = this.kind === "service" ? "endpoint_service" : "endpoint";
    const answer = await real.call(this.who, (client) =>
      client.listResourcesByTags(type, { action: this.action, ...(this.search === undefined ? {} : { tags: [this.search] }) }),
    );
    expectAnswer(context, answer, 200);
    const search = this.search;
    const resources: (ServiceState | EndpointState)[] = this.kind === "service" ? liveServices(model, this.who) : liveEndpoints(model, this.who);
    const found = sorted(
      resources.filter((resource) => search === undefined || resource.tags.some((tag) => tag.key === search.key && (search.values.length === 0 || search.values.includes(tag.value)))),
    );
    const data = answer.data as { total_count?: number; resources?: { resource_id?: string; resource_name?: string; tags?: Tag[] }[] } | undefined;
    const ids = (data?.resources ?? []).map((resource) => resource.resource_id);
    const deleted = new Set([...model.services, ...model.endpoints].filter((resource) => resource.gone).map((resource) => resource.id));
    const invariant = ids.some((id) => id !== undefined && deleted.has(id)) ? INVARIANTS.gone : INVARIANTS.lists;
    if (this.action === "count") return expectSame(invariant, `${context}: the count`, data?.total_count, found.length);
    expectSame(
      invariant,
      `${context}: the resources found`,
      { total_count: data?.total_count, resources: (data?.resources ?? []).map((resource) => ({ id: resource.resource_id, name: resource.resource_name, tags: canonicalTags(resource.tags) })) },
      {
        total_count: found.length,
        resources: found.map((resource) => ({ id: resource.id, name: "serverPort" in resource ? fullServiceName(resource) : resource.id, tags: canonicalTags(resource.tags) })),
      },
    );
  }

  toString(): string {
    const search = this.search === undefined ? "any" : `${this.search.key} in [${this.search.values.join(" ")}]`;
    return `FindByTags(${this.who}, ${this.kind}, ${this.action}, ${search})`;
  }
}

// ---------------------------------------------------------------------------------------
// Lists, with paging, sorting and filters

export class ListServices extends Step {
  constructor(
    readonly who: Who,
    readonly query: PageQuery & { endpoint_service_name?: string | undefined; status?: "available" | "creating" | undefined },
  ) {
    super();
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const answer = await real.call(this.who, (client) => client.listEndpointServices(definedOnly(this.query)));
    expectAnswer(context, answer, 200);
    const { endpoint_service_name: name, status } = this.query;
    const found = sorted(
      liveServices(model, this.who).filter((service) => fuzzy(fullServiceName(service), name) && (status === undefined || status === "available")),
      this.query,
    );
    const expected = page(found, this.query);
    const items = (answer.data?.endpoint_services ?? []) as Json[];
    expectSame(INVARIANTS.lists, `${context}: the page`, { ids: items.map((item) => item["id"]), total_count: answer.data?.total_count }, {
      ids: expected.map((service) => service.id),
      total_count: found.length,
    });
    items.forEach((item, index) => expectServiceView(model, context, item, expected[index]!, INVARIANTS.lists));
  }

  toString(): string {
    return `ListServices(${this.who}, ${describeQuery(this.query)})`;
  }
}

export class ListEndpoints extends Step {
  constructor(
    readonly who: Who,
    readonly query: PageQuery & { endpoint_service_name?: string | undefined; vpcOf?: Who | undefined },
  ) {
    super();
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const { vpcOf, endpoint_service_name: name, ...paging } = this.query;
    const vpcId = vpcOf === undefined ? undefined : ACCOUNTS[vpcOf].vpcId;
    const answer = await real.call(this.who, (client) =>
      client.listEndpoints(definedOnly({ ...paging, endpoint_service_name: name, vpc_id: vpcId })),
    );
    expectAnswer(context, answer, 200);
    const found = sorted(
      liveEndpoints(model, this.who).filter((endpoint) => fuzzy(endpointServiceName(model, endpoint), name) && (vpcId === undefined || ACCOUNTS[endpoint.who].vpcId === vpcId)),
      paging,
    );
    const expected = page(found, paging);
    const items = (answer.data?.endpoints ?? []) as Json[];
    expectSame(INVARIANTS.lists, `${context}: the page`, { ids: items.map((item) => item["id"]), total_count: answer.data?.total_count }, {
      ids: expected.map((endpoint) => endpoint.id),
      total_count: found.length,
    });
    items.forEach((item, index) => expectEndpointView(model, context, item, expected[index]!, INVARIANTS.lists));
  }

  toString(): string {
    return `ListEndpoints(${this.who}, ${describeQuery(this.query)})`;
  }
}

export class ListConnections extends ServiceStep {
  constructor(
    ref: number,
    caller: Caller,
    readonly query: PageQuery & { status?: EndpointStatus | "failed" | undefined },
  ) {
    super(ref, caller);
  }

  protected async act(model: Model, real: Real, context: string): Promise<void> {
    const service = this.service(model);
    const who = callerOf(service.who, this.caller);
    const answer = await real.call(who, (client) => client.listServiceConnections(service.id, definedOnly(this.query)));
    if (!this.finds(service, who)) return expectAnswer(`${context}: listServiceConnections ${service.id}`, answer, 404, "EndPoint.0005", this.notFoundInvariant(service));
    expectAnswer(context, answer, 200);
    const found = sorted(
      connectionsOf(model, service).filter((endpoint) => this.query.status === undefined || endpoint.status === this.query.status),
      this.query,
    );
    const expected = page(found, this.query);
    const items = (answer.data?.connections ?? []) as Json[];
    expectSame(INVARIANTS.lists, `${context}: the page`, { connections: items.map(connectionFacts), total_count: answer.data?.total_count }, {
      connections: expected.map(expectedConnectionFacts),
      total_count: found.length,
    });
  }

  toString(): string {
    return `ListConnections(${this.target}, ${describeQuery(this.query)})`;
  }
}

// ---------------------------------------------------------------------------------------
// The arbitraries

const who = fc.constantFrom<Who>("owner", "consumer");
/** Mostly the owner; sometimes the other account, which must get the 404. */
const caller = fc.oneof({ arbitrary: fc.constant<Caller>("self"), weight: 5 }, { arbitrary: fc.constant<Caller>("other"), weight: 1 });
/** `svc[k]` / `ep[k]`: small, so that sequences revisit the same resources. */
const ref = fc.nat({ max: 7 });
const shortName = fc.constantFrom("alpha", "beta");
const tags = fc.uniqueArray(
  fc.record({ key: fc.constantFrom(...TAG_KEYS), value: fc.constantFrom(...TAG_VALUES) }),
  { selector: (tag) => tag.key, maxLength: 2 },
);
const paging = {
  limit: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
  offset: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
  sort_key: fc.option(fc.constantFrom("created_at" as const, "updated_at" as const), { nil: undefined }),
  sort_dir: fc.option(fc.constantFrom("asc" as const, "desc" as const), { nil: undefined }),
};
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

export function commandArbitraries(): fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] {
  const createService = fc
    // approval_enabled shrinks towards true, the API's default.
    .tuple(who, fc.boolean().map((without) => !without), fc.nat({ max: PORT_IDS.length - 1 }), fc.constantFrom(...SERVER_PORTS), optional(shortName), tags)
    .map(([account, approval, slot, port, name, serviceTags]) => new CreateService(account, approval, slot, port, name, serviceTags));
  const createEndpoint = fc
    // Mostly to one of the run's services; once in 10 to the operator's public service.
    .tuple(who, fc.option(ref, { nil: undefined, freq: 10 }), tags)
    .map(([account, target, endpointTags]) => new CreateEndpoint(account, target, endpointTags));
  // Mostly at the endpoint's own service; sometimes at another one, which refuses with EndPoint.2013 (or 404).
  const connectionAction = fc
    .tuple(ref, fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: ref, weight: 1 }), fc.constantFrom("receive" as const, "reject" as const), caller)
    .map(([endpoint, service, action, by]) => new ConnectionAction(endpoint, service, action, by));
  return [
    createService,
    createService,
    createEndpoint,
    createEndpoint,
    fc.tuple(ref, caller).map(([k, by]) => new ReadService(k, by)),
    fc
      .tuple(
        ref,
        caller,
        fc.record(
          {
            approval: fc.boolean(),
            shortName: fc.constantFrom("alpha", "beta", "gamma", ""),
            description: fc.constantFrom("", "billing backend", "v2"),
            portSlot: fc.nat({ max: PORT_IDS.length - 1 }),
            serverPort: fc.constantFrom(...SERVER_PORTS),
          },
          { requiredKeys: [] },
        ),
      )
      .map(([k, by, change]) => new UpdateService(k, by, change)),
    fc.tuple(ref, caller).map(([k, by]) => new DeleteService(k, by)),
    fc
      .tuple(ref, caller, fc.constantFrom("add" as const, "add" as const, "remove" as const), fc.array(fc.constantFrom<PermissionEntry>("consumer", "consumer", "owner", "*"), { minLength: 1, maxLength: 3 }))
      .map(([k, by, action, entries]) => new Whitelist(k, by, action, entries)),
    fc.tuple(ref, caller).map(([k, by]) => new ReadEndpoint(k, by)),
    fc.tuple(ref, caller).map(([k, by]) => new DeleteEndpoint(k, by)),
    connectionAction,
    connectionAction,
    fc
      .tuple(
        fc.constantFrom("service" as const, "endpoint" as const),
        ref,
        caller,
        fc.constantFrom("create" as const, "create" as const, "delete" as const),
        fc.uniqueArray(fc.record({ key: fc.constantFrom(...TAG_KEYS), value: fc.option(fc.constantFrom(...TAG_VALUES), { nil: undefined }) }), {
          selector: (tag) => tag.key,
          minLength: 1,
          maxLength: 2,
        }),
      )
      .map(([kind, k, by, action, changed]) => new TagResource(kind, k, by, action, changed)),
    fc
      .tuple(
        who,
        fc.constantFrom("service" as const, "endpoint" as const),
        fc.constantFrom("filter" as const, "count" as const),
        optional(fc.record({ key: fc.constantFrom(...TAG_KEYS), values: fc.subarray([...TAG_VALUES]) })),
      )
      .map(([account, kind, action, search]) => new FindByTags(account, kind, action, search)),
    fc
      .tuple(who, fc.record({ ...paging, endpoint_service_name: optional(fc.constantFrom("alpha", "ALP", "eu-de.beta", "zz")), status: optional(fc.constantFrom("available" as const, "creating" as const)) }))
      .map(([account, query]) => new ListServices(account, query)),
    fc
      .tuple(who, fc.record({ ...paging, endpoint_service_name: optional(fc.constantFrom("alpha", "dns", "BETA")), vpcOf: optional(who) }))
      .map(([account, query]) => new ListEndpoints(account, query)),
    fc
      .tuple(ref, caller, fc.record({ ...paging, status: optional(fc.constantFrom("pendingAcceptance" as const, "accepted" as const, "rejected" as const, "failed" as const)) }))
      .map(([k, by, query]) => new ListConnections(k, by, query)),
  ];
}
