// The guides are the trait tags of the spec (spec/docs/*.md). Their TypeScript must compile against the
// client as the samples do, so that a change of the client cannot leave them behind.
import { describe, expect, it } from "vitest";
import { bundledSpec, guidesOf, guideProgramName, typescriptOf } from "./support/docs.js";
import { typeErrors } from "./support/typecheck.js";

const spec = bundledSpec();
const guides = guidesOf(spec);

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
        .map((guide) => [`guide-${guideProgramName(guide.name)}`, typescriptOf(guide.description)]),
    );
    expect(modules.size).toBeGreaterThan(0);
    expect(typeErrors(modules)).toEqual([]);
  }, 60_000);
});
