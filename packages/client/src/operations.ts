import type { operations } from "@otc-vpcep/types";
import type { Client } from "openapi-fetch";
import { callOptions, pathId, resourceType, serviceLookup, type ServiceLookup } from "./arguments.js";
import type {
  ApiError,
  ConnectionActionRequest,
  CreateEndpointRequest,
  CreateEndpointServiceRequest,
  Endpoint,
  EndpointService,
  EndpointServiceSummary,
  OperationId,
  PermissionActionRequest,
  ResourceInstancesRequest,
  ResourceType,
  TagActionRequest,
  UpdateEndpointServiceRequest,
} from "./models.js";
import type { ProjectPaths, RootPaths } from "./paths.js";
import type { Int64AsString } from "./precision.js";
import { ReadResponse } from "./transport/response-body.js";

/** Per-call options of the named operations. */
export interface CallOptions {
  /** Aborts the call. */
  signal?: AbortSignal;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

/**
 * The `error` of a failed call whose body is not a JSON object, as a gateway or a proxy in
 * between may answer (an empty body, an HTML page): its status, and the body as text (JSON
 * that is no object, such as `null`, as written). The service's own errors are `ApiError`s.
 */
export interface ErrorBodyText {
  status: number;
  text: string;
}

/**
 * The outcome of a call, in openapi-fetch's style: `data` on success (`undefined` for
 * the 204 of deletes), `error` on an HTTP error status (the parsed error body, or an
 * `ErrorBodyText` for a body that is no JSON object: `error` is always a value to test),
 * and the raw `response` in both cases.
 */
export type ApiResult<Data> =
  | { data: Data; error?: never; response: Response }
  | { data?: never; error: ApiError | ErrorBodyText; response: Response };

/** The query parameters of a list operation, e.g. `QueryOf<"listEndpoints">`. */
export type QueryOf<Id extends OperationId> = NonNullable<operations[Id]["parameters"]["query"]>;

/** What a successful call of an operation returns in `data` (int64 fields as strings). */
export type DataOf<Id extends OperationId> = operations[Id]["responses"] extends {
  200: { content: { "application/json": infer Data } };
}
  ? Int64AsString<Data>
  : undefined;

/** A call's outcome: `ApiResult`, or, for a client made with `throwOnError`, only the success. */
export type Outcome<Data, Throw extends boolean> = Throw extends true
  ? { data: Data; error?: never; response: Response }
  : ApiResult<Data>;

export type ListEndpointServicesQuery = QueryOf<"listEndpointServices">;
export type ListPublicEndpointServicesQuery = QueryOf<"listPublicEndpointServices">;
export type ListServiceConnectionsQuery = QueryOf<"listServiceConnections">;
export type ListServicePermissionsQuery = QueryOf<"listServicePermissions">;
export type ListEndpointsQuery = QueryOf<"listEndpoints">;
export type GetQuotasQuery = QueryOf<"getQuotas">;

/**
 * One method per operationId. They take bodies as parameters of concrete types, so
 * TypeScript flags misspelt fields (openapi-fetch's generic methods cannot), and they
 * check IDs before sending (`VpcepArgumentError`). `Throw` is true for a client made
 * with `throwOnError`, whose calls resolve only on success.
 */
export interface VpcepOperations<Throw extends boolean = false> {
  /** `GET /`: the versions of the API. */
  listVersions(options?: CallOptions): Promise<Outcome<DataOf<"listVersions">, Throw>>;
  /** `GET /{version}`: one version of the API, e.g. `"v1"`. */
  getVersion(version: string, options?: CallOptions): Promise<Outcome<DataOf<"getVersion">, Throw>>;

