// The client's unit tests on Node 22 and 24; `npm test` runs them on the running Node
// (turbo's @otc-vpcep/client#test).
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeRuntime, nodeRuntimes } from "./support/node-runtimes.js";
import { repoRoot, vitestPath } from "./support/repo.js";
import { describeRun, run } from "./support/run.js";

for (const status of nodeRuntimes({ includeRunning: false })) {
  describeRuntime(status, (runtime) => {
    it("passes the client's unit tests", async () => {
      const result = await run(runtime.executable, [vitestPath, "run", "--root", join(repoRoot, "packages", "client")], {
        cwd: repoRoot,
        timeoutMs: 120_000,
        nodeExecutable: runtime.executable,
      });
      expect(result.code, describeRun(result, 60)).toBe(0);
    });
  });
}
