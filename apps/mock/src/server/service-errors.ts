/**
 * The answers our layer gives itself, in the service's error format
 * (`{"error_code":"EndPoint.xxxx","error_msg":"..."}`), so that a client reads a code
 * whatever refused the request.
 */
export interface ServiceErrorBody {
  error_code: string;
  error_msg: string;
}

/** Whether a value is a body in the service's error format. */
export function isServiceErrorBody(value: unknown): value is ServiceErrorBody {
  return typeof value === "object" && value !== null && typeof (value as ServiceErrorBody).error_code === "string" &&
    typeof (value as ServiceErrorBody).error_msg === "string";
}

/** The service's message for EndPoint.0002, which our own refusals extend. */
export const PARAMETER_ERROR = "Parameter error.";

/** A refusal or failure with the status and body to answer it with. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly status: number;
  readonly body: ServiceErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: ServiceErrorBody, headers: Readonly<Record<string, string>> = {}) {
    super(body.error_msg);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** 400 EndPoint.0002: "Parameter error. <what is wrong, naming the field and the rule>". */
export function parameterError(detail: string, headers: Readonly<Record<string, string>> = {}): ServiceError {
  return new ServiceError(400, { error_code: "EndPoint.0002", error_msg: `${PARAMETER_ERROR} ${detail}` }, headers);
}

/** 504 EndPoint.0013, the service's timeout. */
export function timeoutError(status = 504): ServiceError {
  return new ServiceError(status, { error_code: "EndPoint.0013", error_msg: "The request timed out." });
}

/** 500 EndPoint.0001, the service's system error: something broke on our side, not in the request. */
export function systemError(status = 500): ServiceError {
  return new ServiceError(status, { error_code: "EndPoint.0001", error_msg: "System error. Please retry." });
}

/**
 * A header value that Node accepts whatever the text holds: JSON whose characters outside
 * printable ASCII are written as \u escapes (still the same JSON).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
