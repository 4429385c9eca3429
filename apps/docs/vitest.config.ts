import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starting the contract mock or Chromium takes seconds, not milliseconds.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
