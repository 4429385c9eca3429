// The docs' TypeScript, run as a reader runs it: compiled to JavaScript files inside the package (so
// that they resolve @otc-vpcep/client as the samples do) and started with node.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A directory under test-output/ for compiled programs, ending in `/`. */
export function outputDir(name: string): string {
  return fileURLToPath(new URL(`../../test-output/${name}/`, import.meta.url));
}

/** Compiles TypeScript sources, by name, to `<dir><name>.mjs`, in `dir` emptied first. */
export function compilePrograms(dir: string, sources: Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, source] of sources) {
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: `${name}.ts`,
    });
    writeFileSync(`${dir}${name}.mjs`, outputText);
  }
}

/** Runs a compiled program with node and the given environment on top of this one's. */
export function runProgram(file: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}
