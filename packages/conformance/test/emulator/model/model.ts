/**
 * The small model of the VPCEP lifecycle that the model-based test checks the emulator
 * against: which services and endpoints exist in which project, their state, tags and
 * whitelists, and what the service answers to each request (including its refusals).
 *
 * The emulator runs with transitions "immediate" and a manual clock that the test moves
 * one second per step: a create reads `creating` in its own answer and is `available`
 * (a service), `accepted` or `pendingAcceptance` (an endpoint) from the next request on;
 * a delete answers 204 and the resource is gone (404) from the next request on. Every
 * timestamp is then known to the model.
 */

/** The two accounts: each project is its own domain, so connecting across them needs the whitelist. */
export type Who = "owner" | "consumer";

export interface Account {
  projectId: string;
  domainId: string;
  vpcId: string;
  subnetId: string;
}

export const ACCOUNTS: Readonly<Record<Who, Account>> = {
  owner: {
    projectId: "6e9dfd51d1124e8d8498dce894923a0d",
    domainId: "5fc973eea581490997e82ea11a1d0101",
    vpcId: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    subnetId: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
  },
  consumer: {
    projectId: "0b6d2e3c9a8f4e71b5c4d3e2f1a09876",
    domainId: "a3c1e5f7092b4d6f8e0a1c3e5f7a9b1d",
    vpcId: "e251b400-2963-4131-b38a-da81e32026ee",
    subnetId: "65528a22-59a1-4972-ba64-88984b3207cd",
  },
};

export const other = (who: Who): Who => (who === "owner" ? "consumer" : "owner");

/** Small quotas, so that runs of a few dozen steps meet the quota refusal (`Endpoint.1018`). */
export const QUOTAS = { endpoint_service: 3, endpoint: 4 } as const;

/**
 * Backend ports the services are created on: two services on one port may not serve the
 * same server port (`EndPoint.3044`), in any project. Three ports and two server ports
 * give six combinations, more than the two accounts' quotas hold, so both refusals occur.
 */
export const PORT_IDS = ["4189d3c2-8882-4871-a3c2-d380272eed88", "7a0c1f52-3b9e-4d61-8f27-5c4e9a1d0b33", "c2e8d4a6-1f3b-4e5d-9a7c-0b2d4f6e8a10"] as const;
export const SERVER_PORTS = [80, 443] as const;
export const CLIENT_PORT = 8080;

export const REGION = "eu-de";
export const TAG_KEYS = ["env", "team", "cost"] as const;
export const TAG_VALUES = ["a", "b"] as const;

export type EndpointStatus = "pendingAcceptance" | "accepted" | "rejected";

export interface Tag {
  key: string;
  value: string;
}

export interface ServiceState {
  id: string;
  who: Who;
  gone: boolean;
  approval: boolean;
  shortName: string | undefined;
  description: string;
  portSlot: number;
  serverPort: number;
  tags: Tag[];
  /** Whitelist records, in the order they were added, with the time they were added. */
  permissions: { permission: string; addedMs: number }[];
  createdMs: number;
  updatedMs: number;
  /** Creation order in the run: the tie-breaker of every sort. */
  order: number;
}

export interface EndpointState {
  id: string;
  who: Who;
  gone: boolean;
  /** The model service it connects to, or undefined for the operator's public service. */
  serviceId: string | undefined;
  status: EndpointStatus;
  /** The endpoint's `ip` is shown once it has been accepted, and stays shown. */
  ipShown: boolean;
  markerId: string;
  tags: Tag[];
  createdMs: number;
  updatedMs: number;
  order: number;
}

/** The operator's public interface service (eu-de DNS) that every account may connect to. */
export interface PublicService {
  id: string;
  name: string;
}

export interface Model {
  /** The emulator's clock, which only the test moves. */
  nowMs: number;
  /** Every service and endpoint created in this run, in creation order; deleted ones stay with `gone`. */
  services: ServiceState[];
  endpoints: EndpointState[];
  nextOrder: number;
  publicService: PublicService;
  /** Steps run so far, for messages. */
  step: number;
}

export function emptyModel(nowMs: number, publicService: PublicService): Model {
  return { nowMs, services: [], endpoints: [], nextOrder: 0, publicService, step: 0 };
}

