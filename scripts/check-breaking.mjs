#!/usr/bin/env node
// Fails when the bundled spec breaks clients of the one at the base: the last release tag
// of @otc-vpcep/spec, else `main` (or VPCEP_BREAKING_BASE, a git ref), unless a changeset
// releases @otc-vpcep/spec as a major version.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec } from "@otc-vpcep/spec-model";
import { breakingChanges, majorChangesetFor } from "./breaking-changes.mjs";

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** @param {string[]} args */
function git(args) {
  return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The ref to compare with: VPCEP_BREAKING_BASE, the newest spec release tag, or main. */
function baseRef() {
  const chosen = process.env["VPCEP_BREAKING_BASE"];
  if (chosen !== undefined && chosen !== "") return chosen;
  const tags = git(["tag", "--list", "@otc-vpcep/spec@*", "--sort=-v:refname"]).split("\n").filter(Boolean);
  return tags[0] ?? "main";
}

/**
 * The bundled spec at `ref`, or undefined when the ref has none.
 * @param {string} ref
 */
function bundledSpecAt(ref) {
  try {
    git(["cat-file", "-e", `${ref}:spec/openapi.yaml`]);
  } catch {
    return undefined;
  }
  const directory = mkdtempSync(join(tmpdir(), "vpcep-breaking-"));
  try {
    const archive = execFileSync("git", ["archive", "--format=tar", ref, "spec"], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", directory], { input: archive });
    const output = join(directory, "bundled.json");
    const redocly = require.resolve("@redocly/cli/bin/cli.js");
    const result = spawnSync(process.execPath, [redocly, "bundle", join(directory, "spec", "openapi.yaml"), "--output", output], {
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    if (result.status !== 0) throw new Error(`cannot bundle the spec at ${ref}:\n${result.stderr}`);
    return JSON.parse(readFileSync(output, "utf8"));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function changesets() {
  const directory = join(repoRoot, ".changeset");
  if (!existsSync(directory)) return new Map();
  return new Map(
    readdirSync(directory)
      .filter((name) => name.endsWith(".md") && name !== "README.md")
      .map((name) => [name, readFileSync(join(directory, name), "utf8")]),
  );
}

const ref = baseRef();
const before = bundledSpecAt(ref);
if (before === undefined) {
  console.log(`Breaking-change check: ${ref} has no spec to compare with; nothing to check.`);
} else {
  const after = loadSpec();
  const changes = breakingChanges(before, after);
  const list = changes.map((change) => `  ${change.rule}: ${change.where}: ${change.message}`).join("\n");
  if (changes.length === 0) {
    console.log(`Breaking-change check: no breaking change since ${ref}.`);
  } else if (majorChangesetFor(changesets())) {
    console.log(`Breaking-change check: ${changes.length} breaking change(s) since ${ref}, released as major:\n${list}`);
  } else {
    console.error(
      `Breaking-change check: ${changes.length} breaking change(s) since ${ref}:\n${list}\n` +
        'Undo them, or add a changeset that releases "@otc-vpcep/spec" as major (npx changeset).',
    );
    process.exit(1);
  }
}
