/**
 * What the rules of each resource work with: the store, the lifecycle and clock, the
 * faults, and the configuration (region, quotas, the domain of each project).
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "./clock.js";
import type { Faults } from "./faults.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Store } from "./state.js";

export interface Quotas {
  endpoint_service: number;
  endpoint: number;
}

export interface World {
  store: Store;
  lifecycle: Lifecycle;
  clock: Clock;
  faults: Faults;
  region: string;
  quotas: Quotas;
  /** The account (domain) that owns a project. */
  domainOf(projectId: string): string;
  newId(): string;
}

/** One validated call of an operation. */
export interface Call {
  operationId: string;
  projectId: string;
  /** The caller's account: the domain of the project in the path. */
  domainId: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The emulator's root URL as the caller reached it, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (world: World, call: Call) => Reply;

export const newUuid = (): string => randomUUID();
