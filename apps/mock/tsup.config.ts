import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";

// `npm run build` (scripts/build.mjs) builds into a fresh folder, MOCK_OUT_DIR, and swaps it in
// for dist/; run alone, tsup writes into dist/ (and cleans nothing: the two builds run side by side).
const outDir = process.env["MOCK_OUT_DIR"] ?? "dist";

const fakerEn = fileURLToPath(new URL("./src/server/faker-en.cjs", import.meta.url));

/** Prism's mocker takes faker with English only (see src/server/faker-en.cjs). */
const englishFaker: Plugin = {
  name: "english-faker",
  setup(build) {
    build.onResolve({ filter: /^@faker-js\/faker$/ }, () => ({ path: fakerEn }));
  },
};

/** The package folder (under node_modules) that a bundled file comes from. */
function packageDir(file: string): string | undefined {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match?.[1];
}

/**
 * dist/server.cjs carries the code of Prism and its dependencies: their licenses go next to
 * it, in dist/server.cjs.LICENSES.txt, one section per package and version.
 */
const thirdPartyLicenses: Plugin = {
  name: "third-party-licenses",
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (result.metafile === undefined) return;
      const dirs = new Set(Object.keys(result.metafile.inputs).map(packageDir).filter((dir) => dir !== undefined));
      const sections = [...dirs].sort().map((dir) => {
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string; license?: string };
        const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)/i.test(name));
        const text = file === undefined ? `(no license file; package.json says ${manifest.license ?? "nothing"})` : readFileSync(join(dir, file), "utf8").trim();
        return `${manifest.name}@${manifest.version} (${manifest.license ?? "see below"})\n\n${text}`;
      });
      const header = "dist/server.cjs bundles the following packages; their licenses follow.\n";
      const out = join(build.initialOptions.outdir ?? join(dirname(fileURLToPath(import.meta.url)), outDir), "server.cjs.LICENSES.txt");
      writeFileSync(out, `${header}\n${sections.join(`\n\n${"-".repeat(78)}\n\n`)}\n`);
    });
  },
};

export default defineConfig([
  {
    entry: ["src/index.ts", "src/cli.ts"],
    outDir,
    format: ["esm", "cjs"],
    dts: { entry: "src/index.ts" },
    sourcemap: true,
    shims: true,
    target: "node20",
    // Private, so never a dependency of the published package: its code goes into dist/.
    noExternal: ["@otc-vpcep/spec-model"],
  },
  {
    // The server's child process, bundled with Prism and all it needs into one file: Node
    // then reads one file instead of resolving and loading some 1,500 modules, and faker
    // loads one locale instead of 50 (start-up: BENCHMARKS.md, "Mock start-up").
    entry: { server: "src/server/main.ts" },
    outDir,
    format: ["cjs"],
    outExtension: () => ({ js: ".cjs" }),
    platform: "node",
    target: "node20",
    noExternal: [/./],
    // Unminified, so that a stack trace in the log stays readable.
    minify: false,
    sourcemap: false,
    esbuildOptions(options) {
      // CommonJS builds first (tsup prefers `module`, whose ESM builds of @jsdevtools/ono break as CommonJS).
      options.mainFields = ["main", "module"];
      // jsonc-parser's CommonJS build is UMD, which loads its parts in a way no bundler follows.
      options.alias = { "jsonc-parser": "jsonc-parser/lib/esm/main.js" };
    },
    esbuildPlugins: [englishFaker, thirdPartyLicenses],
  },
]);
