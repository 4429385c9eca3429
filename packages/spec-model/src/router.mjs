/**
 * Routes a request to an operation of the spec by its method and path template. Literal
 * segments win over parameters, position by position (`/vpc-endpoint-services/public` before
 * `/vpc-endpoint-services/{id}`), so that no path table is written by hand.
 */

/**
 * @typedef {import("./router.d.mts").RoutableOperation} RoutableOperation
 * @typedef {{ literal: string } | { parameter: string }} Segment
 */

/**
 * @template {RoutableOperation} T
 * @typedef {{ segments: Segment[], patterns: Map<string, RegExp> | undefined, operations: Map<string, T> }} Template
 */

/** @param {string} path @returns {Segment[]} */
function parseTemplate(path) {
  return path
    .split("/")
    .slice(1)
    .map((part) => {
      const parameter = /^\{([^{}]+)\}$/.exec(part);
      return parameter?.[1] === undefined ? { literal: part } : { parameter: parameter[1] };
    });
}

/**
 * For a template of parameters only (`/{version}`), which would otherwise take every path of
 * its length: the patterns its parameters must match to be this route.
 * @param {RoutableOperation} operation
 * @returns {Map<string, RegExp>}
 */
function parameterPatterns(operation) {
  /** @type {Map<string, RegExp>} */
  const patterns = new Map();
  for (const parameter of operation.parameters) {
    const pattern = typeof parameter.schema === "object" ? parameter.schema["pattern"] : undefined;
    if (parameter.in === "path" && typeof pattern === "string") patterns.set(parameter.name, new RegExp(pattern, "u"));
  }
  return patterns;
}

/**
 * Literal before parameter, position by position: the more specific template first.
 * @param {{ segments: Segment[] }} a
 * @param {{ segments: Segment[] }} b
 */
function compareTemplates(a, b) {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const aLiteral = "literal" in /** @type {Segment} */ (a.segments[i]);
    const bLiteral = "literal" in /** @type {Segment} */ (b.segments[i]);
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

/**
 * @template {RoutableOperation} T
 * @param {readonly T[]} operations
 * @param {import("./router.d.mts").RouterOptions} [options]
 * @returns {import("./router.d.mts").Router<T>}
 */
export function createRouter(operations, { parameterPatterns: usePatterns = true } = {}) {
  /** @type {Map<string, Template<T>>} */
  const templates = new Map();
  for (const operation of operations) {
    let template = templates.get(operation.path);
    if (template === undefined) {
      const segments = parseTemplate(operation.path);
      const onlyParameters = segments.every((segment) => "parameter" in segment);
      template = { segments, operations: new Map(), patterns: onlyParameters && usePatterns ? parameterPatterns(operation) : undefined };
      templates.set(operation.path, template);
    }
    template.operations.set(operation.method.toUpperCase(), operation);
  }
  /** Templates by number of segments, most specific first. @type {Map<number, Template<T>[]>} */
  const bySize = new Map();
  for (const template of templates.values()) {
    const list = bySize.get(template.segments.length) ?? [];
    list.push(template);
    bySize.set(template.segments.length, list);
  }
  for (const list of bySize.values()) list.sort(compareTemplates);

  return {
    match(method, pathname) {
      const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
      const parts = trimmed === "/" ? [""] : trimmed.split("/").slice(1);
      /** @type {Set<string>} */
      const allow = new Set();
      for (const template of bySize.get(parts.length) ?? []) {
        /** @type {Record<string, string>} */
        const pathParams = {};
        let matches = true;
        for (let i = 0; i < parts.length && matches; i++) {
          const segment = /** @type {Segment} */ (template.segments[i]);
          const part = /** @type {string} */ (parts[i]);
          if ("literal" in segment) {
            matches = segment.literal === part;
          } else if (part === "") {
            matches = false;
          } else {
            let value;
            try {
              value = decodeURIComponent(part);
            } catch {
              return { kind: "bad-path", message: `path parameter "${segment.parameter}" is not valid percent-encoding (rule: RFC 3986)` };
            }
            pathParams[segment.parameter] = value;
            const pattern = template.patterns?.get(segment.parameter);
            if (pattern !== undefined && !pattern.test(value)) matches = false;
          }
        }
        if (!matches) continue;
        const operation = template.operations.get(method) ?? (method === "HEAD" ? template.operations.get("GET") : undefined);
        if (operation !== undefined) return { kind: "operation", operation, pathParams };
        for (const known of template.operations.keys()) allow.add(known);
      }
      return allow.size > 0 ? { kind: "method-not-allowed", allow: [...allow].sort() } : { kind: "not-found" };
    },
  };
}
