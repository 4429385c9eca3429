import type { components, operations } from "@otc-vpcep/types";
import type { Int64AsString } from "./precision.js";

type Schemas = components["schemas"];

/**
 * A VPC endpoint, as the client returns it. `marker_id` is a decimal string: the API sends
 * a 64-bit integer, which a JavaScript number cannot always hold exactly.
 */
export type Endpoint = Int64AsString<Schemas["Endpoint"]>;
/** A VPC endpoint service, as the API returns it. */
export type EndpointService = Schemas["EndpointService"];
/** What anyone may learn about a service (`describeEndpointService`). */
export type EndpointServiceSummary = Schemas["EndpointServiceSummary"];
/** A public service run by the operator (`listPublicEndpointServices`). */
export type PublicEndpointService = Schemas["PublicEndpointService"];
/** An endpoint connected to one of your services, as its owner sees it; `marker_id` is a decimal string. */
export type Connection = Int64AsString<Schemas["Connection"]>;
/** A whitelist record of a service. */
export type Permission = Schemas["Permission"];
/** A quota of the project. */
export type Quota = Schemas["Quota"];
/** A version of the API. */
export type Version = Schemas["Version"];
/** The body of `createEndpoint`. */
export type CreateEndpointRequest = Schemas["CreateEndpointRequest"];
/** The body of `createEndpointService`. */
export type CreateEndpointServiceRequest = Schemas["CreateEndpointServiceRequest"];
/** The body of `updateEndpointService`. */
export type UpdateEndpointServiceRequest = Schemas["UpdateEndpointServiceRequest"];
/** The body of `acceptOrRejectConnections`. */
export type ConnectionActionRequest = Schemas["ConnectionActionRequest"];
/** The body of `updateServicePermissions`. */
export type PermissionActionRequest = Schemas["PermissionActionRequest"];
/** The body of `listResourcesByTags`. */
export type ResourceInstancesRequest = Schemas["ResourceInstancesRequest"];
/** The body of `updateResourceTags`: add (`create`) or delete tags. */
export type TagActionRequest = Schemas["TagActionRequest"];
/** The error body of a failed call: `{error_code, error_msg}` or the older `{error: {code, message}}`. */
export type ApiError = Schemas["Error"];
/** The error codes VPCEP documents. */
export type KnownErrorCode = Schemas["KnownErrorCode"];
/** Why a resource is `failed`. */
export type ResourceError = Schemas["ResourceError"];
export type Tag = Schemas["Tag"];
export type PortMapping = Schemas["PortMapping"];
export type PolicyStatement = Schemas["PolicyStatement"];
export type EndpointStatus = Schemas["EndpointStatus"];
export type EndpointServiceStatus = Schemas["EndpointServiceStatus"];
export type ServiceType = Schemas["ServiceType"];
export type ServerType = Schemas["ServerType"];
export type TcpProxy = Schemas["TcpProxy"];
export type ActiveStatus = Schemas["ActiveStatus"];
export type ResourceType = Schemas["ResourceType"];
export type QuotaType = Schemas["QuotaType"];

/** The operationIds of the API, e.g. `"createEndpoint"`. */
export type OperationId = keyof operations;
