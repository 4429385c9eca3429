import type { components, operations } from "@otc-vpcep/types";

type Schemas = components["schemas"];

/** A VPC endpoint, as the API returns it. */
export type Endpoint = Schemas["Endpoint"];
/** A VPC endpoint service, as the API returns it. */
export type EndpointService = Schemas["EndpointService"];
/** The body of `POST /vpc-endpoints` (operation `createEndpoint`). */
export type CreateEndpointRequest = Schemas["CreateEndpointRequest"];
/** The body of `POST /vpc-endpoint-services` (operation `createEndpointService`). */
export type CreateEndpointServiceRequest = Schemas["CreateEndpointServiceRequest"];
/** The error body of a failed call: `error_code` (e.g. `EndPoint.0002`) and `error_msg`. */
export type ApiError = Schemas["Error"];
export type Tag = Schemas["Tag"];
export type PortMapping = Schemas["PortMapping"];
export type EndpointStatus = Schemas["EndpointStatus"];
export type EndpointServiceStatus = Schemas["EndpointServiceStatus"];
export type ServiceType = Schemas["ServiceType"];
export type ServerType = Schemas["ServerType"];
export type TcpProxy = Schemas["TcpProxy"];
export type ActiveStatus = Schemas["ActiveStatus"];

/** The operationIds of the API, e.g. `"createEndpoint"`. */
export type OperationId = keyof operations;
