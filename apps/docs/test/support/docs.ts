import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSpec } from "@otc-vpcep/spec-model";
import { listOperations, type OpenApi, type OperationEntry } from "../../lib/spec.mjs";

/** The bundled spec, as `@otc-vpcep/spec` ships it: read once and shared, so never changed. */
export function bundledSpec(): OpenApi {
  return loadSpec() as unknown as OpenApi;
}

/** The operations of the bundled spec. */
export function specOperations(): OperationEntry[] {
  return listOperations(bundledSpec());
}

export const pageFile = fileURLToPath(new URL("../../dist/index.html", import.meta.url));

/** The HTML of the built page. */
export function builtPage(): string {
  return readFileSync(pageFile, "utf8");
}

/** The description that the built page hands to Redoc. */
export function pageDefinition(html: string = builtPage()): OpenApi {
  const match = /const __redoc_definition = (.*?);\s*const __redoc_options/s.exec(html);
  if (match?.[1] === undefined) throw new Error("the built page holds no Redoc definition");
  return JSON.parse(match[1]) as OpenApi;
}

/** The guides: the trait tags of a spec, in the order of their group. */
export function guidesOf(spec: OpenApi): Array<{ name: string; description: string }> {
  return (spec.tags ?? []).flatMap((tag) =>
    tag["x-traitTag"] === true ? [{ name: tag.name, description: tag.description ?? "" }] : [],
  );
}

/** The blocks fenced as `ts` in a guide, joined in order into one module. */
export function typescriptOf(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
  return `${blocks.join("\n")}\nexport {};\n`;
}

/** The name a guide's program goes by: `Paging and sorting` is `paging-and-sorting`. */
export function guideProgramName(guideName: string): string {
  return guideName.toLowerCase().replaceAll(" ", "-");
}
