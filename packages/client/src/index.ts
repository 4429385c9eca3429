export { VpcepArgumentError, type ServiceLookup } from "./arguments.js";
export { canonicalQuery, canonicalUri, signRequest, type AkSkCredentials, type SignOptions } from "./auth/signing.js";
export type { TokenProvider } from "./auth/token.js";
export { createVpcepClient, type VpcepClient } from "./client.js";
export {
  VpcepAbortError,
  VpcepApiError,
  VpcepConfigError,
  VpcepError,
  VpcepNetworkError,
  VpcepRedirectError,
  VpcepResponseError,
  VpcepTimeoutError,
  VpcepWaitError,
  type ContractViolation,
  type ErrorCode,
} from "./errors.js";
export type {
  ApiResult,
  CallOptions,
  ErrorBodyText,
  DataOf,
  GetQuotasQuery,
  ListEndpointServicesQuery,
  ListEndpointsQuery,
  ListPublicEndpointServicesQuery,
  ListServiceConnectionsQuery,
  ListServicePermissionsQuery,
  Outcome,
  QueryOf,
  VpcepOperations,
} from "./operations.js";
export type { VpcepClientOptions } from "./options.js";
export type { FetchFunction } from "./transport/policy.js";
export type { Collectors, Paginators } from "./paging.js";
export type { ProjectPaths, RootPaths } from "./paths.js";
export type { Int64AsString } from "./precision.js";
export { REGIONS, type Region } from "./regions.js";
export { parseTimestamp } from "./timestamps.js";
export type { RetryOptions, TimeoutOptions } from "./retry.js";
export type { LogEntry, Logger } from "./transport/log.js";
export type { ConnectionTarget, WaitOptions, WaitResult, WaitState, Waiters } from "./waiters.js";
export type * from "./models.js";
