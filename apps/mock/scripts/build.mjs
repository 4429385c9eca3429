#!/usr/bin/env node
// @ts-check
// `npm run build`: tsup builds into a folder of this process's own (dist.build-<pid>/),
// which then takes dist/'s place with two renames. A test or a program running meanwhile
// (another terminal, a colleague's turbo run in the same working tree) finds either the old
// dist/ or the new one, never one half deleted or half written.
import { spawnSync } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const next = join(root, `dist.build-${process.pid}`);
const old = join(root, `dist.old-${process.pid}`);
const tsup = join(dirname(createRequire(import.meta.url).resolve("tsup/package.json")), "dist", "cli-default.js");

rmSync(next, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsup], { cwd: root, stdio: "inherit", env: { ...process.env, MOCK_OUT_DIR: next } });
if (result.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
