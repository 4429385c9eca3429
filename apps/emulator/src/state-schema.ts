/**
 * The JSON Schema of the state document (what `snapshot()` returns, `restore()` and
 * `PUT /_emulator/state` take, and the state file holds), record by record: a document
 * that passes it is one the emulator's rules can work on.
 */
import { MAX_TIME_MS } from "./clock.js";

const time = { type: "number", minimum: -MAX_TIME_MS, maximum: MAX_TIME_MS };
const count = { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const text = { type: "string" };
const id = { type: "string", minLength: 1 };
const strings = { type: "array", items: text };
/** An int64 above 0, as decimal digits (at most 9223372036854775807, checked apart). */
const int64Digits = { type: "string", pattern: "^[1-9][0-9]{0,18}$" };

const tag = { type: "object", required: ["key", "value"], properties: { key: text, value: text }, additionalProperties: false };
const resourceError = {
  type: "object",
  required: ["error_code", "error_message"],
  properties: { error_code: text, error_message: text },
  additionalProperties: false,
};

function transition(statuses: readonly string[]) {
  return {
    type: "object",
    required: ["to"],
    properties: { to: { enum: [...statuses, "gone"] }, dueMs: time, readsLeft: count, error: resourceError },
    additionalProperties: false,
  };
}

export const SERVICE_STATUSES = ["creating", "available", "failed", "deleting"] as const;
export const ENDPOINT_STATUSES = ["creating", "pendingAcceptance", "accepted", "rejected", "failed", "deleting"] as const;

const service = {
  type: "object",
  required: [
    "id", "seq", "project_id", "domain_id", "port_id", "service_name", "vpc_id", "approval_enabled", "service_type",
    "server_type", "ports", "tcp_proxy", "tags", "status", "createdMs", "updatedMs", "permissions",
  ],
  properties: {
    id,
    seq: count,
    project_id: id,
    domain_id: id,
    port_id: id,
    pool_id: text,
    short_name: text,
    service_name: id,
    vpc_id: id,
    approval_enabled: { type: "boolean" },
    service_type: { enum: ["interface", "gateway"] },
    server_type: { enum: ["LB", "VM", "VIP", "BMS"] },
    ports: {
      type: "array",
      maxItems: 200,
      items: {
        type: "object",
        required: ["client_port", "server_port", "protocol"],
        properties: {
          client_port: { type: "integer", minimum: 1, maximum: 65535 },
          server_port: { type: "integer", minimum: 1, maximum: 65535 },
          protocol: { enum: ["TCP"] },
        },
        additionalProperties: false,
      },
    },
    tcp_proxy: { enum: ["close", "toa_open", "proxy_open", "open", "proxy_vni"] },
    tags: { type: "array", maxItems: 20, items: tag },
    description: text,
    status: { enum: SERVICE_STATUSES },
    error: { type: "array", items: resourceError },
    createdMs: time,
    updatedMs: time,
    transition: transition(SERVICE_STATUSES),
    permissions: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "permission", "description", "createdMs", "seq"],
        properties: { id, permission: id, description: text, createdMs: time, seq: count },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const endpoint = {
  type: "object",
  required: [
    "id", "seq", "project_id", "domain_id", "service_id", "service_name", "service_type", "vpc_id", "ip_shown",
    "enable_dns", "tags", "specification_name", "status", "marker_id", "createdMs", "updatedMs",
  ],
  properties: {
    id,
    seq: count,
    project_id: id,
    domain_id: id,
    service_id: id,
    service_name: id,
    service_type: { enum: ["interface", "gateway"] },
    vpc_id: id,
    subnet_id: id,
    ip: text,
    ip_shown: { type: "boolean" },
    enable_dns: { type: "boolean" },
    dns_names: strings,
    tags: { type: "array", maxItems: 20, items: tag },
    routetables: strings,
    whitelist: strings,
    enable_whitelist: { type: "boolean" },
    policy_statement: {
      type: "array",
      items: {
        type: "object",
        required: ["Effect", "Action", "Resource"],
        properties: { Effect: { enum: ["Allow", "Deny"] }, Action: strings, Resource: strings },
        additionalProperties: false,
      },
    },
    specification_name: text,
    description: text,
    status: { enum: ENDPOINT_STATUSES },
    error: { type: "array", items: resourceError },
    marker_id: int64Digits,
    createdMs: time,
    updatedMs: time,
    transition: transition(ENDPOINT_STATUSES),
  },
  additionalProperties: false,
};

export const STATE_SCHEMA = {
  type: "object",
  required: ["format", "version", "clockMs", "seq", "nextMarker", "services", "endpoints"],
  properties: {
    format: { const: "otc-vpcep-emulator-state" },
    version: { const: 1 },
    clockMs: time,
    seq: count,
    nextMarker: int64Digits,
    services: { type: "array", items: service },
    endpoints: { type: "array", items: endpoint },
  },
  additionalProperties: false,
} as const;
