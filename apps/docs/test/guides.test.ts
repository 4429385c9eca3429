// The guides are the trait tags of the spec (spec/docs/*.md). Their TypeScript must compile against the
// client as the samples do, so that a change of the client cannot leave them behind.
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { bundledSpec, guidesOf, guideProgramName, typescriptOf } from "./support/docs.js";

const spec = bundledSpec();
const guides = guidesOf(spec);
const docsDir = fileURLToPath(new URL("..", import.meta.url));

/** Type-checks modules held in memory as if they were files of this package, with its tsconfig. */
function typeErrors(modules: Map<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(`${docsDir}tsconfig.json`, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (config === undefined) throw new Error("cannot read tsconfig.json");
  const host = ts.createCompilerHost(config.options);
  const files = new Map([...modules].map(([name, source]) => [`${docsDir}guide-${name}.ts`, source]));
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

describe("the guides", () => {
  it("are listed, in reading order, in the tag group Guides", () => {
    const group = spec["x-tagGroups"]?.find((candidate) => candidate.name === "Guides");
    expect(group?.tags).toEqual(guides.map((guide) => guide.name));
  });

  it("start with text rather than a heading, since the tag's name is their title", () => {
    expect(guides.filter((guide) => guide.description.trimStart().startsWith("#")).map((guide) => guide.name)).toEqual([]);
  });

  it("hold TypeScript that compiles against @otc-vpcep/client", () => {
    const modules = new Map(
      guides
        .filter((guide) => guide.description.includes("```ts\n"))
        .map((guide) => [guideProgramName(guide.name), typescriptOf(guide.description)]),
    );
    expect(modules.size).toBeGreaterThan(0);
    expect(typeErrors(modules)).toEqual([]);
  }, 60_000);
});
