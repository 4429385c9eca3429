// What an Arazzo step reads, checks and does when its checks fail, in words: its runtime expressions
// (`$response.body#/id` is the body's `id`), its success criteria (status conditions, conditions on
// the body, JSONPath filters) and its actions (a retry: every `retryAfter` seconds, at most
// `retryLimit` times; a jump to another step; the end). A condition of another form is quoted as it
// is written, so nothing is ever left out.
import { readablePath } from "@otc-vpcep/spec-model";

/**
 * @typedef {import("./arazzo.mjs").Criterion} Criterion
 * @typedef {import("./arazzo.mjs").FailureAction} FailureAction
 * @typedef {import("./arazzo.mjs").SuccessAction} SuccessAction
 */

/** @type {Record<string, string>} */
const COMPARISONS = {
  "==": "is",
  "!=": "is not",
  ">=": "is at least",
  "<=": "is at most",
  ">": "is more than",
  "<": "is less than",
};
const COMPARISON = /^(.+?)\s*(==|!=|>=|<=|>|<)\s*(.+)$/;

/**
 * A JSON pointer as a path to read: `/connections/0/status` is `connections[0].status`.
 * @param {string} pointer
 * @returns {string}
 */
export function pointerPath(pointer) {
  return readablePath(pointer);
}

/**
 * A literal of a condition: a quoted string as code, a number or boolean as it is.
 * @param {string} literal
 * @returns {string}
 */
function value(literal) {
  const quoted = /^'(.*)'$/.exec(literal) ?? /^"(.*)"$/.exec(literal);
  return quoted === null ? literal : `\`${quoted[1]}\``;
}

/**
 * A runtime expression as what it reads (`$response.body#/id` is the body's `id`, `$steps.a.outputs.b`
 * is `b` of step `a`), or undefined when it is of no form known here.
 * @param {string} expression
 * @returns {string | undefined}
 */
function subject(expression) {
  if (expression === "$statusCode") return "the status";
  const body = /^\$response\.body#(\/.*)$/.exec(expression);
  if (body !== null) return `the body's \`${pointerPath(body[1] ?? "")}\``;
  if (expression === "$response.body") return "the body";
  const header = /^\$response\.header\.(.+)$/.exec(expression);
  if (header !== null) return `the header \`${header[1]}\``;
  const output = /^\$steps\.([^.]+)\.outputs\.(.+)$/.exec(expression);
  if (output !== null) return `\`${output[2]}\` of step \`${output[1]}\``;
  const input = /^\$inputs\.(.+)$/.exec(expression);
  if (input !== null) return `the input \`${input[1]}\``;
  return undefined;
}

/**
 * A runtime expression in words, or quoted as it is written.
 * @param {string} expression
 * @returns {string}
 */
export function describeExpression(expression) {
  return subject(expression.trim()) ?? `\`${expression}\``;
}

/**
 * A comparison in words, or undefined when it is of no form known here.
 * @param {string} condition
 * @param {(left: string) => string | undefined} read what the left side reads
 * @returns {string | undefined}
 */
function comparison(condition, read) {
  const match = COMPARISON.exec(condition.trim());
  if (match === null) return undefined;
  const [, left = "", operator = "", right = ""] = match;
  const what = read(left.trim());
  return what === undefined ? undefined : `${what} ${COMPARISONS[operator]} ${value(right.trim())}`;
}

// A JSONPath filter on the body in words, or undefined when it is of another form: one term
// (a field that exists, or a field compared with a literal), or several joined by all || or all &&.
/**
 * @param {string} condition
 * @returns {string | undefined}
 */
