#!/usr/bin/env node
// The `vpcep-mock` command. This file is committed, not built: npm links a package's bin
// when it installs the package, and in this repository `npm ci` runs before `npm run
// build` has made dist/cli.js, so a bin pointing into dist/ would never be linked. The
// command itself is dist/cli.js.
import("../dist/cli.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("cli.js")) {
    process.stderr.write("vpcep-mock: dist/cli.js is missing; build it first (npm run build)\n");
    process.exit(1);
  }
  throw error;
});
