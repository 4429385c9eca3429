/**
 * What the contract mock says about a request it refused: Prism lists its findings in the
 * `sl-violations` header. One rule decides whether a finding concerns a place of the request:
 * segment by segment (`isWithin`), so that `tags` covers `tags.0.key` and never `tags_x`.
 */

/** One finding of Prism's `sl-violations` header. */
export interface PrismViolation {
  location: string[];
  message: string;
}

/** A place in a request: its part (`body`, `query`, `path`), then property names and array indexes. */
export type Place = readonly (string | number)[];

/** The findings in an answer's `sl-violations` header; undefined where the target reports none (not Prism). */
export function reportedViolations(response: { headers: Headers }): PrismViolation[] | undefined {
  const header = response.headers.get("sl-violations");
  return header === null ? undefined : (JSON.parse(header) as PrismViolation[]);
}

/**
 * The place a violation is about, after `request`: `["body", "tags", "0", "key"]`. A missing
 * required property and an unknown one are reported at their parent, named in the message;
 * a missing body at the request itself, here `["body"]`.
 */
export function violationPlace(violation: PrismViolation): string[] {
  if (violation.location.length === 1 && /body parameter is required/i.test(violation.message)) return ["body"];
  const named = /(?:required property|additional properties; found) '([^']+)'/.exec(violation.message)?.[1];
  return [...violation.location.slice(1), ...(named === undefined ? [] : [named])];
}

/** The rule: whether `place` is `within` or inside it, compared segment by segment. */
export function isWithin(place: Place, within: Place): boolean {
  return within.length <= place.length && within.every((segment, i) => String(segment) === String(place[i]));
}

/** Whether a violation is at a place of the request (`["body", "tags", 0]`) or inside it. */
export function concerns(violation: PrismViolation, at: Place): boolean {
  return isWithin(violationPlace(violation), at);
}

/** Whether a violation is at a field (`tags.0.key`) of whichever part of the request, or inside it. */
export function concernsField(violation: PrismViolation, field: string): boolean {
  return isWithin(violationPlace(violation).slice(1), field === "" ? [] : field.split("."));
}
