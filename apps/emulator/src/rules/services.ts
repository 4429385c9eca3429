/**
 * VPC endpoint services: create, read, list, update and delete; their connections
 * (accept or reject, one endpoint at a time) and their whitelist; the public services and
 * the look-up by name or id.
 */
import { timestamp } from "../clock.js";
import { ApiFailure, Codes, badRequest, endpointNotFound, notFound } from "../errors.js";
import { GONE } from "../lifecycle.js";
import type { EndpointRecord, PortRecord, ServiceRecord } from "../state.js";
import type { Call, Handler, Reply, World } from "../world.js";
import { exact, fuzzy, pageOf, sortRecords } from "./listing.js";
import { publicServicesOf, type PublicService } from "./public-services.js";
import { checkNewTags } from "./tags.js";
import { connectionView, serviceView } from "./views.js";

interface PortInput {
  client_port?: number;
  server_port?: number;
  protocol?: string;
}

interface CreateServiceBody {
  port_id: string;
  pool_id?: string;
  service_name?: string;
  vpc_id: string;
  approval_enabled?: boolean;
  service_type?: string;
  server_type: string;
  ports: PortInput[];
  tcp_proxy?: string;
  tags?: { key?: string; value?: string }[];
  description?: string;
}

interface UpdateServiceBody {
  approval_enabled?: boolean;
  service_name?: string;
  ports?: PortInput[];
  port_id?: string;
  tcp_proxy?: string;
  description?: string;
}

/** The service `id` of the caller's project, or the documented 404. */
export function ownService(world: World, call: Call, id: string): ServiceRecord {
  const service = world.store.services.get(id);
  if (service === undefined || service.project_id !== call.projectId) throw notFound("endpoint service", id);
  return service;
}

export function fullServiceName(region: string, shortName: string | undefined, id: string): string {
  return shortName === undefined || shortName === "" ? `${region}.${id}` : `${region}.${shortName}.${id}`;
}

/** Port mappings complete, without duplicates, and not colliding with another service on the same port. */
function checkPorts(world: World, ports: readonly PortInput[], portId: string, selfId: string | undefined): PortRecord[] {
  const result: PortRecord[] = [];
  for (const [index, port] of ports.entries()) {
    if (port.client_port === undefined || port.server_port === undefined) {
      throw badRequest("EndPoint.2028", `The endpoint service port or protocol is empty: ports[${index}] needs client_port and server_port.`);
    }
    const mapping = { client_port: port.client_port, server_port: port.server_port, protocol: port.protocol ?? "TCP" };
    const duplicate = result.find((other) => other.protocol === mapping.protocol && other.client_port === mapping.client_port);
    if (duplicate !== undefined) {
      throw badRequest(
        Codes.portsConflict,
        `The parameter ports conflicted: ports[${index}] repeats client_port ${duplicate.client_port} (${mapping.protocol}) of an earlier mapping.`,
      );
    }
    result.push(mapping);
  }
  for (const other of world.store.services.values()) {
    if (other.id === selfId || other.port_id !== portId) continue;
    const clash = result.find((mine) => other.ports.some((theirs) => theirs.server_port === mine.server_port && theirs.protocol === mine.protocol));
    if (clash !== undefined) {
      throw badRequest(
        Codes.portsConflict,
        `The parameter ports conflicted with ports in an existing endpoint service: ${other.id} on the same port_id already serves server_port ${clash.server_port} (${clash.protocol}).`,
      );
    }
  }
  return result;
}

function liveServices(world: World, projectId: string): ServiceRecord[] {
  return [...world.store.services.values()].filter((service) => service.project_id === projectId);
}

export const createEndpointService: Handler = (world, call): Reply => {
  const body = call.body as CreateServiceBody;
  // Quotas are per account (domain) and region: every project of the account counts.
  const used = [...world.store.services.values()].filter((service) => world.domainOf(service.project_id) === call.domainId).length;
  if (used >= world.quotas.endpoint_service) {
    throw new ApiFailure(400, Codes.quotaExceeded, `Quota exceeded: the account (domain ${call.domainId}) has ${used} endpoint services, its quota is ${world.quotas.endpoint_service}.`);
  }
  if (body.service_type === "gateway") {
    throw badRequest(Codes.parameter, `Parameter error: body field "service_type" must be "interface": only the operator creates gateway services.`);
  }
  const id = world.newId();
  const ports = checkPorts(world, body.ports, body.port_id, undefined);
  const tags = checkNewTags(body.tags);
  const now = world.clock.now();
  const service: ServiceRecord = {
    id,
    seq: world.store.nextSeq(),
    project_id: call.projectId,
    domain_id: call.domainId,
    port_id: body.port_id,
    pool_id: body.pool_id ?? world.newId(),
    short_name: body.service_name,
    service_name: fullServiceName(world.region, body.service_name, id),
    vpc_id: body.vpc_id,
    approval_enabled: body.approval_enabled ?? true,
    service_type: "interface",
    server_type: body.server_type,
    ports,
    tcp_proxy: body.tcp_proxy ?? "close",
    tags,
    description: body.description,
    status: "creating",
    createdMs: now,
    updatedMs: now,
    permissions: [],
  };
  world.store.services.set(id, service);
  const fault = world.faults.takeCreateFault(call.operationId);
  if (fault === undefined) {
    world.lifecycle.schedule(service, "available");
  } else {
    world.lifecycle.schedule(service, "failed", {
      error_code: fault.errorCode ?? "EndPoint.3001",
      error_message: fault.errorMessage ?? "Failed to create a port.",
    });
  }
  return { status: 200, body: serviceView(service, world.store.endpoints.values()) };
};

