export { VpcepArgumentError, type ServiceLookup } from "./arguments.js";
export { createVpcepClient, type VpcepClient } from "./client.js";
export { VpcepConfigError } from "./errors.js";
export type {
  ApiResult,
  CallOptions,
  DataOf,
  GetQuotasQuery,
  ListEndpointServicesQuery,
  ListEndpointsQuery,
  ListPublicEndpointServicesQuery,
  ListServiceConnectionsQuery,
  ListServicePermissionsQuery,
  QueryOf,
  VpcepOperations,
} from "./operations.js";
export type { FetchFunction, VpcepClientOptions } from "./options.js";
export type { ProjectPaths, RootPaths } from "./paths.js";
export { REGIONS, type Region } from "./regions.js";
export type * from "./models.js";
