#!/usr/bin/env node
// The command npm links at install time; the built CLI does the work (run `npm run build` first).
import "../dist/cli.js";
