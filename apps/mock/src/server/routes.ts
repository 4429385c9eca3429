/**
 * The spec's operations as our layer needs them: which operation a request path and
 * method name, which path parameter a segment of the path is, and the named examples
 * of each response. Prism routes the request itself; this only serves our own checks
 * and messages, which must not depend on Prism getting that far.
 */

/** What we read of an operation that Prism's `getHttpOperationsFromSpec` returns. */
export interface OperationShape {
  method: string;
  path: string;
  iid?: string;
  responses: readonly {
    code: string;
    contents?: readonly { mediaType: string; examples?: readonly { key: string; value?: unknown }[] }[];
  }[];
}

export interface Route<Operation extends OperationShape = OperationShape> {
  operation: Operation;
  /** The template's segments: a literal, or `{ param }` for a path parameter. */
  segments: readonly (string | { param: string })[];
  literals: number;
}

export function toRoutes<Operation extends OperationShape>(operations: readonly Operation[]): Route<Operation>[] {
  return operations.map((operation) => {
    const segments = operation.path
      .split("/")
      .slice(1)
      .map((segment) => {
        const param = /^\{([^}]+)\}$/.exec(segment)?.[1];
        return param === undefined ? segment : { param };
      });
    return { operation, segments, literals: segments.filter((segment) => typeof segment === "string").length };
  });
}

/** The raw (still percent-encoded) segments of a path: `/v1/p/x` → `["v1", "p", "x"]`. */
export function rawSegments(pathname: string): string[] {
  return pathname.split("/").slice(1);
}

/**
 * The routes whose template fits these raw segments, most literal segments first (as
 * Prism prefers `/services/public` over `/services/{id}`). A parameter segment fits any
 * raw text, decodable or not, so that a broken escape can still be named.
 */
export function matchingRoutes<Operation extends OperationShape>(
  routes: readonly Route<Operation>[],
  segments: readonly string[],
  method?: string,
): Route<Operation>[] {
  return routes
    .filter(
      (route) =>
        (method === undefined || route.operation.method.toLowerCase() === method.toLowerCase()) &&
        route.segments.length === segments.length &&
        route.segments.every((segment, index) => typeof segment !== "string" || segment === segments[index]),
    )
    .sort((a, b) => b.literals - a.literals);
}

/** The operation's name for messages: its operationId, or `METHOD /path`. */
export function operationName(operation: OperationShape): string {
  return operation.iid ?? `${operation.method.toUpperCase()} ${operation.path}`;
}

type Response = OperationShape["responses"][number];

/** The response Prism answers with when no status is asked for: the lowest 2xx (or 2XX), else `default`, else the first. */
export function defaultResponse(operation: OperationShape): Response | undefined {
  const success = operation.responses.filter((response) => /^2(\d\d|XX)$/.test(response.code)).sort((a, b) => a.code.localeCompare(b.code));
  return success[0] ?? operation.responses.find((response) => response.code === "default") ?? operation.responses[0];
}

/** The response Prism answers a preferred status with: that code, else its range (`5XX`), else `default`. */
export function responseForStatus(operation: OperationShape, status: number): Response | undefined {
  const code = String(status);
  return (
    operation.responses.find((response) => response.code.toLowerCase() === code) ??
    operation.responses.find((response) => response.code === `${code.charAt(0)}XX`) ??
    operation.responses.find((response) => response.code === "default")
  );
}

/** The names of a response's examples (of its JSON content, else its first content with examples). */
export function exampleNames(response: OperationShape["responses"][number]): string[] {
  const contents = response.contents ?? [];
  const content = contents.find((each) => /json/i.test(each.mediaType) && (each.examples?.length ?? 0) > 0) ??
    contents.find((each) => (each.examples?.length ?? 0) > 0);
  return (content?.examples ?? []).map((example) => example.key);
}

/** The first example value of a response with this status, if the spec gives one. */
export function firstExampleValue(operation: OperationShape, code: string): unknown {
  const response = operation.responses.find((each) => each.code === code);
  const content = response?.contents?.find((each) => (each.examples?.length ?? 0) > 0);
  return content?.examples?.[0]?.value;
}
