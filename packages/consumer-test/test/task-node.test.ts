// Every npm script of the repository runs on the Node that runs npm: no workspace puts a
// `node` into a node_modules/.bin (which npm puts first on the PATH of every script it runs;
// before issue 13, Node 22 from this package's own dependencies ran the whole `npm test`
// on a Node 20 machine).
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readManifest, repoRoot } from "./support/repo.js";
import { describeRun, run } from "./support/run.js";

/**
 * The Node that started `npm test` at the root: the root script hands it down as
 * OTC_VPCEP_NPM_NODE (turbo passes it to this task). Run directly (`npm test -w`, `npx
 * vitest`), npm's own npm_node_execpath names it.
 */
function npmNode(): { executable: string; from: string } | undefined {
  const root = process.env["OTC_VPCEP_NPM_NODE"];
  if (root !== undefined && root !== "") return { executable: root, from: "OTC_VPCEP_NPM_NODE (set by the root `npm test`)" };
  const direct = process.env["npm_node_execpath"];
  if (direct !== undefined && direct !== "") return { executable: direct, from: "npm_node_execpath" };
  return undefined;
}

describe("the Node that runs the tests", () => {
  it("is the Node that started npm", () => {
    const started = npmNode();
    expect(started, "run the tests through npm (`npm test`), which names the Node it runs on").toBeDefined();
    if (started === undefined) return;
    expect(realpathSync(process.execPath), `this task's Node, compared with ${started.from}`).toBe(realpathSync(started.executable));
  });

  it("is the one npm gives the scripts of every workspace: no node in any node_modules/.bin", async () => {
    const started = npmNode()?.executable ?? process.execPath;
    const { workspaces = [] } = (await readManifest(".")) as { workspaces?: string[] };
    expect(workspaces.length).toBeGreaterThan(0);
    // What npm, on the Node that started it, does for a script in each workspace and the
    // root: their node_modules/.bin first on PATH, then `node`.
    const result = await run(
      process.platform === "win32" ? "npm.cmd" : "npm",
      ["exec", "--workspaces", "--include-workspace-root", "--", "node", "-p", "process.execPath"],
      { cwd: repoRoot, timeoutMs: 120_000, nodeExecutable: started },
    );
    expect(result.code, describeRun(result)).toBe(0);
    const nodes = new Set(result.stdout.trim().split("\n").map((line) => realpathSync(line.trim())));
    expect([...nodes]).toEqual([realpathSync(started)]);
  });
});
