import { defineConfig } from "tsup";

// `npm run build` empties dist/ first: the two builds run side by side, so neither may clean.

export default defineConfig([
  {
    entry: ["src/index.ts", "src/cli.ts"],
    format: ["esm", "cjs"],
    dts: { entry: "src/index.ts" },
    sourcemap: true,
    shims: true,
    target: "node20",
  },
  {
    // The server's child process (src/server/main.ts); Prism's packages stay external.
    entry: { server: "src/server/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
  },
]);
