/**
 * A copy of the emulator's built code (apps/emulator/dist) with one deliberate defect, to
 * show that the model-based test finds a real bug: the copy goes to a temporary folder,
 * one exact snippet of its code is replaced, and it is imported and started as the real
 * one is. A snippet that is not found exactly once fails loudly: the emulator changed,
 * and the bug has to be planted anew.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { EmulatorOptions } from "@otc-vpcep/emulator";
import { INVARIANTS, type Invariant } from "./invariants.js";
import type { StartEmulator } from "./property.js";

export interface PlantedBug {
  /** What is wrong in the copy. */
  defect: string;
  /** The snippet of the built code to change: it must match exactly once. */
  snippet: RegExp;
  replacement: (match: string, ...groups: string[]) => string;
  /** The invariant the shrunk counterexample must name. */
  invariant: Invariant;
  /** What the failure message must mention. */
  mentions: string;
}

export const PLANTED_BUGS = {
  pendingConnectionsIgnored: {
    defect: "deleteEndpointService counts only accepted endpoints as connections: a service whose endpoint waits for approval (or was rejected) is deleted instead of refused with EndPoint.3006",
    // src/rules/services.ts, deleteEndpointService (esbuild may suffix the names with a digit).
    snippet: /const connected = \[\.\.\.world\.store\.endpoints\.values\(\)\]\.filter\(\((\w+)\) => \1\.service_id === (\w+)\.id\);/g,
    replacement: (_match, endpoint, service) =>
      `const connected = [...world.store.endpoints.values()].filter((${endpoint}) => ${endpoint}.service_id === ${service}.id && ${endpoint}.status === "accepted");`,
    invariant: INVARIANTS.predicted,
    mentions: "EndPoint.3006",
  },
  deletedEndpointStays: {
    defect: "a deleted endpoint's record is never removed when its delete completes: it stays `deleting`, readable and listed",
    // src/lifecycle.ts, Lifecycle.apply for the GONE transition.
    snippet: /if \(this\.store\.endpoints\.get\(record\.id\) === record\) this\.store\.endpoints\.delete\(record\.id\);/g,
    replacement: () => "/* planted bug: the deleted endpoint stays in the store */",
    invariant: INVARIANTS.gone,
    mentions: "getEndpoint of deleted endpoint",
  },
} as const satisfies Record<string, PlantedBug>;

export interface PlantedEmulator {
  start: StartEmulator;
  /** The file of the copy that holds the planted change. */
  changedFile: string;
  dispose(): void;
}

/** Copies the emulator's ESM build, plants `bug` in it and imports the copy's `startEmulator`. */
export async function plantBug(bug: PlantedBug): Promise<PlantedEmulator> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("@otc-vpcep/emulator"));
  const work = mkdtempSync(join(tmpdir(), "otc-vpcep-planted-"));
  try {
    const copy = join(work, "dist");
    mkdirSync(copy);
    const files = readdirSync(dist).filter((name) => name.endsWith(".js"));
    if (!files.includes("index.js")) throw new Error(`no ESM build of the emulator in ${dist} (index.js missing): run npm run build`);
    let changedFile = "";
    let hits = 0;
    for (const name of files) {
      // Without the source maps, which do not describe the changed copy.
      const text = readFileSync(join(dist, name), "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "");
      const found = [...text.matchAll(bug.snippet)].length;
      hits += found;
      if (found > 0) changedFile = join(copy, name);
      writeFileSync(join(copy, name), found > 0 ? text.replace(bug.snippet, bug.replacement as (match: string, ...groups: unknown[]) => string) : text);
    }
    if (hits !== 1) {
      throw new Error(`cannot plant the bug "${bug.defect}": the snippet ${bug.snippet} occurs ${hits} times in the emulator's build (${dist}), not once; update it in ${import.meta.url}`);
    }
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "otc-vpcep-emulator-with-a-planted-bug", private: true, type: "module" }));
    // The copy's imports (@otc-vpcep/client, @otc-vpcep/spec, ajv) resolve where the emulator's do.
    const ajv = createRequire(join(dist, "index.js")).resolve("ajv");
    symlinkSync(ajv.slice(0, ajv.lastIndexOf("/node_modules/") + "/node_modules".length), join(work, "node_modules"), "dir");
    const module = (await import(/* @vite-ignore */ pathToFileURL(join(copy, "index.js")).href)) as { startEmulator: StartEmulator };
    if (typeof module.startEmulator !== "function") throw new Error(`the copy in ${copy} exports no startEmulator`);
    return {
      start: (options: EmulatorOptions) => module.startEmulator(options),
      changedFile,
      dispose: () => rmSync(work, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
