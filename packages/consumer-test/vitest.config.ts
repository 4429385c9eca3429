import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts Node programs (and Prism) or the compiler; the first installs a project.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
