import { describe, expect, it } from "vitest";
import { ERROR_TABLE_MARKER, errorCodeRows, insertErrorTable, renderErrorTable } from "../lib/error-table.mjs";
import { bundledSpec, guidesOf, pageDefinition } from "./support/docs.js";

const spec = bundledSpec();
const schema = spec.components?.schemas?.["KnownErrorCode"] as {
  enum: string[];
  "x-enumDescriptions": Record<string, string>;
  "x-error-status": Record<string, number>;
};
const rows = errorCodeRows(schema);

describe("the table of error codes", () => {
  it("has one row per code of KnownErrorCode, in the order of its enum", () => {
    expect(rows.map((row) => row.code)).toEqual(schema.enum);
  });

  it("gives every code the HTTP status that x-error-status names", () => {
    expect(Object.fromEntries(rows.map((row) => [row.code, row.status]))).toEqual(schema["x-error-status"]);
  });

  it("gives every code its description from x-enumDescriptions, without the HTTP prefix", () => {
    const row = rows.find((candidate) => candidate.code === "EndPoint.3006");
    expect(schema["x-enumDescriptions"]["EndPoint.3006"]).toBe("HTTP 400. The endpoint service is being used.");
    expect(row).toEqual({ code: "EndPoint.3006", status: 400, meaning: "The endpoint service is being used." });
  });

  it("renders a Markdown row per code after a count of the codes by status", () => {
    const markdown = renderErrorTable(rows);
    expect(markdown.split("\n").filter((line) => /^\| [A-Za-z]+\.\d+ \|/.test(line))).toHaveLength(rows.length);
    expect(markdown).toContain("| Endpoint.1018 | 400 | Quota exceeded. |");
    expect(markdown).toMatch(new RegExp(`^${rows.length} codes: \\d+ with HTTP 400, `));
  });

  it("keeps a description with a pipe or angle brackets inside its cell", () => {
    expect(renderErrorTable([{ code: "EndPoint.9999", status: 400, meaning: "a|b <c>" }])).toContain(
      "| EndPoint.9999 | 400 | a\\|b &lt;c&gt; |",
    );
  });

  it("is in the Errors guide of the built page, in place of the marker", () => {
    const errors = guidesOf(pageDefinition()).find((guide) => guide.name === "Errors");
    expect(errors?.description).toContain(renderErrorTable(rows));
    expect(errors?.description).not.toContain(ERROR_TABLE_MARKER);
  });
});

describe("building the table", () => {
  it("fails when a code has no HTTP status", () => {
    const { "EndPoint.0002": _dropped, ...statuses } = schema["x-error-status"];
    expect(() => errorCodeRows({ ...schema, "x-error-status": statuses })).toThrow("EndPoint.0002 has no HTTP status");
  });

  it("fails when a description names another status than x-error-status", () => {
    const statuses = { ...schema["x-error-status"], "EndPoint.0002": 404 };
    expect(() => errorCodeRows({ ...schema, "x-error-status": statuses })).toThrow(
      "EndPoint.0002 is described as HTTP 400 but x-error-status says 404",
    );
  });

  it("fails when the descriptions hold a code that the enum does not list", () => {
    const descriptions = { ...schema["x-enumDescriptions"], "EndPoint.9999": "HTTP 400. Not real." };
    expect(() => errorCodeRows({ ...schema, "x-enumDescriptions": descriptions })).toThrow("EndPoint.9999");
  });

  it("fails when no guide holds the marker", () => {
    const withoutMarker = structuredClone(spec);
    for (const tag of withoutMarker.tags ?? []) {
      if (tag.description !== undefined) tag.description = tag.description.replace(ERROR_TABLE_MARKER, "");
    }
    expect(() => insertErrorTable(withoutMarker)).toThrow(`exactly one tag description must hold ${ERROR_TABLE_MARKER}`);
  });
});
