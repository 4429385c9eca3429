import type {
  Connection,
  EndpointService,
  Permission,
  PublicEndpointService,
  ResourceInstancesRequest,
  ResourceType,
  Endpoint,
} from "./models.js";
import type {
  ApiResult,
  DataOf,
  ListEndpointServicesQuery,
  ListEndpointsQuery,
  ListPublicEndpointServicesQuery,
  ListServiceConnectionsQuery,
  ListServicePermissionsQuery,
  VpcepOperations,
} from "./operations.js";
import { dataOrThrow } from "./results.js";

type TaggedResource = NonNullable<DataOf<"listResourcesByTags">["resources"]>[number];

/** Async iterators over every item of a list operation, page after page. */
export interface Paginators {
  listEndpointServices(query?: ListEndpointServicesQuery): AsyncGenerator<EndpointService, void, undefined>;
  listPublicEndpointServices(query?: ListPublicEndpointServicesQuery): AsyncGenerator<PublicEndpointService, void, undefined>;
  listServiceConnections(serviceId: string, query?: ListServiceConnectionsQuery): AsyncGenerator<Connection, void, undefined>;
  listServicePermissions(serviceId: string, query?: ListServicePermissionsQuery): AsyncGenerator<Permission, void, undefined>;
  listEndpoints(query?: ListEndpointsQuery): AsyncGenerator<Endpoint, void, undefined>;
  /** The `filter` action of `listResourcesByTags`, whose `limit` and `offset` are strings in the body. */
  listResourcesByTags(
    resourceType: ResourceType,
    body: Omit<ResourceInstancesRequest, "action">,
  ): AsyncGenerator<TaggedResource, void, undefined>;
}

/** The same lists, collected into arrays. */
export type Collectors = {
  [Name in keyof Paginators]: (
    ...args: Parameters<Paginators[Name]>
  ) => Promise<ReturnType<Paginators[Name]> extends AsyncGenerator<infer Item, void, undefined> ? Item[] : never>;
};

interface Page<Item> {
  items: Item[] | undefined;
  total: number | undefined;
}

// The largest page each operation allows; a `limit` of 0 or none pages with it.
const MAX_LIMIT = 1000;
const MAX_PERMISSION_LIMIT = 500;

/**
 * Walks `offset` from the first page until `total_count` is reached or a page is empty.
 * The total is re-read on each page, so resources created or deleted meanwhile do not
 * end the walk early or make it run forever; items seen twice (shifted by an insert)
 * are yielded once.
 */
async function* walk<Item>(
  limit: number | undefined,
  offset: number | undefined,
  maxLimit: number,
  fetchPage: (limit: number, offset: number) => Promise<Page<Item>>,
  keyOf: (item: Item) => string | undefined,
): AsyncGenerator<Item, void, undefined> {
  const pageSize = limit === undefined || limit <= 0 ? maxLimit : limit;
  const seen = new Set<string>();
  let position = offset ?? 0;
  for (;;) {
    const page = await fetchPage(pageSize, position);
    const items = page.items ?? [];
    for (const item of items) {
      const key = keyOf(item);
      if (key !== undefined) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      yield item;
    }
    position += items.length;
    if (items.length === 0 || page.total === undefined || position >= page.total) return;
  }
}

function pageOf<Data extends { total_count?: number }, Item>(
  result: ApiResult<Data> | { data: Data; response: Response },
  method: string,
  items: (data: Data) => Item[] | undefined,
): Page<Item> {
  const data = dataOrThrow<Data>(result, method);
  return { items: items(data), total: data.total_count };
}

const byId = (item: { id?: string }) => item.id;

export function bindPaginators(operations: VpcepOperations<boolean>): Paginators {
  return {
    listEndpointServices: (query = {}) =>
      walk(query.limit, query.offset, MAX_LIMIT, async (limit, offset) =>
        pageOf(await operations.listEndpointServices({ ...query, limit, offset }), "GET", (data) => data.endpoint_services),
      byId),
    listPublicEndpointServices: (query = {}) =>
      walk(query.limit, query.offset, MAX_LIMIT, async (limit, offset) =>
        pageOf(await operations.listPublicEndpointServices({ ...query, limit, offset }), "GET", (data) => data.endpoint_services),
      byId),
    listServiceConnections: (serviceId, query = {}) =>
      walk(query.limit, query.offset, MAX_LIMIT, async (limit, offset) =>
        pageOf(await operations.listServiceConnections(serviceId, { ...query, limit, offset }), "GET", (data) => data.connections),
      byId),
    listServicePermissions: (serviceId, query = {}) =>
      walk(query.limit, query.offset, MAX_PERMISSION_LIMIT, async (limit, offset) =>
        pageOf(await operations.listServicePermissions(serviceId, { ...query, limit, offset }), "GET", (data) => data.permissions),
      byId),
    listEndpoints: (query = {}) =>
      walk(query.limit, query.offset, MAX_LIMIT, async (limit, offset) =>
        pageOf(await operations.listEndpoints({ ...query, limit, offset }), "GET", (data) => data.endpoints),
      byId),
    listResourcesByTags: (resourceType, body) =>
      walk(
        body.limit === undefined ? undefined : Number(body.limit),
        body.offset === undefined ? undefined : Number(body.offset),
        MAX_LIMIT,
        async (limit, offset) =>
          pageOf(
            await operations.listResourcesByTags(resourceType, {
              ...body,
              action: "filter",
              limit: String(limit),
              offset: String(offset),
            }),
            "POST",
            (data) => data.resources,
          ),
        (resource) => resource.resource_id,
      ),
  };
}

export function bindCollectors(paginators: Paginators): Collectors {
  const collect = async <Item>(items: AsyncGenerator<Item, void, undefined>): Promise<Item[]> => {
    const all: Item[] = [];
    for await (const item of items) all.push(item);
    return all;
  };
  return {
    listEndpointServices: (query) => collect(paginators.listEndpointServices(query)),
    listPublicEndpointServices: (query) => collect(paginators.listPublicEndpointServices(query)),
    listServiceConnections: (serviceId, query) => collect(paginators.listServiceConnections(serviceId, query)),
    listServicePermissions: (serviceId, query) => collect(paginators.listServicePermissions(serviceId, query)),
    listEndpoints: (query) => collect(paginators.listEndpoints(query)),
    listResourcesByTags: (resourceType, body) => collect(paginators.listResourcesByTags(resourceType, body)),
  };
}
