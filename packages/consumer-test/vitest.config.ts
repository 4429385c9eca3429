import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Installs Node 22 and 24 into this package's cache (from npm, once; kept between runs).
    globalSetup: ["test/support/global-setup.ts"],
    // Each test starts Node programs (and Prism) or the compiler; the first installs a project.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
