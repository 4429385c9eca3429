// The declarations for CommonJS importers (`require` condition of "exports"); hand-written,
// not generated. src/vpcep.d.ts is an ES module (this package is "type": "module"), which a
// CommonJS file may not import without a `resolution-mode` attribute (TS1541); this file
// re-exports its types with that attribute, so CommonJS projects import the same types
// without one. Needs TypeScript 5.3 or later.
export type * from "./src/vpcep.js" with { "resolution-mode": "import" };
