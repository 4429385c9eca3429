/**
 * Prism's spec reader (@stoplight/http-spec) gives every `format: int64` schema the range
 * of a JavaScript safe integer, ±(2^53 − 1). That is a limit of JavaScript numbers, not of
 * the API: the service sends `marker_id` values such as 422321321312321321 (the reference's
 * own example), and the proxy would refuse every such answer. This takes the added range
 * away again, keeping any `minimum` or `maximum` the spec itself writes.
 */
type Node = Record<string, unknown>;

const ADDED_BOUNDS = [
  ["minimum", Number.MIN_SAFE_INTEGER],
  ["maximum", Number.MAX_SAFE_INTEGER],
] as const;

export function withoutSafeIntegerRange<T>(operations: T): T {
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const node = value as Node;
    if (node["format"] === "int64") {
      const explicit = (node["x-stoplight"] as { explicitProperties?: string[] } | undefined)?.explicitProperties ?? [];
      for (const [keyword, bound] of ADDED_BOUNDS) {
        if (node[keyword] === bound && !explicit.includes(keyword)) delete node[keyword];
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(operations);
  return operations;
}