export const listEndpointServices: Handler = (world, call): Reply => {
  const query = call.query;
  const found = sortRecords(
    liveServices(world, call.projectId).filter(
      (service) => fuzzy(service.service_name, query["endpoint_service_name"]) && exact(service.id, query["id"]) && exact(service.status, query["status"]),
    ),
    query,
  );
  const page = pageOf(found, query);
  const body = { endpoint_services: page.map((service) => serviceView(service, world.store.endpoints.values())), total_count: found.length };
  for (const service of page) world.lifecycle.read(service);
  return { status: 200, body };
};

export const getEndpointService: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  const body = serviceView(service, world.store.endpoints.values());
  world.lifecycle.read(service);
  return { status: 200, body };
};

export const updateEndpointService: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  if (service.status === "deleting" || service.status === "failed") {
    throw badRequest(Codes.stateForbidsChange, `Other properties cannot be modified in the current endpoint service state: the service is ${service.status}.`);
  }
  const body = call.body as UpdateServiceBody;
  const portId = body.port_id ?? service.port_id;
  const ports = body.ports === undefined ? service.ports : checkPorts(world, body.ports, portId, service.id);
  if (body.ports === undefined && body.port_id !== undefined) checkPorts(world, service.ports, portId, service.id);
  if (body.approval_enabled !== undefined) service.approval_enabled = body.approval_enabled;
  if (body.service_name !== undefined) {
    service.short_name = body.service_name;
    service.service_name = fullServiceName(world.region, body.service_name, service.id);
    for (const endpoint of world.store.endpoints.values()) if (endpoint.service_id === service.id) endpoint.service_name = service.service_name;
  }
  service.ports = ports;
  service.port_id = portId;
  if (body.tcp_proxy !== undefined) service.tcp_proxy = body.tcp_proxy;
  if (body.description !== undefined) service.description = body.description;
  service.updatedMs = world.clock.now();
  world.store.changed();
  return { status: 200, body: serviceView(service, world.store.endpoints.values()) };
};

export const deleteEndpointService: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  if (service.status === "deleting") return { status: 204 };
  const connected = [...world.store.endpoints.values()].filter((endpoint) => endpoint.service_id === service.id);
  if (connected.length > 0) {
    throw badRequest(Codes.serviceInUse, `The endpoint service is being used: ${connected.length} endpoint(s) still connect to it; delete them first.`);
  }
  world.lifecycle.cancel(service);
  service.status = "deleting";
  service.updatedMs = world.clock.now();
  world.lifecycle.schedule(service, GONE);
  return { status: 204 };
};

function connectionsOf(world: World, service: ServiceRecord): EndpointRecord[] {
  return [...world.store.endpoints.values()].filter((endpoint) => endpoint.service_id === service.id);
}

export const listServiceConnections: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  const query = call.query;
  const found = sortRecords(
    connectionsOf(world, service).filter(
      (endpoint) => exact(endpoint.id, query["id"]) && exact(endpoint.marker_id, query["marker_id"]) && exact(endpoint.status, query["status"]),
    ),
    query,
  );
  const page = pageOf(found, query);
  const body = { connections: page.map(connectionView), total_count: found.length };
  // A page of connections is a read of the endpoints it returns (reads:N mode).
  for (const endpoint of page) world.lifecycle.read(endpoint);
  return { status: 200, body };
};

/** From which states `receive` and `reject` may move an endpoint (the target state itself is a no-op). */
const ACTION_FROM: Record<string, { to: string; from: string[] }> = {
  receive: { to: "accepted", from: ["pendingAcceptance", "rejected", "accepted"] },
  reject: { to: "rejected", from: ["pendingAcceptance", "accepted", "rejected"] },
};

const STATE_CODES: Record<string, [string, string]> = {
  creating: ["EndPoint.2019", "The endpoint is being created."],
  deleting: ["EndPoint.2018", "The endpoint is being deleted."],
  failed: [Codes.endpointFrozenState, "The VPC endpoint in the Failed status cannot be modified."],
};