export const liveServices = (model: Model, who?: Who) => model.services.filter((service) => !service.gone && (who === undefined || service.who === who));
export const liveEndpoints = (model: Model, who?: Who) => model.endpoints.filter((endpoint) => !endpoint.gone && (who === undefined || endpoint.who === who));

/** The k-th resource created in the run (live or gone), wrapping around; undefined before the first. */
export function pick<T>(items: readonly T[], k: number): T | undefined {
  return items.length === 0 ? undefined : items[k % items.length];
}

export function fullServiceName(service: ServiceState): string {
  return service.shortName === undefined || service.shortName === "" ? `${REGION}.${service.id}` : `${REGION}.${service.shortName}.${service.id}`;
}

export function serviceOf(model: Model, endpoint: EndpointState): ServiceState | undefined {
  return endpoint.serviceId === undefined ? undefined : model.services.find((service) => service.id === endpoint.serviceId);
}

/** The service name an endpoint reports: its service's current full name (renames follow). */
export function endpointServiceName(model: Model, endpoint: EndpointState): string {
  const service = serviceOf(model, endpoint);
  return service === undefined ? model.publicService.name : fullServiceName(service);
}

/** The service's `connection_count`: its endpoints that are `creating` or `accepted` (reference 7.4). */
export function connectionCount(model: Model, service: ServiceState): number {
  return liveEndpoints(model).filter((endpoint) => endpoint.serviceId === service.id && endpoint.status === "accepted").length;
}

/** The live endpoints connected to a service, whatever their status and project. */
export const connectionsOf = (model: Model, service: ServiceState) => liveEndpoints(model).filter((endpoint) => endpoint.serviceId === service.id);

/** Whether endpoints of `who`'s account may connect to the service: the owner's own account, or whitelisted. */
export function mayConnect(service: ServiceState, who: Who): boolean {
  if (service.who === who) return true;
  return service.permissions.some((entry) => entry.permission === "*" || entry.permission === `iam:domain::${ACCOUNTS[who].domainId}`);
}

/** Another live service on the same backend port serves the same server port (`EndPoint.3044`). */
export function portClash(model: Model, portSlot: number, serverPort: number, self?: string): ServiceState | undefined {
  return liveServices(model).find((service) => service.id !== self && service.portSlot === portSlot && service.serverPort === serverPort);
}

export function timestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

export interface PageQuery {
  limit?: number | undefined;
  offset?: number | undefined;
  sort_key?: "created_at" | "updated_at" | undefined;
  sort_dir?: "asc" | "desc" | undefined;
}

interface Sortable {
  createdMs: number;
  updatedMs: number;
  order: number;
}

/** Sorted as every list of the API sorts: by `sort_key` (created_at), `sort_dir` (desc), creation order breaking ties. */
export function sorted<T extends Sortable>(items: readonly T[], query: PageQuery = {}): T[] {
  const byUpdate = query.sort_key === "updated_at";
  const direction = query.sort_dir === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const difference = byUpdate ? a.updatedMs - b.updatedMs : a.createdMs - b.createdMs;
    return direction * (difference !== 0 ? difference : a.order - b.order);
  });
}

/** The page of `limit` (10 by default) records from `offset` (0). */
export function page<T>(items: readonly T[], query: PageQuery = {}): T[] {
  const offset = query.offset ?? 0;
  return items.slice(offset, offset + (query.limit ?? 10));
}

/** The API's fuzzy name filters: case-insensitive "contains". */
export const fuzzy = (value: string, filter: string | undefined) => filter === undefined || value.toLowerCase().includes(filter.toLowerCase());

/** Tags after a `create` action: a key given again takes the new value. */
export function withTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const keys = new Set(added.map((tag) => tag.key));
  return [...current.filter((tag) => !keys.has(tag.key)), ...added.map((tag) => ({ ...tag }))];
}

/** Tags after a `delete` action: by key, and by value where one is given. */
export function withoutTags(current: readonly Tag[], removed: readonly { key: string; value?: string | undefined }[]): Tag[] {
  return current.filter((tag) => !removed.some((gone) => gone.key === tag.key && (gone.value === undefined || gone.value === tag.value)));
}

export const MAX_TAGS = 20;

/** Tags in a canonical order, to compare without depending on the order a resource keeps them in. */
export const canonicalTags = (tags: readonly { key?: string | undefined; value?: string | undefined }[] | undefined) =>
  [...(tags ?? [])].map((tag) => `${tag.key ?? ""}=${tag.value ?? ""}`).sort();
