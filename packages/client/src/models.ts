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

/**
 * A value of an open enum: one of the documented values (autocompleted), or another
 * string, since the service may report values the reference does not list yet. (The
 * generated types spell these `string`: openapi-fetch's `Readable` flattens `string & {}`,
 * openapi-ts/openapi-typescript#2765.)
 */
export type OpenEnum<Known extends string> = Known | (string & {});

/** The states of an endpoint (and of a connection) that the reference documents. */
export type KnownEndpointStatus = Schemas["KnownEndpointStatus"];
/** The states of a service that the reference documents. */
export type KnownEndpointServiceStatus = Schemas["KnownEndpointServiceStatus"];
/** The service types that the reference documents; requests accept only these. */
export type KnownServiceType = Schemas["KnownServiceType"];
/** The backend types that the reference documents; requests accept only these. */
export type KnownServerType = Schemas["KnownServerType"];
/** The `tcp_proxy` settings that the reference documents; requests accept only these. */
export type KnownTcpProxy = Schemas["KnownTcpProxy"];
/** The port protocols that the reference documents (`TCP`); requests accept only these. */
export type KnownPortProtocol = Schemas["KnownPortProtocol"];
/** The account states that the reference documents. */
export type KnownActiveStatus = Schemas["KnownActiveStatus"];
/** The quota kinds that the reference documents; the `type` filter accepts only these. */
export type KnownQuotaType = Schemas["KnownQuotaType"];

/** The state of an endpoint as the API reports it. */
export type EndpointStatus = OpenEnum<KnownEndpointStatus>;
/** The state of a service as the API reports it. */
export type EndpointServiceStatus = OpenEnum<KnownEndpointServiceStatus>;
export type ServiceType = OpenEnum<KnownServiceType>;
export type ServerType = OpenEnum<KnownServerType>;
export type TcpProxy = OpenEnum<KnownTcpProxy>;
export type PortProtocol = OpenEnum<KnownPortProtocol>;
export type ActiveStatus = OpenEnum<KnownActiveStatus>;
export type QuotaType = OpenEnum<KnownQuotaType>;
export type ResourceType = Schemas["ResourceType"];

/** The operationIds of the API, e.g. `"createEndpoint"`. */
export type OperationId = keyof operations;
