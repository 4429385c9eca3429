import { configDefaults, defineConfig } from "vitest/config";

// The files under operations/, generated/ and mock/ check the contract mock: its fixed
// examples, its Prefer header and its violation reports. Against another target
// (VPCEP_BASE_URL) they cannot hold, so they are left out, and the global setup says so;
// live/ runs against any target.
const MOCK_ONLY = ["test/operations/**", "test/generated/**", "test/mock/**"];
const remote = (process.env["VPCEP_BASE_URL"] ?? "") !== "";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(remote ? MOCK_ONLY : [])],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/wire-check.ts"],
    hookTimeout: 60_000,
  },
});
