/** The rules of every operation, by operationId. A spec operation without one answers 501. */
import type { Handler } from "../world.js";
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints } from "./endpoints.js";
import { getQuotas } from "./quotas.js";
import {
  acceptOrRejectConnections,
  createEndpointService,
  deleteEndpointService,
  describeEndpointService,
  getEndpointService,
  listEndpointServices,
  listPublicEndpointServices,
  listServiceConnections,
  listServicePermissions,
  updateEndpointService,
  updateServicePermissions,
} from "./services.js";
import { listProjectTags, listResourcesByTags, updateResourceTags } from "./tags.js";
import { getVersion, listVersions } from "./versions.js";

export const HANDLERS: Readonly<Record<string, Handler>> = {
  listVersions,
  getVersion,
  createEndpointService,
  listEndpointServices,
  listPublicEndpointServices,
  describeEndpointService,
  getEndpointService,
  updateEndpointService,
  deleteEndpointService,
  listServiceConnections,
  acceptOrRejectConnections,
  listServicePermissions,
  updateServicePermissions,
  createEndpoint,
  listEndpoints,
  getEndpoint,
  deleteEndpoint,
  getQuotas,
  listResourcesByTags,
  updateResourceTags,
  listProjectTags,
};
