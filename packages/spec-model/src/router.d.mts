import type { Schema } from "./index.d.mts";

/** What the router reads of an operation: spec-model's `Operation`, or a type that extends it with the same fields. */
export interface RoutableOperation {
  /** In either case: routes are kept by the upper-case method. */
  method: string;
  /** The path template, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`. */
  path: string;
  parameters: readonly { name: string; in: string; schema: Schema }[];
}

export type RouteMatch<T> =
  /** `pathParams` are decoded. */
  | { kind: "operation"; operation: T; pathParams: Record<string, string> }
  /** The path is an operation's, the method is not: `allow` lists the methods it has (upper case). */
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" }
  /** A path parameter is not valid percent-encoding; the message names it and the rule. */
  | { kind: "bad-path"; message: string };

export interface Router<T> {
  /**
   * The operation that `method` (upper case, as HTTP sends it; `HEAD` falls back to `GET`) and
   * `pathname` (as sent, still percent-encoded, without the query; one trailing `/` is ignored) address.
   * A segment that is not valid percent-encoding is `bad-path` as soon as a template of the path's
   * length would take it as a parameter.
   */
  match(method: string, pathname: string): RouteMatch<T>;
}

export interface RouterOptions {
  /**
   * Whether a template of parameters only (`/{version}`) takes a path only where its parameters'
   * `pattern`s match (the default, as a server answers: `/favicon.ico` is no version), or every path
   * of its length (`false`: the operation a request was meant for, ignoring the patterns as Prism does).
   */
  parameterPatterns?: boolean;
}

/**
 * Routes requests to `operations` by path template: literal segments win over parameters,
 * position by position, and a template of parameters only (`/{version}`) takes a path only
 * where its parameters' `pattern`s match, unless `parameterPatterns` is false.
 */
export declare function createRouter<T extends RoutableOperation>(operations: readonly T[], options?: RouterOptions): Router<T>;
