// The page's weight (issue 16; ADR 0015): Redoc, its styles and the description, all in one file that
// a browser opens from disk, under 1.5 MiB as it is, before any compression. The build prints its
// sizes raw, with gzip and with brotli.
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pageFile } from "./support/docs.js";

const limit = 1.5 * 1024 * 1024;

describe("the built docs page", () => {
  it("is under 1.5 MiB", () => {
    const size = statSync(pageFile).size;
    expect(size, `dist/index.html is ${size} bytes, ${size - limit} over the limit of ${limit}`).toBeLessThan(limit);
  });
});
