import path from "node:path";
import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * The Node build's swap, as a bundler swaps modules by the `browser` field: signing's
 * `./hashing.js` (Web Crypto) becomes `./hashing.node.ts` (node:crypto) next to it.
 */
const nodeHashing: EsbuildPlugin = {
  name: "node-hashing",
  setup(build) {
    build.onResolve({ filter: /^\.\/hashing\.js$/ }, ({ resolveDir }) => ({ path: path.join(resolveDir, "hashing.node.ts") }));
  },
};

const common = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  sourcemap: true,
  target: "es2022",
} satisfies Options;

export default defineConfig([
  // The default build, Web Crypto only: browsers, Deno, Bun, workers; and the declarations.
  { ...common, dts: true, clean: ["!node/**"] },
  // dist/node, for the package's `node` export condition; the same API, so the same declarations.
  // `node:crypto` keeps its prefix (tsup strips it by default), which Node 20 needs not but says.
  { ...common, outDir: "dist/node", platform: "node", removeNodeProtocol: false, clean: true, esbuildPlugins: [nodeHashing] },
]);