export const acceptOrRejectConnections: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  const body = call.body as { action: "receive" | "reject"; endpoints: string[] };
  if (body.endpoints.length !== 1) throw badRequest(Codes.onlyOneEndpoint, "Only one endpoint is allowed per request.");
  const endpointId = body.endpoints[0]!;
  const endpoint = world.store.endpoints.get(endpointId);
  if (endpoint === undefined) throw endpointNotFound(endpointId);
  if (endpoint.service_id !== service.id) {
    throw badRequest(Codes.notOfService, `The endpoint does not belong to the endpoint service: ${JSON.stringify(endpointId)} is not an endpoint of ${service.id}.`);
  }
  const rule = ACTION_FROM[body.action]!;
  if (!rule.from.includes(endpoint.status)) {
    const [code, message] = STATE_CODES[endpoint.status] ?? [Codes.parameter, `The endpoint is ${endpoint.status}.`];
    throw badRequest(code, `${message} It cannot be ${body.action === "receive" ? "accepted" : "rejected"} while ${endpoint.status}.`);
  }
  if (endpoint.status !== rule.to) {
    endpoint.status = rule.to;
    endpoint.updatedMs = world.clock.now();
    if (rule.to === "accepted") endpoint.ip_shown = true;
    world.store.changed();
  }
  return { status: 200, body: { connections: [connectionView(endpoint)] } };
};

export const listServicePermissions: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  const query = call.query;
  const found = sortRecords(
    service.permissions.filter((permission) => fuzzy(permission.permission, query["permission"])).map((permission) => ({ ...permission, updatedMs: permission.createdMs })),
    query,
  );
  return {
    status: 200,
    body: {
      permissions: pageOf(found, query).map((permission) => ({
        id: permission.id,
        permission: permission.permission,
        description: permission.description,
        permission_type: "domainId",
        created_at: timestamp(permission.createdMs),
      })),
      total_count: found.length,
    },
  };
};

/**
 * The most whitelist records a service holds. The reference documents no number; 500 is the
 * emulator's choice, the largest page listServicePermissions gives (its limit is 0 to 500).
 */
export const MAX_WHITELIST = 500;

export const updateServicePermissions: Handler = (world, call): Reply => {
  const service = ownService(world, call, call.path["vpc_endpoint_service_id"] ?? "");
  const body = call.body as { action: "add" | "remove"; permissions: string[] };
  const entries = [...new Set(body.permissions)];
  if (body.action === "add") {
    const added = entries.filter((permission) => !service.permissions.some((existing) => existing.permission === permission)).length;
    if (service.permissions.length + added > MAX_WHITELIST) {
      throw badRequest(
        Codes.whitelistFull,
        `The maximum number of whitelist records has been reached: ${service.id} has ${service.permissions.length}, the add would make ${service.permissions.length + added}, at most ${MAX_WHITELIST}.`,
      );
    }
    for (const permission of entries) {
      if (service.permissions.some((existing) => existing.permission === permission)) continue;
      service.permissions.push({ id: world.newId(), permission, description: "", createdMs: world.clock.now(), seq: world.store.nextSeq() });
    }
  } else {
    service.permissions = service.permissions.filter((existing) => !entries.includes(existing.permission));
  }
  world.store.changed();
  return { status: 200, body: { permissions: entries } };
};

/** The whitelist entries that let every account connect: `*` and `iam:domain::*` (reference 6 and 7.11). */
const EVERYONE = new Set(["*", "iam:domain::*"]);

/**
 * Whether endpoints of `domainId` may connect: the owner's domain always, others when
 * whitelisted, by their domain or by an entry for everyone. A `*` within a domain id
 * (`iam:domain::ab*`) is taken as itself: the reference documents no other wildcard.
 */
export function mayConnect(service: ServiceRecord, domainId: string): boolean {
  if (service.domain_id === domainId) return true;
  return service.permissions.some((entry) => EVERYONE.has(entry.permission) || entry.permission === `iam:domain::${domainId}`);
}

function publicView(service: PublicService): Record<string, unknown> {
  return {
    id: service.id,
    owner: service.owner,
    service_name: service.service_name,
    service_type: service.service_type,
    created_at: timestamp(service.createdMs),
    is_charge: service.is_charge,
  };
}

export const listPublicEndpointServices: Handler = (world, call): Reply => {
  const query = call.query;
  const found = sortRecords(
    publicServicesOf(world.region).filter((service) => fuzzy(service.service_name, query["endpoint_service_name"]) && exact(service.id, query["id"])),
    query,
  );
  return { status: 200, body: { endpoint_services: pageOf(found, query).map(publicView), total_count: found.length } };
};

export const describeEndpointService: Handler = (world, call): Reply => {
  const id = call.query["id"];
  const name = call.query["endpoint_service_name"];
  const matches = (service: { id: string; service_name: string }) => (typeof id === "string" ? service.id === id : service.service_name === name);
  const operator = publicServicesOf(world.region).find(matches);
  if (operator !== undefined) {
    return {
      status: 200,
      body: { id: operator.id, service_name: operator.service_name, service_type: operator.service_type, created_at: timestamp(operator.createdMs), is_charge: operator.is_charge },
    };
  }
  // A service being deleted is still found, as getEndpointService still answers it; it is gone once the delete completes.
  const service = [...world.store.services.values()].find(matches);
  if (service === undefined) throw notFound("endpoint service", String(id ?? name));
  return {
    status: 200,
    body: { id: service.id, service_name: service.service_name, service_type: service.service_type, created_at: timestamp(service.createdMs), is_charge: false },
  };
};
