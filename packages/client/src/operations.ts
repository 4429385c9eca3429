import type { Client } from "openapi-fetch";
import type {
  ApiError,
  CreateEndpointRequest,
  CreateEndpointServiceRequest,
  Endpoint,
  EndpointService,
} from "./models.js";
import type { ProjectPaths } from "./paths.js";

/** Per-call options of the named operations. */
export interface CallOptions {
  /** Aborts the call. */
  signal?: AbortSignal;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

/**
 * The outcome of a call, in openapi-fetch's style: `data` on success, `error` (the
 * parsed error body) on an HTTP error status, and the raw `response` in both cases.
 */
export type ApiResult<Data> =
  | { data: Data; error?: never; response: Response }
  | { data?: never; error: ApiError; response: Response };

/**
 * One method per operationId. Unlike openapi-fetch's generic `POST`, these take the
 * body as a parameter of a concrete type, so TypeScript flags misspelt fields.
 */
export interface VpcepOperations {
  /** `POST /v1/{project_id}/vpc-endpoints`: starts creating an endpoint (asynchronous). */
  createEndpoint(body: CreateEndpointRequest, options?: CallOptions): Promise<ApiResult<Endpoint>>;
  /** `POST /v1/{project_id}/vpc-endpoint-services`: starts creating a service (asynchronous). */
  createEndpointService(
    body: CreateEndpointServiceRequest,
    options?: CallOptions,
  ): Promise<ApiResult<EndpointService>>;
}

export function bindOperations(client: Client<ProjectPaths>): VpcepOperations {
  return {
    createEndpoint: (body, options) => client.POST("/vpc-endpoints", { ...options, body }),
    createEndpointService: (body, options) => client.POST("/vpc-endpoint-services", { ...options, body }),
  };
}
