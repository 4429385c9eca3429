import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm", "cjs"],
  dts: { entry: "src/index.ts" },
  sourcemap: true,
  clean: true,
  shims: true,
  target: "node20",
  // Private, so never a dependency of the published package: its code goes into dist/ (its
  // own dependencies, ajv and ajv-formats, are this package's).
  noExternal: ["@otc-vpcep/spec-model"],
});
