import type {
  Connection,
  EndpointService,
  Permission,
  PublicEndpointService,
  ResourceInstancesRequest,
  ResourceType,
  Endpoint,
} from "./models.js";
import { VpcepArgumentError, wholeNumber } from "./arguments.js";
import { describeValue } from "./errors.js";
import type {
  ApiResult,
  CallOptions,
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

/**
 * Async iterators over every item of a list operation, page after page. `limit` is the page
 * size (0 or none: the largest), `offset` where the walk starts; `options` (`signal`,
 * `headers`) go with every page. A `limit` or `offset` the operation does not take is
 * refused with a `VpcepArgumentError` before the first page.
 */
export interface Paginators {
  listEndpointServices(query?: ListEndpointServicesQuery, options?: CallOptions): AsyncGenerator<EndpointService, void, undefined>;
  listPublicEndpointServices(query?: ListPublicEndpointServicesQuery, options?: CallOptions): AsyncGenerator<PublicEndpointService, void, undefined>;
  listServiceConnections(serviceId: string, query?: ListServiceConnectionsQuery, options?: CallOptions): AsyncGenerator<Connection, void, undefined>;
  listServicePermissions(serviceId: string, query?: ListServicePermissionsQuery, options?: CallOptions): AsyncGenerator<Permission, void, undefined>;
  listEndpoints(query?: ListEndpointsQuery, options?: CallOptions): AsyncGenerator<Endpoint, void, undefined>;
  /** The `filter` action of `listResourcesByTags`, whose `limit` and `offset` are strings in the body. */
  listResourcesByTags(
    resourceType: ResourceType,
    body: Omit<ResourceInstancesRequest, "action">,
    options?: CallOptions,
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
/** The largest `offset`, an int32. */
const MAX_OFFSET = 2_147_483_647;

/** A `limit` or an `offset` of the tag query's body: a whole number up to `max` in decimal digits, as the spec writes them, or none. */
function positionText(argument: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && /^(0|[1-9][0-9]*)$/.test(value) && Number(value) <= max) return Number(value);
  throw new VpcepArgumentError("listResourcesByTags", argument, `must be a whole number from 0 to ${max}, written as a string; got ${describeValue(value)}`);
}

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
  /** A paginator over the GET list `operation`, whose `page` reads one page of `query`. */
  const list =
    <Query extends { limit?: number; offset?: number }, Data extends { total_count?: number }, Item extends { id?: string }>(
      operation: string,
      page: (query: Query, options: CallOptions | undefined) => Promise<ApiResult<Data> | { data: Data; response: Response }>,
      items: (data: Data) => Item[] | undefined,
      maxLimit = MAX_LIMIT,
    ) =>
    async function* (query = {} as Query, options?: CallOptions): AsyncGenerator<Item, void, undefined> {
      if (typeof query !== "object" || query === null) throw new VpcepArgumentError(operation, "query", `must be an object; got ${describeValue(query)}`);
      const limit = wholeNumber(operation, "query.limit", query.limit, 0, maxLimit);
      const offset = wholeNumber(operation, "query.offset", query.offset, 0, MAX_OFFSET);
      yield* walk(limit, offset, maxLimit, async (size, at) => pageOf(await page({ ...query, limit: size, offset: at }, options), "GET", items), byId);
    };

  return {
    listEndpointServices: list("listEndpointServices", operations.listEndpointServices, (data) => data.endpoint_services),
    listPublicEndpointServices: list("listPublicEndpointServices", operations.listPublicEndpointServices, (data) => data.endpoint_services),
    listServiceConnections: (serviceId, query, options) =>
      list(
        "listServiceConnections",
        (page: ListServiceConnectionsQuery, pageOptions) => operations.listServiceConnections(serviceId, page, pageOptions),
        (data) => data.connections,
      )(query, options),
    listServicePermissions: (serviceId, query, options) =>
      list(
        "listServicePermissions",
        (page: ListServicePermissionsQuery, pageOptions) => operations.listServicePermissions(serviceId, page, pageOptions),
        (data) => data.permissions,
        MAX_PERMISSION_LIMIT,
      )(query, options),
    listEndpoints: list("listEndpoints", operations.listEndpoints, (data) => data.endpoints),
    listResourcesByTags: async function* (resourceType, body, options) {
      if (typeof body !== "object" || body === null) throw new VpcepArgumentError("listResourcesByTags", "body", `must be an object; got ${describeValue(body)}`);
      // A limit of "0" is the largest page, as 0 is for the GET lists (the service itself takes 1 to 1000).
      const limit = positionText("body.limit", body.limit, MAX_LIMIT);
      const offset = positionText("body.offset", body.offset, Number.MAX_SAFE_INTEGER);
      const page = async (size: number, at: number) =>
        pageOf(
          await operations.listResourcesByTags(resourceType, { ...body, action: "filter", limit: String(size), offset: String(at) }, options),
          "POST",
          (data) => data.resources,
        );
      yield* walk(limit, offset, MAX_LIMIT, page, (resource) => resource.resource_id);
    },
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