  /** `POST /vpc-endpoint-services`: starts creating a service (asynchronous). */
  createEndpointService(body: CreateEndpointServiceRequest, options?: CallOptions): Promise<Outcome<EndpointService, Throw>>;
  /** `GET /vpc-endpoint-services`: one page of your services. */
  listEndpointServices(
    query?: ListEndpointServicesQuery,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"listEndpointServices">, Throw>>;
  /** `GET /vpc-endpoint-services/{id}`: one service. */
  getEndpointService(serviceId: string, options?: CallOptions): Promise<Outcome<EndpointService, Throw>>;
  /** `PUT /vpc-endpoint-services/{id}`: changes a service's settings. */
  updateEndpointService(
    serviceId: string,
    body: UpdateEndpointServiceRequest,
    options?: CallOptions,
  ): Promise<Outcome<EndpointService, Throw>>;
  /** `DELETE /vpc-endpoint-services/{id}`: starts deleting a service (asynchronous). */
  deleteEndpointService(serviceId: string, options?: CallOptions): Promise<Outcome<undefined, Throw>>;
  /** `GET /vpc-endpoint-services/{id}/connections`: the endpoints connected to a service. */
  listServiceConnections(
    serviceId: string,
    query?: ListServiceConnectionsQuery,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"listServiceConnections">, Throw>>;
  /** `POST /vpc-endpoint-services/{id}/connections/action`: accepts or rejects one endpoint. */
  acceptOrRejectConnections(
    serviceId: string,
    body: ConnectionActionRequest,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"acceptOrRejectConnections">, Throw>>;
  /** `GET /vpc-endpoint-services/{id}/permissions`: a service's whitelist. */
  listServicePermissions(
    serviceId: string,
    query?: ListServicePermissionsQuery,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"listServicePermissions">, Throw>>;
  /** `POST /vpc-endpoint-services/{id}/permissions/action`: adds or removes whitelist records. */
  updateServicePermissions(
    serviceId: string,
    body: PermissionActionRequest,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"updateServicePermissions">, Throw>>;
  /** `GET /vpc-endpoint-services/public`: the operator's public services. */
  listPublicEndpointServices(
    query?: ListPublicEndpointServicesQuery,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"listPublicEndpointServices">, Throw>>;
  /** `GET /vpc-endpoint-services/describe`: a service by its full name or ID, anyone's. */
  describeEndpointService(lookup: ServiceLookup, options?: CallOptions): Promise<Outcome<EndpointServiceSummary, Throw>>;

  /** `POST /vpc-endpoints`: starts creating an endpoint (asynchronous). */
  createEndpoint(body: CreateEndpointRequest, options?: CallOptions): Promise<Outcome<Endpoint, Throw>>;
  /** `GET /vpc-endpoints`: one page of your endpoints. */
  listEndpoints(query?: ListEndpointsQuery, options?: CallOptions): Promise<Outcome<DataOf<"listEndpoints">, Throw>>;
  /** `GET /vpc-endpoints/{id}`: one endpoint. */
  getEndpoint(endpointId: string, options?: CallOptions): Promise<Outcome<Endpoint, Throw>>;
  /** `DELETE /vpc-endpoints/{id}`: starts deleting an endpoint (asynchronous). */
  deleteEndpoint(endpointId: string, options?: CallOptions): Promise<Outcome<undefined, Throw>>;

  /** `GET /quotas`: how many services and endpoints the project may have. */
  getQuotas(query?: GetQuotasQuery, options?: CallOptions): Promise<Outcome<DataOf<"getQuotas">, Throw>>;

  /** `POST /{resource_type}/resource_instances/action`: finds or counts resources by tags. */
  listResourcesByTags(
    resourceType: ResourceType,
    body: ResourceInstancesRequest,
    options?: CallOptions,
  ): Promise<Outcome<DataOf<"listResourcesByTags">, Throw>>;
  /** `POST /{resource_type}/{resource_id}/tags/action`: adds or deletes tags of a resource. */
  updateResourceTags(
    resourceType: ResourceType,
    resourceId: string,
    body: TagActionRequest,
    options?: CallOptions,
  ): Promise<Outcome<undefined, Throw>>;
  /** `GET /{resource_type}/tags`: the tag keys used in the project, with their values. */
  listProjectTags(resourceType: ResourceType, options?: CallOptions): Promise<Outcome<DataOf<"listProjectTags">, Throw>>;
}

/** The result of a failed call with an `error` to test: the body when it is a JSON object, else an `ErrorBodyText`. */
function withErrorValue<Result extends { error?: unknown; response: Response }>(result: Result): Result {
  const { error, response } = result;
  if (response.ok || (typeof error === "object" && error !== null && !Array.isArray(error))) return result;
  // The text as it came; a middleware may have answered with a response of its own.
  const text = response instanceof ReadResponse ? response.bodyText() : typeof error === "string" ? error : error === undefined ? "" : JSON.stringify(error);
  return { ...result, error: { status: response.status, text } satisfies ErrorBodyText };
}

/**
 * The named operations. Each one checks its arguments (a `VpcepArgumentError`, by
 * rejecting, before any request) and answers a failed call with an `error` to test.
 */
export function bindOperations(project: Client<ProjectPaths>, root: Client<RootPaths>): VpcepOperations {
  const named: VpcepOperations = {
    listVersions: (options) => root.GET("/", { ...callOptions("listVersions", options) }),
    getVersion: (version, options) =>
      root.GET("/{version}", { ...callOptions("getVersion", options), params: { path: { version: pathId("getVersion", "version", version) } } }),

    createEndpointService: (body, options) => project.POST("/vpc-endpoint-services", { ...callOptions("createEndpointService", options), body }),
    listEndpointServices: (query, options) =>
      project.GET("/vpc-endpoint-services", { ...callOptions("listEndpointServices", options), params: { query: query ?? {} } }),
    getEndpointService: (serviceId, options) =>
      project.GET("/vpc-endpoint-services/{vpc_endpoint_service_id}", {
        ...callOptions("getEndpointService", options),
        params: { path: { vpc_endpoint_service_id: pathId("getEndpointService", "serviceId", serviceId) } },
      }),
    updateEndpointService: (serviceId, body, options) =>
      project.PUT("/vpc-endpoint-services/{vpc_endpoint_service_id}", {
        ...callOptions("updateEndpointService", options),
        params: { path: { vpc_endpoint_service_id: pathId("updateEndpointService", "serviceId", serviceId) } },
        body,
      }),
    deleteEndpointService: (serviceId, options) =>
      project.DELETE("/vpc-endpoint-services/{vpc_endpoint_service_id}", {
        ...callOptions("deleteEndpointService", options),
        params: { path: { vpc_endpoint_service_id: pathId("deleteEndpointService", "serviceId", serviceId) } },
      }),
    listServiceConnections: (serviceId, query, options) =>
      project.GET("/vpc-endpoint-services/{vpc_endpoint_service_id}/connections", {
        ...callOptions("listServiceConnections", options),
        params: {
          path: { vpc_endpoint_service_id: pathId("listServiceConnections", "serviceId", serviceId) },
          query: query ?? {},
        },
      }),
    acceptOrRejectConnections: (serviceId, body, options) =>
      project.POST("/vpc-endpoint-services/{vpc_endpoint_service_id}/connections/action", {
        ...callOptions("acceptOrRejectConnections", options),
        params: { path: { vpc_endpoint_service_id: pathId("acceptOrRejectConnections", "serviceId", serviceId) } },
        body,
      }),
    listServicePermissions: (serviceId, query, options) =>
      project.GET("/vpc-endpoint-services/{vpc_endpoint_service_id}/permissions", {
        ...callOptions("listServicePermissions", options),
        params: {
          path: { vpc_endpoint_service_id: pathId("listServicePermissions", "serviceId", serviceId) },
          query: query ?? {},
        },
      }),
    updateServicePermissions: (serviceId, body, options) =>
      project.POST("/vpc-endpoint-services/{vpc_endpoint_service_id}/permissions/action", {
        ...callOptions("updateServicePermissions", options),
        params: { path: { vpc_endpoint_service_id: pathId("updateServicePermissions", "serviceId", serviceId) } },
        body,
      }),
    listPublicEndpointServices: (query, options) =>
      project.GET("/vpc-endpoint-services/public", { ...callOptions("listPublicEndpointServices", options), params: { query: query ?? {} } }),
    describeEndpointService: (lookup, options) =>
      project.GET("/vpc-endpoint-services/describe", {
        ...callOptions("describeEndpointService", options),
        params: { query: { lookup: serviceLookup("describeEndpointService", lookup) } },
      }),

    createEndpoint: (body, options) => project.POST("/vpc-endpoints", { ...callOptions("createEndpoint", options), body }),
    listEndpoints: (query, options) => project.GET("/vpc-endpoints", { ...callOptions("listEndpoints", options), params: { query: query ?? {} } }),
    getEndpoint: (endpointId, options) =>
      project.GET("/vpc-endpoints/{vpc_endpoint_id}", {
        ...callOptions("getEndpoint", options),
        params: { path: { vpc_endpoint_id: pathId("getEndpoint", "endpointId", endpointId) } },
      }),
    deleteEndpoint: (endpointId, options) =>
      project.DELETE("/vpc-endpoints/{vpc_endpoint_id}", {
        ...callOptions("deleteEndpoint", options),
        params: { path: { vpc_endpoint_id: pathId("deleteEndpoint", "endpointId", endpointId) } },
      }),

    getQuotas: (query, options) => project.GET("/quotas", { ...callOptions("getQuotas", options), params: { query: query ?? {} } }),

    listResourcesByTags: (type, body, options) =>
      project.POST("/{resource_type}/resource_instances/action", {
        ...callOptions("listResourcesByTags", options),
        params: { path: { resource_type: resourceType("listResourcesByTags", type) } },
        body,
      }),
    updateResourceTags: (type, resourceId, body, options) =>
      project.POST("/{resource_type}/{resource_id}/tags/action", {
        ...callOptions("updateResourceTags", options),
        params: {
          path: {
            resource_type: resourceType("updateResourceTags", type),
            resource_id: pathId("updateResourceTags", "resourceId", resourceId),
          },
        },
        body,
      }),
    listProjectTags: (type, options) =>
      project.GET("/{resource_type}/tags", {
        ...callOptions("listProjectTags", options),
        params: { path: { resource_type: resourceType("listProjectTags", type) } },
      }),
  };
  const checked = Object.entries(named).map(([name, call]: [string, (...args: unknown[]) => Promise<{ error?: unknown; response: Response }>]) => [
    name,
    async (...args: unknown[]) => withErrorValue(await call(...args)),
  ]);
  return Object.fromEntries(checked) as VpcepOperations;
}
