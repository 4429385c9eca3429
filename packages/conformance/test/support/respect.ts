import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Runs the spec's Arazzo workflows (spec/workflows, published in @otc-vpcep/spec) with
// `redocly respect`, in a child process: asynchronously, since the emulator a test starts
// answers from the test's own process.
const require = createRequire(import.meta.url);
const redocly = require.resolve("@redocly/cli/bin/cli.js");

/** The published workflow files, by name. */
export const WORKFLOW_FILES = {
  lifecycle: require.resolve("@otc-vpcep/spec/workflows/service-lifecycle.arazzo.yaml"),
  approval: require.resolve("@otc-vpcep/spec/workflows/connect-with-approval.arazzo.yaml"),
  rejection: require.resolve("@otc-vpcep/spec/workflows/reject-and-clean-up.arazzo.yaml"),
  teardown: require.resolve("@otc-vpcep/spec/workflows/tear-down-with-connections.arazzo.yaml"),
  retag: require.resolve("@otc-vpcep/spec/workflows/retag-and-find-by-tag.arazzo.yaml"),
  survey: require.resolve("@otc-vpcep/spec/workflows/survey-project.arazzo.yaml"),
} as const;

/** What a pattern's first group captures in every Arazzo file that @otc-vpcep/spec publishes. */
function publishedMatches(pattern: RegExp): string[] {
  const dir = dirname(WORKFLOW_FILES.lifecycle);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".arazzo.yaml"))
    .flatMap((file) => [...readFileSync(join(dir, file), "utf8").matchAll(pattern)].map((match) => match[1] ?? ""));
}

/** The workflowIds of every Arazzo file @otc-vpcep/spec publishes, so that a test can say it runs them all. */
export function publishedWorkflowIds(): string[] {
  return publishedMatches(/^\s*- workflowId: (\S+)$/gm).sort();
}

/**
 * The `env` inputs the published workflows use (`$inputs.env.NAME`): the tokens. Every run sets
 * each of them, to "" where it gives none, so that nothing else fills one in (see `respectRunner`).
 */
export function publishedEnvInputs(): string[] {
  return [...new Set(publishedMatches(/\$inputs\.env\.([A-Za-z_][A-Za-z0-9_]*)/g))].sort();
}

export interface RespectReport {
  exitCode: number;
  /** What respect printed, every secret input replaced by `<secret>`. */
  output: string;
  /** Whether a secret input appears in what respect printed or in its report, where respect should mask it. */
  showsSecrets: boolean;
  json: {
    files: Record<
      string,
      {
        totalRequests: number;
        executedWorkflows: { workflowId: string; status: string; executedSteps: { stepId: string; status: string; retriesLeft?: number }[] }[];
      }
    >;
  };
}

export interface RespectRun {
  file: string;
  workflowId: string;
  /** The root URL of the API, for the workflows' source description `vpcep`. */
  server: string;
  inputs: Record<string, string>;
  /**
   * The workflow's `env` inputs (the tokens), handed to respect in its environment: the command
   * line would show them to every user of the machine. No other `VPCEP_` variable of this process
   * reaches respect, and an env input not given here is "" (see `publishedEnvInputs`).
   */
  environment: Record<string, string>;
  /** Values the output must never show (tokens); respect masks the inputs marked `format: password`, and this is checked. */
  secrets?: readonly string[];
  timeoutMs?: number;
}

/**
 * A folder of its own (only this user's, as `mkdtemp` makes it) for respect's reports, removed by
 * `dispose`. Respect runs in its `run` folder. It reads a `.env` file there, and the first one it finds
 * from the folder above upward: the empty ones in `run` and in the folder stop it there, before the
 * shared temp folder, where any user could leave one.
 */
export function respectRunner() {
  const folder = mkdtempSync(join(tmpdir(), "otc-vpcep-respect-"));
  const cwd = join(folder, "run");
  mkdirSync(cwd);
  for (const dir of [folder, cwd]) writeFileSync(join(dir, ".env"), "");
  let runs = 0;
  return {
    folder,
    run: (options: RespectRun) => runRespect(options, join(folder, `${options.workflowId}-${++runs}.json`), cwd),
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function runRespect({ file, workflowId, server, inputs, environment, secrets = [], timeoutMs = 120_000 }: RespectRun, report: string, cwd: string): Promise<RespectReport> {
  // The inputs as one JSON object: respect splits `-i name=value` at `=` and `,`, which would cut a
  // token with base64 padding. Respect stops itself before it is killed, so that it writes its report.
  const executionTimeout = Math.max(1_000, timeoutMs - 10_000);
  const args = [redocly, "respect", file, "-w", workflowId, "-S", `vpcep=${server}`, "-J", report, "-i", JSON.stringify(inputs)];
  args.push("--execution-timeout", String(executionTimeout));
  const shown = secrets.filter((secret) => secret !== "");
  if (shown.some((secret) => args.some((arg) => arg.includes(secret)))) {
    throw new Error(`${workflowId}: a secret would stand on respect's command line, where every user of the machine can read it; pass it in \`environment\``);
  }
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VPCEP_")));
  const unset = Object.fromEntries(publishedEnvInputs().map((name) => [name, ""]));
  const env = { ...inherited, ...unset, ...environment, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
  const { exitCode, printed } = await new Promise<{ exitCode: number; printed: string }>((resolve) => {
    execFile(process.execPath, args, { cwd, env, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ exitCode: error === null ? 0 : typeof error.code === "number" ? error.code : -1, printed: `${stdout}${stderr}` }),
    );
  });
  const output = shown.reduce((text, secret) => text.split(secret).join("<secret>"), printed);
  if (!existsSync(report)) throw new Error(`redocly respect wrote no report (exit ${exitCode}):\n${output}`);
  const text = readFileSync(report, "utf8");
  const showsSecrets = shown.some((secret) => printed.includes(secret) || text.includes(secret));
  return { exitCode, output, showsSecrets, json: JSON.parse(text) as RespectReport["json"] };
}

/** Each step's runs, in order: a step that waited shows its retries before its success. */
export function stepsOf(report: RespectReport): [string, string][] {
  return Object.values(report.json.files).flatMap((file) =>
    file.executedWorkflows.flatMap((workflow) => workflow.executedSteps.map((step): [string, string] => [step.stepId, step.status])),
  );
}
