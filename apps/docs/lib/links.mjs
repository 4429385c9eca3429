// The OpenAPI links of the responses (spec/components/links: what to call next with a create's
// answer), which Redoc does not render: in a copy of the spec, each response that has links gets a
// short Markdown section at the end of its description, one line per link, naming the operation
// (a link to it on the page), the parameters the link fills and what it is for.
import { operationAnchor } from "./anchors.mjs";
import { deref, listOperations } from "./spec.mjs";

/**
 * @typedef {import("./spec.mjs").OpenApi} OpenApi
 * @typedef {import("./spec.mjs").Ref} Ref
 * @typedef {{ operationId?: string, operationRef?: string, description?: string, parameters?: Record<string, unknown> }} Link
 * @typedef {{ description?: string, links?: Record<string, Link | Ref> }} Response
 */

/** The heading the section starts with, so that a reader (and a test) can find it. */
export const LINKS_HEADING = "**Links**";

/**
 * A parameter the link passes on from the request unchanged (`project_id: $request.path.project_id`):
 * the lead line names those once instead of every line.
 * @param {string} name
 * @param {unknown} value
 */
function passedOn(name, value) {
  return typeof value === "string" && /^\$request\.(path|query|header)\.(.+)$/.exec(value)?.[2] === name;
}

/**
 * The Markdown section of one response's links. Throws when a link names no operation of the spec
 * by its operationId (an `operationRef` included: the spec's links name operations by id).
 * @param {OpenApi} spec
 * @param {Record<string, Link | Ref>} links
 * @returns {string}
 */
export function linksSection(spec, links) {
  /** @type {Set<string>} */
  const carried = new Set();
  const lines = Object.entries(links).map(([name, linkOrRef]) => {
    const link = deref(spec, /** @type {Link | Ref} */ (linkOrRef));
    if (link.operationId === undefined) {
      throw new Error(`link ${name} names no operationId${link.operationRef === undefined ? "" : " (operationRef is not rendered)"}`);
    }
    const filled = Object.entries(link.parameters ?? {}).filter(([parameter, value]) => {
      if (!passedOn(parameter, value)) return true;
      carried.add(parameter);
      return false;
    });
    const parameters = filled.map(([parameter, value]) => `\`${parameter}\` = \`${typeof value === "string" ? value : JSON.stringify(value)}\``);
    const what = link.description?.trim() ?? "";
    return (
      `- [**${link.operationId}**](${operationAnchor(spec, link.operationId)})` +
      (parameters.length > 0 ? ` (${parameters.join(", ")})` : "") +
      (what === "" ? "" : `: ${what}`)
    );
  });
  const sameAsRequest = [...carried].map((parameter) => `\`${parameter}\``).join(", ");
  const lead = `${LINKS_HEADING}: what to call next with this response${sameAsRequest === "" ? "" : ` (each with the request's ${sameAsRequest})`}.`;
  return `${lead}\n\n${lines.join("\n")}\n`;
}

/**
 * A copy of the spec in which every response with links says so at the end of its description.
 * A response shared through `$ref` is written once, where it is defined.
 * @param {OpenApi} spec
 * @returns {OpenApi}
 */
export function withResponseLinks(spec) {
  const copy = structuredClone(spec);
  /** @type {Set<Response>} */
  const done = new Set();
  for (const { operation } of listOperations(copy)) {
    const responses = /** @type {{ responses?: Record<string, Response | Ref> }} */ (operation).responses ?? {};
    for (const responseOrRef of Object.values(responses)) {
      const response = deref(copy, responseOrRef);
      if (done.has(response) || response.links === undefined || Object.keys(response.links).length === 0) continue;
      done.add(response);
      const description = response.description?.trimEnd() ?? "";
      response.description = `${description === "" ? "" : `${description}\n\n`}${linksSection(copy, response.links)}`;
    }
  }
  return copy;
}
