// Type-checks TypeScript held in memory (the guides' code blocks, the Workflows guide's programs) as
// if it were files of this package, with its tsconfig, so that it compiles against the client as
// the samples do.
import { fileURLToPath } from "node:url";
import ts from "typescript";

const docsDir = fileURLToPath(new URL("../..", import.meta.url));

/** The errors of modules, by file name without `.ts` (each one module of its own), as `name.ts: message`. */
export function typeErrors(modules: Map<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(`${docsDir}tsconfig.json`, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (config === undefined) throw new Error("cannot read tsconfig.json");
  const host = ts.createCompilerHost(config.options);
  const files = new Map([...modules].map(([name, source]) => [`${docsDir}${name}.ts`, source]));
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const source = files.get(file);
    return source === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, source, language);
  };
  const program = ts.createProgram([...files.keys()], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const where = diagnostic.file === undefined ? "" : `${diagnostic.file.fileName.slice(docsDir.length)}: `;
      return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
    });
}
