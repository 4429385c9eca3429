// The table of every documented error code, generated from the spec's `KnownErrorCode` schema
// (its `enum`, `x-enumDescriptions` and `x-error-status`) into the Errors guide when the page is
// built, so that the table can never drift from the schema.

/**
 * @typedef {import("./spec.mjs").OpenApi} OpenApi
 * @typedef {{ code: string, status: number, meaning: string }} ErrorCodeRow
 */

/** Where the Errors guide wants the table. */
export const ERROR_TABLE_MARKER = "<!-- error-code-table -->";

/**
 * One row per code of the schema, in the order of its `enum`. Throws when a code lacks its status
 * or its description, when a description names another status, or when the maps hold codes that
 * the `enum` does not list.
 * @param {unknown} schema the `KnownErrorCode` schema
 * @returns {ErrorCodeRow[]}
 */
export function errorCodeRows(schema) {
  const { enum: codes, "x-enumDescriptions": descriptions, "x-error-status": statuses } = /** @type {Record<string, unknown>} */ (
    schema ?? {}
  );
  if (!Array.isArray(codes) || !codes.every((code) => typeof code === "string")) {
    throw new Error("KnownErrorCode: `enum` must be a list of codes");
  }
  const describedBy = asRecord(descriptions, "x-enumDescriptions");
  const statusOf = asRecord(statuses, "x-error-status");
  for (const [name, map] of [
    ["x-enumDescriptions", describedBy],
    ["x-error-status", statusOf],
  ]) {
    const stray = Object.keys(/** @type {Record<string, unknown>} */ (map)).filter((code) => !codes.includes(code));
    if (stray.length > 0) throw new Error(`KnownErrorCode: ${name} has codes that enum does not list: ${stray.join(", ")}`);
  }

  return codes.map((code) => {
    const status = statusOf[code];
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
      throw new Error(`KnownErrorCode: ${code} has no HTTP status in x-error-status`);
    }
    const description = describedBy[code];
    if (typeof description !== "string" || description.trim() === "") {
      throw new Error(`KnownErrorCode: ${code} has no description in x-enumDescriptions`);
    }
    const named = /^HTTP (\d{3})\.\s*/.exec(description);
    if (named !== null && Number(named[1]) !== status) {
      throw new Error(`KnownErrorCode: ${code} is described as HTTP ${named[1]} but x-error-status says ${status}`);
    }
    return { code, status, meaning: description.slice(named?.[0].length ?? 0).trim() };
  });
}

/**
 * A sentence counting the codes by status, then a Markdown table of them.
 * @param {ErrorCodeRow[]} rows
 * @returns {string}
 */
export function renderErrorTable(rows) {
  /** @type {Map<number, number>} */
  const perStatus = new Map();
  for (const { status } of rows) perStatus.set(status, (perStatus.get(status) ?? 0) + 1);
  const counts = [...perStatus]
    .sort(([statusA, countA], [statusB, countB]) => countB - countA || statusA - statusB)
    .map(([status, count]) => `${count} with HTTP ${status}`);
  const lines = [
    `${rows.length} codes: ${counts.join(", ")}.`,
    "",
    "| code | HTTP status | meaning |",
    "| --- | --- | --- |",
    ...rows.map(({ code, status, meaning }) => `| ${code} | ${status} | ${escapeCell(meaning)} |`),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * A copy of the spec whose guide with the marker carries the table in its place.
 * @param {OpenApi} spec
 * @returns {OpenApi}
 */
export function insertErrorTable(spec) {
  const schema = spec.components?.schemas?.["KnownErrorCode"];
  if (schema === undefined) throw new Error("the spec has no KnownErrorCode schema to build the error table from");
  const table = renderErrorTable(errorCodeRows(schema));
  const copy = structuredClone(spec);
  const guides = (copy.tags ?? []).filter((tag) => tag.description?.includes(ERROR_TABLE_MARKER));
  const [guide] = guides;
  if (guide?.description === undefined || guides.length > 1) {
    throw new Error(`exactly one tag description must hold ${ERROR_TABLE_MARKER}; ${guides.length} do`);
  }
  guide.description = guide.description.replace(ERROR_TABLE_MARKER, () => table);
  return copy;
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {Record<string, unknown>}
 */
function asRecord(value, name) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`KnownErrorCode: ${name} must map each code to a value`);
  }
  return /** @type {Record<string, unknown>} */ (value);
}

/**
 * Keeps a text inside one Markdown table cell, and keeps HTML out of it.
 * @param {string} text
 * @returns {string}
 */
function escapeCell(text) {
  return text.replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replace(/\s*\n\s*/g, " ");
}
