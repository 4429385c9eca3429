/** Prism's findings as the `sl-violations` header lists them, and in the message of a refusal. */
import { asciiJson, type ServiceErrorBody } from "./service-errors.js";

export interface Diagnostic {
  path?: readonly (string | number)[];
  code?: string | number;
  message: string;
  /** 0 error, 1 warning, 2 information, 3 hint (`DiagnosticSeverity`). */
  severity: number;
}

export interface Violation {
  location: string[];
  severity: "Error" | "Warning" | "Information" | "Hint";
  code: string | number | undefined;
  message: string;
}

const SEVERITIES = ["Error", "Warning", "Information", "Hint"] as const;
/** Prism's own limit, below Node's 16 KiB for all headers together. */
const MAX_HEADER_LENGTH = 8 * 1024 - 100;

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 0;
}

/** A finding located under `request` or `response`, as Prism's server reports it. */
export function violation(diagnostic: Diagnostic, part: "request" | "response"): Violation {
  return {
    location: [part, ...(diagnostic.path ?? []).map(String)],
    severity: SEVERITIES[diagnostic.severity] ?? "Hint",
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

/** The header's value: JSON in printable ASCII, cut (and said so) past Prism's limit. */
export function violationsHeader(violations: readonly Violation[]): string {
  const value = asciiJson(violations);
  return value.length > MAX_HEADER_LENGTH ? `Too many violations! ${value.slice(0, MAX_HEADER_LENGTH)}` : value;
}

/**
 * An error body whose message also names what broke the spec, each violation as its place and its
 * rule: `"Parameter error. request.body Request body must have required property 'vpc_id'."`.
 * The mock's 400 for an invalid request and the proxy's refusal of one both say it so.
 */
export function withViolations(body: ServiceErrorBody, violations: readonly Violation[]): ServiceErrorBody {
  const described = violations.map((each) => `${each.location.join(".")} ${each.message}`).join("; ");
  return { ...body, error_msg: `${body.error_msg} ${described}.` };
}
