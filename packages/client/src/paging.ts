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
  /** A paginator over a GET list whose `page` reads one page of `query`. */
  const list =
    <Query extends { limit?: number; offset?: number }, Data extends { total_count?: number }, Item extends { id?: string }>(
      page: (query: Query) => Promise<ApiResult<Data> | { data: Data; response: Response }>,
      items: (data: Data) => Item[] | undefined,
      maxLimit = MAX_LIMIT,
    ) =>
    (query = {} as Query): AsyncGenerator<Item, void, undefined> =>
      walk(query.limit, query.offset, maxLimit, async (limit, offset) => pageOf(await page({ ...query, limit, offset }), "GET", items), byId);

  return {
    listEndpointServices: list(operations.listEndpointServices, (data) => data.endpoint_services),
    listPublicEndpointServices: list(operations.listPublicEndpointServices, (data) => data.endpoint_services),
    listServiceConnections: (serviceId, query) =>
      list((page: ListServiceConnectionsQuery) => operations.listServiceConnections(serviceId, page), (data) => data.connections)(query),
    listServicePermissions: (serviceId, query) =>
      list(
        (page: ListServicePermissionsQuery) => operations.listServicePermissions(serviceId, page),
        (data) => data.permissions,
        MAX_PERMISSION_LIMIT,
      )(query),
    listEndpoints: list(operations.listEndpoints, (data) => data.endpoints),
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

/** A collector for every paginator. */
export function bindCollectors(paginators: Paginators): Collectors {
  const collectors: Record<string, (...args: never[]) => Promise<unknown[]>> = {};
  for (const [name, paginate] of Object.entries(paginators) as [string, (...args: never[]) => AsyncGenerator<unknown>][]) {
    collectors[name] = async (...args) => {
      const all: unknown[] = [];
      for await (const item of paginate(...args)) all.push(item);
      return all;
    };
  }
  return collectors as Collectors;
}
