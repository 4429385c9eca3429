import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Which `src/auth/hashing` a project signs with; test/signing.test.ts checks it is the one in use. */
export type HashingImplementation = "node:crypto" | "web-crypto";

declare module "vitest" {
  export interface ProvidedContext {
    hashing: HashingImplementation;
  }
}

const tests = ["test/**/*.test.ts"];

// The sources import Web Crypto's `./hashing.js`, as the default bundle does; the Node build
// swaps in hashing.node.ts (tsup.config.ts), and so does the node-crypto project here.
const nodeHashing = fileURLToPath(new URL("./src/auth/hashing.node.ts", import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        resolve: { alias: [{ find: /^.*\/hashing\.js$/, replacement: nodeHashing }] },
        test: { name: "node-crypto", include: tests, provide: { hashing: "node:crypto" } },
      },
      {
        extends: true,
        test: { name: "web-crypto", include: tests, provide: { hashing: "web-crypto" } },
      },
      {
        extends: true,
        test: {
          name: "types",
          include: [],
          typecheck: { enabled: true, only: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
    ],
  },
});
