// The README's list of named examples is the bundled spec's (scripts/example-list.mjs).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledSpec, exampleList, README, withList } from "../scripts/example-list.mjs";

describe("the README's named examples", () => {
  it("are those of the bundled spec (when this fails: npm run examples -w @otc-vpcep/mock, and commit the README)", () => {
    const readme = readFileSync(README, "utf8");
    expect(readme).toBe(withList(readme, exampleList(bundledSpec())));
  });

  it("list each example of an operation under its status, the first as the default", () => {
    const spec = {
      paths: {
        "/things/{id}": {
          get: {
            operationId: "getThing",
            responses: {
              "200": { content: { "application/json": { examples: { Shiny: {}, Dull: {} } } } },
              "404": { $ref: "#/components/responses/NotFound" },
            },
          },
        },
      },
      components: { responses: { NotFound: { content: { "application/json": { examples: { Gone: {} } } } } } },
    };
    expect(exampleList(spec)).toContain("| `getThing` (`GET /things/{id}`) | 200: `Shiny` (default), `Dull` | 404 (below) |");
    expect(exampleList(spec)).toContain("| 404 | `Gone` (default) |");
  });
});
