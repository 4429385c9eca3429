/**
 * The error answers of the emulator: the service's body `{"error_code", "error_msg"}`
 * with the documented code and HTTP status (reference section 4), and the API gateway's
 * `APIGW.*` body for authentication failures.
 */

/** A service error body, as the API sends it. */
export interface ErrorBody {
  error_code: string;
  error_msg: string;
}

/** Thrown inside a handler: answered as `status` with the error body. */
export class ApiFailure extends Error {
  override readonly name = "ApiFailure";
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  get body(): ErrorBody {
    return { error_code: this.code, error_msg: this.message };
  }
}

/** The documented codes the emulator answers with, by the rule that they report. */
export const Codes = {
  system: "EndPoint.0001",
  parameter: "EndPoint.0002",
  notFound: "EndPoint.0005",
  invalidLimit: "EndPoint.0006",
  invalidOffset: "EndPoint.0010",
  invalidSortKey: "EndPoint.0017",
  invalidSortDir: "EndPoint.0018",
  invalidStatus: "EndPoint.0019",
  quotaExceeded: "Endpoint.1018",
  serviceMissing: "EndPoint.2003",
  serviceUnavailable: "EndPoint.2004",
  endpointNotFound: "EndPoint.2006",
  noPermission: "EndPoint.2012",
  notOfService: "EndPoint.2013",
  onlyOneEndpoint: "EndPoint.2031",
  portIpInUse: "EndPoint.2042",
  portIpNotInSubnet: "EndPoint.2043",
  endpointWhitelistFull: "EndPoint.2045",
  serviceInUse: "EndPoint.3006",
  portsConflict: "EndPoint.3044",
  stateForbidsChange: "EndPoint.3045",
  invalidPermission: "EndPoint.3002",
  whitelistFull: "EndPoint.3049",
  tagEmpty: "EndPoint.3066",
  tagKeyDuplicated: "EndPoint.3067",
  tooManyTags: "EndPoint.3069",
  invalidResourceType: "EndPoint.3070",
  endpointFrozenState: "EndPoint.2047",
} as const;

/** The API gateway's code for a request whose IAM credentials are missing or wrong. */
export const GATEWAY_AUTH_CODE = "APIGW.0301";

export const notFound = (what: string, id: string): ApiFailure =>
  new ApiFailure(404, Codes.notFound, `The requested resource does not exist: ${what} ${JSON.stringify(id)}.`);

export const endpointNotFound = (id: string): ApiFailure =>
  new ApiFailure(404, Codes.endpointNotFound, `The requested endpoint does not exist: ${JSON.stringify(id)}.`);

export const badRequest = (code: string, message: string): ApiFailure => new ApiFailure(400, code, message);

export const unauthorized = (reason: string): ApiFailure =>
  new ApiFailure(401, GATEWAY_AUTH_CODE, `Incorrect IAM authentication information: ${reason}`);
