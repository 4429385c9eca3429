/**
 * The JSON Schema of the state document (what `snapshot()` returns, `restore()` and
 * `PUT /_emulator/state` take, and the state file holds), record by record: a document
 * that passes it is one the emulator's rules can work on.
 *
 * Every state the API can produce must load again, so a field that keeps what a request
 * sent (`vpc_id`, `port_id`, `whitelist`, `policy_statement`, ...) takes its schema from the
 * spec's request body: the state accepts there exactly what the API accepts.
 */
import { EARLIEST_MS, END_OF_9999_MS } from "./clock.js";

/** The times of the state, ms since the epoch: within the four-digit years of the API's timestamps. */
const time = { type: "number", minimum: EARLIEST_MS, maximum: END_OF_9999_MS };
/** When a transition falls due: a time of the state, or up to the longest `ms:N` transition (999999999 ms) after one. */
const dueTime = { type: "number", minimum: EARLIEST_MS, maximum: END_OF_9999_MS + 999_999_999 };
const count = { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const text = { type: "string" };
const id = { type: "string", minLength: 1 };
const strings = { type: "array", items: text };
/** An int64 above 0, as decimal digits (checked apart: at most the int64 maximum, or the one after it for nextMarker). */
const int64Digits = { type: "string", pattern: "^[1-9][0-9]{0,18}$" };

/**
 * The schema the spec gives a field of an operation's request body (a `$ref` into the spec),
 * or `fallback` when the spec has no such operation or field.
 */
export type RequestField = (operationId: string, field: string, fallback: object) => object;

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
    properties: { to: { enum: [...statuses, "gone"] }, dueMs: dueTime, readsLeft: count, error: resourceError },
    additionalProperties: false,
  };
}

export const SERVICE_STATUSES = ["creating", "available", "failed", "deleting"] as const;
export const ENDPOINT_STATUSES = ["creating", "pendingAcceptance", "accepted", "rejected", "failed", "deleting"] as const;

function serviceSchema(accepted: RequestField) {
  const created = (field: string, fallback: object) => accepted("createEndpointService", field, fallback);
  return {
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
      port_id: created("port_id", id),
      pool_id: created("pool_id", text),
      /** The short name given, to the create or an update: the same schema in both. */
      short_name: created("service_name", text),
      service_name: id,
      vpc_id: created("vpc_id", text),
      approval_enabled: { type: "boolean" },
      service_type: { enum: ["interface", "gateway"] },
      server_type: created("server_type", { enum: ["LB", "VM", "VIP", "BMS"] }),
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
      tcp_proxy: created("tcp_proxy", { enum: ["close", "toa_open", "proxy_open", "open", "proxy_vni"] }),
      tags: { type: "array", maxItems: 20, items: tag },
      description: created("description", text),
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
}

function endpointSchema(accepted: RequestField) {
  const created = (field: string, fallback: object) => accepted("createEndpoint", field, fallback);
  return {
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
      vpc_id: created("vpc_id", text),
      subnet_id: created("subnet_id", id),
      ip: text,
      ip_shown: { type: "boolean" },
      enable_dns: { type: "boolean" },
      dns_names: strings,
      tags: { type: "array", maxItems: 20, items: tag },
      routetables: created("routetables", strings),
      whitelist: created("whitelist", strings),
      enable_whitelist: { type: "boolean" },
      policy_statement: created("policy_statement", {
        type: "array",
        items: {
          type: "object",
          required: ["Effect", "Action", "Resource"],
          properties: { Effect: { enum: ["Allow", "Deny"] }, Action: strings, Resource: strings },
        },
      }),
      specification_name: created("specification_name", text),
      description: created("description", text),
      status: { enum: ENDPOINT_STATUSES },
      error: { type: "array", items: resourceError },
      marker_id: int64Digits,
      createdMs: time,
      updatedMs: time,
      transition: transition(ENDPOINT_STATUSES),
    },
    additionalProperties: false,
  };
}

/** The schema of the state document; `accepted` gives the spec's schemas of the request fields the state keeps. */
export function stateSchema(accepted: RequestField): object {
  return {
    type: "object",
    required: ["format", "version", "clockMs", "seq", "nextMarker", "services", "endpoints"],
    properties: {
      format: { const: "otc-vpcep-emulator-state" },
      version: { const: 1 },
      /** The emulator clock's time: from 0000-01-01 to 9999-01-01, as advance() keeps it (checked apart, with that rule). */
      clockMs: { type: "number" },
      /** What `advance()` added to the real clock (a real clock's document only; the time it gives is checked apart). */
      offsetMs: { type: "number" },
      seq: count,
      /** The next marker_id to give: an int64, or the one after the int64 maximum once every one is given (checked apart). */
      nextMarker: int64Digits,
      services: { type: "array", items: serviceSchema(accepted) },
      endpoints: { type: "array", items: endpointSchema(accepted) },
    },
    additionalProperties: false,
  };
}
