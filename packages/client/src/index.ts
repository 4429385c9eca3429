export { createVpcepClient, type VpcepClient } from "./client.js";
export { VpcepConfigError } from "./errors.js";
export type { ApiResult, CallOptions, VpcepOperations } from "./operations.js";
export type { FetchFunction, VpcepClientOptions } from "./options.js";
export type { ProjectPaths } from "./paths.js";
export { REGIONS, type Region } from "./regions.js";
export type * from "./models.js";
