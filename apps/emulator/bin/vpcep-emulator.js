#!/usr/bin/env node
// The command npm links at install time; the built CLI (dist/cli.js) does the work.
import("../dist/cli.js").catch((error) => {
  const missing = error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js");
  process.stderr.write(`vpcep-emulator: ${missing ? "dist/cli.js is missing: run `npm run build` first" : String(error?.stack ?? error)}\n`);
  process.exit(1);
});
