/** How services, endpoints and connections look in responses. */
import { timestamp } from "../clock.js";
import type { EndpointRecord, ServiceRecord } from "../state.js";

/** Endpoints counted in a service's `connection_count`: those `creating` or `accepted` (reference 7.4). */
export function connectionCount(service: ServiceRecord, endpoints: Iterable<EndpointRecord>): number {
  let count = 0;
  for (const endpoint of endpoints) {
    if (endpoint.service_id === service.id && (endpoint.status === "creating" || endpoint.status === "accepted")) count++;
  }
  return count;
}

export function serviceView(service: ServiceRecord, endpoints: Iterable<EndpointRecord>): Record<string, unknown> {
  return {
    id: service.id,
    port_id: service.port_id,
    ...(service.pool_id === undefined ? {} : { pool_id: service.pool_id }),
    service_name: service.service_name,
    service_type: service.service_type,
    server_type: service.server_type,
    vpc_id: service.vpc_id,
    approval_enabled: service.approval_enabled,
    status: service.status,
    created_at: timestamp(service.createdMs),
    updated_at: timestamp(service.updatedMs),
    project_id: service.project_id,
    domain_id: service.domain_id,
    connection_count: connectionCount(service, endpoints),
    ports: service.ports.map((port) => ({ ...port })),
    tcp_proxy: service.tcp_proxy,
    tags: service.tags.map((tag) => ({ ...tag })),
    description: service.description ?? "",
    ...(service.error === undefined ? {} : { error: service.error.map((error) => ({ ...error })) }),
  };
}

export function endpointView(endpoint: EndpointRecord, options: { created?: boolean } = {}): Record<string, unknown> {
  const interfaceType = endpoint.service_type === "interface";
  return {
    id: endpoint.id,
    service_type: endpoint.service_type,
    status: endpoint.status,
    active_status: ["active"],
    endpoint_service_name: endpoint.service_name,
    marker_id: endpoint.marker_id,
    endpoint_service_id: endpoint.service_id,
    enable_dns: endpoint.enable_dns,
    // The create response has no dns_names since 2025-06-25 (reference 7.14).
    ...(endpoint.dns_names !== undefined && options.created !== true ? { dns_names: [...endpoint.dns_names] } : {}),
    ...(endpoint.ip !== undefined && endpoint.ip_shown ? { ip: endpoint.ip } : {}),
    vpc_id: endpoint.vpc_id,
    ...(endpoint.subnet_id === undefined ? {} : { subnet_id: endpoint.subnet_id }),
    created_at: timestamp(endpoint.createdMs),
    updated_at: timestamp(endpoint.updatedMs),
    project_id: endpoint.project_id,
    tags: endpoint.tags.map((tag) => ({ ...tag })),
    ...(interfaceType ? { whitelist: [...(endpoint.whitelist ?? [])], enable_whitelist: endpoint.enable_whitelist ?? false } : {}),
    ...(endpoint.routetables === undefined ? {} : { routetables: [...endpoint.routetables] }),
    ...(endpoint.policy_statement === undefined ? {} : { policy_statement: structuredClone(endpoint.policy_statement) }),
    specification_name: endpoint.specification_name,
    enable_status: "enable",
    description: endpoint.description ?? "",
    ...(endpoint.error === undefined ? {} : { error: endpoint.error.map((error) => ({ ...error })) }),
  };
}

export function connectionView(endpoint: EndpointRecord): Record<string, unknown> {
  return {
    id: endpoint.id,
    marker_id: endpoint.marker_id,
    created_at: timestamp(endpoint.createdMs),
    updated_at: timestamp(endpoint.updatedMs),
    domain_id: endpoint.domain_id,
    status: endpoint.status,
    description: "",
    ...(endpoint.error === undefined ? {} : { error: endpoint.error.map((error) => ({ ...error })) }),
  };
}
