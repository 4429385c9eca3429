/**
 * Routes a request to an operation of the spec by its method and path template. Literal
 * segments win over parameters (`/vpc-endpoint-services/public` before
 * `/vpc-endpoint-services/{id}`), so no path table is written by hand.
 */
import type { SpecOperation } from "./spec.js";

type Segment = { literal: string } | { parameter: string };

interface Template {
  segments: Segment[];
  /**
   * For a template of parameters only (`/{version}`), which would otherwise take every
   * path of its length: the patterns its parameters must match to be this route.
   */
  patterns: Map<string, RegExp> | undefined;
  /** By method. */
  operations: Map<string, SpecOperation>;
}

export type RouteMatch =
  | { kind: "operation"; operation: SpecOperation; pathParams: Record<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" }
  | { kind: "bad-path"; message: string };

function parseTemplate(path: string): Segment[] {
  return path
    .split("/")
    .slice(1)
    .map((part) => {
      const parameter = /^\{([^{}]+)\}$/.exec(part);
      return parameter?.[1] === undefined ? { literal: part } : { parameter: parameter[1] };
    });
}

function parameterPatterns(operation: SpecOperation): Map<string, RegExp> {
  const patterns = new Map<string, RegExp>();
  for (const parameter of operation.parameters) {
    const pattern = parameter.schema["pattern"];
    if (parameter.in === "path" && typeof pattern === "string") patterns.set(parameter.name, new RegExp(pattern, "u"));
  }
  return patterns;
}

/** Literal before parameter, position by position: the more specific template first. */
function compareTemplates(a: Template, b: Template): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const aLiteral = "literal" in a.segments[i]!;
    const bLiteral = "literal" in b.segments[i]!;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

export class Router {
  /** Templates by number of segments, most specific first. */
  private readonly bySize = new Map<number, Template[]>();

  constructor(operations: readonly SpecOperation[]) {
    const templates = new Map<string, Template>();
    for (const operation of operations) {
      let template = templates.get(operation.path);
      if (template === undefined) {
        const segments = parseTemplate(operation.path);
        const onlyParameters = segments.every((segment) => "parameter" in segment);
        template = { segments, operations: new Map(), patterns: onlyParameters ? parameterPatterns(operation) : undefined };
        templates.set(operation.path, template);
      }
      template.operations.set(operation.method, operation);
    }
    for (const template of templates.values()) {
      const list = this.bySize.get(template.segments.length) ?? [];
      list.push(template);
      this.bySize.set(template.segments.length, list);
    }
    for (const list of this.bySize.values()) list.sort(compareTemplates);
  }

  /** `pathname` as sent (still percent-encoded), without the query. */
  match(method: string, pathname: string): RouteMatch {
    const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
    const parts = trimmed === "/" ? [""] : trimmed.split("/").slice(1);
    const candidates = this.bySize.get(parts.length) ?? [];
    const allow = new Set<string>();
    for (const template of candidates) {
      const pathParams: Record<string, string> = {};
      let matches = true;
      for (let i = 0; i < parts.length && matches; i++) {
        const segment = template.segments[i]!;
        const part = parts[i]!;
        if ("literal" in segment) {
          matches = segment.literal === part;
        } else if (part === "") {
          matches = false;
        } else {
          try {
            pathParams[segment.parameter] = decodeURIComponent(part);
          } catch {
            return { kind: "bad-path", message: `path parameter "${segment.parameter}" is not valid percent-encoding (rule: RFC 3986)` };
          }
          const pattern = template.patterns?.get(segment.parameter);
          if (pattern !== undefined && !pattern.test(pathParams[segment.parameter]!)) matches = false;
        }
      }
      if (!matches) continue;
      const operation = template.operations.get(method) ?? (method === "HEAD" ? template.operations.get("GET") : undefined);
      if (operation !== undefined) return { kind: "operation", operation, pathParams };
      for (const known of template.operations.keys()) allow.add(known);
    }
    return allow.size > 0 ? { kind: "method-not-allowed", allow: [...allow].sort() } : { kind: "not-found" };
  }
}
