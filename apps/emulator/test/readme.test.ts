import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README", () => {
  it("shows the test that test/readme-example.test.ts runs", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8");
    expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
  });
});