function filter(condition) {
  const expression = /^\$\[\?\s*(.+?)\s*\]$/.exec(condition.trim())?.[1];
  if (expression === undefined) return undefined;
  const joins = expression.includes("||") ? "||" : "&&";
  if (expression.includes("||") && expression.includes("&&")) return undefined;
  const terms = expression.split(joins).map((term) => term.trim());
  const field = (/** @type {string} */ path) => (/^@\.([\w.]+)$/.test(path) ? path.slice(2) : undefined);
  /** @type {Array<{ field: string, operator?: string, right?: string }>} */
  const parsed = [];
  for (const term of terms) {
    const exists = field(term);
    if (exists !== undefined) {
      parsed.push({ field: exists });
      continue;
    }
    const match = COMPARISON.exec(term);
    const compared = match === null ? undefined : field((match[1] ?? "").trim());
    if (match === null || compared === undefined) return undefined;
    parsed.push({ field: compared, operator: match[2] ?? "", right: (match[3] ?? "").trim() });
  }
  const [first] = parsed;
  if (first === undefined) return undefined;
  // One field, one of several values: "the body's `status` is `creating` or `available`".
  if (joins === "||" && parsed.every((term) => term.field === first.field && term.operator === "==")) {
    return `the body's \`${first.field}\` is ${parsed.map((term) => value(term.right ?? "")).join(" or ")}`;
  }
  return parsed
    .map((term) =>
      term.operator === undefined ? `the body has \`${term.field}\`` : `the body's \`${term.field}\` ${COMPARISONS[term.operator]} ${value(term.right ?? "")}`,
    )
    .join(joins === "||" ? " or " : " and ");
}

/**
 * One criterion in words: `the status is 200`, `the body's \`status\` is \`available\``, ...
 * @param {Criterion} criterion
 * @returns {string}
 */
export function describeCriterion(criterion) {
  const { condition, context } = criterion;
  const type = typeof criterion.type === "object" ? criterion.type.type : (criterion.type ?? "simple");
  /** @type {string | undefined} */
  let words;
  if (type === "simple") words = comparison(condition, subject);
  if (type === "jsonpath" && context === "$response.body") words = filter(condition);
  if (type === "regex" && context !== undefined) words = `${subject(context) ?? `\`${context}\``} matches \`${condition}\``;
  if (words !== undefined) return words;
  return `\`${condition}\`${context === undefined ? "" : ` holds for \`${context}\``}${type === "simple" ? "" : ` (${type})`}`;
}

/**
 * Several criteria in words, all of which must hold.
 * @param {Criterion[] | undefined} criteria
 * @returns {string}
 */
export function describeCriteria(criteria = []) {
  const words = criteria.map(describeCriterion);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * Where an action goes: a step of this workflow, another workflow, or the end.
 * @param {FailureAction | SuccessAction} action
 * @returns {string}
 */
function destination(action) {
  if (action.type === "end") return "the workflow ends";
  if (action.stepId !== undefined) return `it goes on at step \`${action.stepId}\``;
  if (action.workflowId !== undefined) return `it goes on with workflow \`${action.workflowId}\``;
  return `it does \`${action.type}\``;
}

/**
 * What a step does when its checks fail, as a clause (`when the checks fail and the status is 200,
 * it tries again after 1 s, at most 180 times`): the retries are its waits.
 * @param {FailureAction} action
 * @returns {string}
 */
export function describeFailureAction(action) {
  const when = action.criteria === undefined || action.criteria.length === 0 ? "" : ` and ${describeCriteria(action.criteria)}`;
  if (action.type !== "retry") return `when the checks fail${when}, ${destination(action)}`;
  const after = action.retryAfter === undefined || action.retryAfter === 0 ? "at once" : `after ${action.retryAfter} s`;
  const limit = action.retryLimit === undefined ? "" : `, at most ${action.retryLimit} time${action.retryLimit === 1 ? "" : "s"}`;
  return `when the checks fail${when}, it tries again ${after}${limit}`;
}

/**
 * What a step does when its checks hold, if it says (the next step is the default), as a clause.
 * @param {SuccessAction} action
 * @returns {string}
 */
export function describeSuccessAction(action) {
  const when = action.criteria === undefined || action.criteria.length === 0 ? "" : ` and ${describeCriteria(action.criteria)}`;
  return `when the checks hold${when}, ${destination(action)}`;
}
