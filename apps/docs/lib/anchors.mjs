// Where things are on the page: the fragments that Redoc (as `redocly build-docs` renders it) gives
// its sections, `#/<tag-slug>` for a tag or guide, `#/<tag-slug>/<heading-slug>` for a heading of a
// guide and `#/<tag-slug>/<operationid>` for an operation (its first tag's). The browser tests follow
// the links made here, so a renderer that names its sections otherwise fails them.

import { findOperation } from "./spec.mjs";

/** @typedef {import("./spec.mjs").OpenApi} OpenApi */

/**
 * A name as the page writes it in a fragment: lower case, spaces as dashes, other punctuation dropped
 * (`VPC endpoint services` is `vpc-endpoint-services`, `AK/SK signatures` is `aksk-signatures`).
 * @param {string} text
 * @returns {string}
 */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s_-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .replace(/-{2,}/g, "-");
}

/**
 * The fragment of a section of a tag or guide, or of one of its headings.
 * @param {string} tag
 * @param {string} [heading]
 * @returns {string}
 */
export function sectionAnchor(tag, heading) {
  return heading === undefined ? `#/${slug(tag)}` : `#/${slug(tag)}/${slug(heading)}`;
}

/**
 * The fragment of an operation of the spec. Throws when the spec has no such operation, or the
 * operation no tag to be listed under.
 * @param {OpenApi} spec
 * @param {string} operationId
 * @returns {string}
 */
export function operationAnchor(spec, operationId) {
  const entry = findOperation(spec, operationId);
  if (entry === undefined) throw new Error(`the spec has no operation ${operationId}`);
  const [tag] = entry.operation.tags ?? [];
  if (tag === undefined) throw new Error(`operation ${operationId} has no tag, so the page lists it nowhere`);
  return `#/${slug(tag)}/${slug(operationId)}`;
}
