// Builds the page's script (ADR 0015): Redoc's standalone bundle from @redocly/cli, patched
// (patches.mjs), its CSS minified and its unused custom properties dropped (css.mjs), turned from one
// closure into a module whose top-level declarations a bundler can drop when nothing uses them, then
// bundled again with esbuild from entry.js, with preact/compat for React, and minified by terser, whose
// two passes drop some 100 kB more than esbuild's minifier.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "acorn";
import { simple } from "acorn-walk";
import { build } from "esbuild";
import { minify } from "terser";
import {
  constructedCustomProperties,
  customPropertyDeclarations,
  liveCustomProperties,
  minifyTemplate,
  withoutDeadCustomProperties,
} from "./css.mjs";
import { compatImport, constructedNames, cssTags, patches, standalone } from "./patches.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * @typedef {import("acorn").Node & Record<string, any>} AnyNode
 * @typedef {{ start: number, end: number, text: string }} Edit
 */

/** Redoc's standalone bundle as @redocly/cli ships it, checked against the pinned hash. */
export function readStandalone() {
  const file = join(dirname(require.resolve("@redocly/cli/package.json")), standalone.path);
  const source = readFileSync(file, "utf8");
  const sha256 = createHash("sha256").update(source).digest("hex");
  if (sha256 !== standalone.sha256) {
    throw new Error(
      `${file} is not the Redoc ${standalone.version} bundle that renderer/patches.mjs was written for ` +
        `(SHA-256 ${sha256}, expected ${standalone.sha256}); make the patches anew for it (ADR 0015)`,
    );
  }
  return source;
}

/**
 * @param {string} source
 * @param {RegExp} [skip] patches left out, by name (for renderer/compare.mjs)
 */
export function applyPatches(source, skip) {
  let out = source;
  for (const { name, find, replace } of patches) {
    if (skip?.test(name)) continue;
    const count = out.split(find).length - 1;
    if (count !== 1) throw new Error(`renderer patch "${name}": its text occurs ${count} times, not once`);
    out = out.replace(find, () => replace);
  }
  return out;
}

/** @param {string} source @param {Edit[]} edits non-overlapping */
function applyEdits(source, edits) {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

/** @param {string} source */
const parseModule = (source) => /** @type {AnyNode} */ (parse(source, { ecmaVersion: "latest", sourceType: "module" }));

/** The identifier at the root of a template's tag: `L` in L.div.attrs(...)`...`. @param {AnyNode} tag */
function tagRoot(tag) {
  for (let node = tag; node; ) {
    if (node.type === "Identifier") return node.name;
    if (node.type === "MemberExpression") node = node.object;
    else if (node.type === "CallExpression") node = node.callee;
    else return undefined;
  }
  return undefined;
}

/**
 * Minifies the CSS of the styled-components templates and removes the custom properties nothing reads.
 * @param {string} source
 */
export function minifyCss(source) {
  /** @type {AnyNode[][]} */
  const templates = [];
  /** @type {any[]} */
  const literals = [];
  simple(parseModule(source), {
    TaggedTemplateExpression(node) {
      const tpl = /** @type {AnyNode} */ (node);
      if (cssTags.includes(tagRoot(tpl["tag"]) ?? "")) templates.push(tpl["quasi"].quasis);
    },
    TemplateLiteral(node) {
      literals.push(node);
    },
  });
  const constructed = constructedCustomProperties(source, literals, constructedNames);
  // Each quasi with its minified text, in the order of the source (nested templates come first
  // from the walk).
  const pieces = templates
    .flatMap((tpl) => {
      const texts = minifyTemplate(tpl.map((q) => source.slice(q.start, q.end)));
      return tpl.map((q, i) => ({ start: q.start, end: q.end, text: texts[i] ?? "" }));
    })
    .sort((a, b) => a.start - b.start);
  const step = applyEdits(source, pieces);
  // The same quasis, found again in the minified source by position.
  /** @type {Edit[]} */
  const positions = [];
  let shift = 0;
  for (const piece of pieces) {
    positions.push({ start: piece.start + shift, end: piece.start + shift + piece.text.length, text: piece.text });
    shift += piece.text.length - (piece.end - piece.start);
  }
  const minified = pieces.map((p) => p.text);
  const live = liveCustomProperties(step, minified, constructed);
  const defined = new Set(minified.flatMap((text) => customPropertyDeclarations(text).map((d) => d.name)));
  const out = applyEdits(
    step,
    positions.map((p) => ({ ...p, text: withoutDeadCustomProperties(p.text, live) })),
  );
  const raw = pieces.reduce((n, p) => n + p.end - p.start, 0);
  return {
    source: out,
    stats: {
      templates: templates.length,
      cssBytes: raw,
      minifiedBytes: positions.reduce((n, p) => n + withoutDeadCustomProperties(p.text, live).length, 0),
      customProperties: defined.size,
      removedCustomProperties: [...defined].filter((name) => !live.has(name)).length,
    },
  };
}

/**
 * Marks the calls that run when a top-level initializer is evaluated (not those in functions) as pure:
 * an initializer whose variable nothing reads can then be dropped, with what only it uses.
 * @param {AnyNode | null | undefined} node
 * @param {Edit[]} edits
 */
function annotatePure(node, edits) {
  if (!node || typeof node.type !== "string") return;
  if (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") return;
  if (node.type === "CallExpression" || node.type === "NewExpression") {
    edits.push({ start: node.start, end: node.start, text: "/* @__PURE__ */ " });
  } else if (node.type === "TaggedTemplateExpression") {
    // esbuild reads no annotation before a tagged template; it does before a call.
    edits.push({ start: node.start, end: node.start, text: "/* @__PURE__ */ (() => " });
    edits.push({ start: node.end, end: node.end, text: ")()" });
  }
  if (node.type === "ClassExpression") {
    annotatePure(node["superClass"], edits);
    for (const member of node["body"].body) {
      if (member.computed) annotatePure(member.key, edits);
      if (member.static && member.type === "PropertyDefinition") annotatePure(member.value, edits);
    }
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "type" || key === "start" || key === "end") continue;
    if (Array.isArray(value)) for (const child of value) annotatePure(child, edits);
    else if (value && typeof value === "object" && typeof value.type === "string") annotatePure(value, edits);
  }
}

/**
 * The bundle is `const{RedocStandalone,hydrate,init}=(()=>{…;return{…}})();export{…}`: one closure, so
 * that nothing in it can be left out. This turns the closure's body into the module's top level, its
 * result into exports, and imports React's replacement (patches.mjs) from react-compat.js.
 * @param {string} source
 * @param {{ pure?: boolean }} [options]
 */
export function toModule(source, { pure = true } = {}) {
  const program = parseModule(source);
  const declaration = program["body"].find(
    (/** @type {AnyNode} */ s) => s.type === "VariableDeclaration" && s.declarations[0]?.init?.type === "CallExpression",
  );
  const closure = declaration?.declarations[0].init.callee;
  if (closure?.type !== "ArrowFunctionExpression" || closure.body.type !== "BlockStatement") {
    throw new Error("Redoc's bundle is not the closure that renderer/bundle.mjs expects");
  }
  const statements = closure.body.body;
  // `return console.info(…),VHe(),{RedocStandalone,hydrate,init}`: what runs before the object stays.
  const result = statements.at(-1);
  const returned = result?.type === "ReturnStatement" ? result.argument : undefined;
  const sequence = returned?.type === "SequenceExpression" ? returned.expressions : [returned];
  const exported = sequence.at(-1);
  if (exported?.type !== "ObjectExpression") {
    throw new Error("Redoc's bundle does not end in the object that renderer/bundle.mjs expects");
  }
  const lastly = sequence.slice(0, -1).map((/** @type {AnyNode} */ e) => `${source.slice(e.start, e.end)};`);
  /** @type {Edit[]} */
  const edits = [];
  if (pure) {
    for (const statement of statements) {
      if (statement.type !== "VariableDeclaration") continue;
      for (const declarator of statement.declarations) annotatePure(declarator.init, edits);
    }
  }
  const start = statements[0].start;
  const annotated = applyEdits(source.slice(0, result.start), edits.filter((e) => e.start < result.start));
  const exports = exported.properties.map((/** @type {AnyNode} */ p) => {
    const name = p.key.name;
    return p.shorthand
      ? `export { ${name} };`
      : `const __export_${name} = ${source.slice(p.value.start, p.value.end)};\nexport { __export_${name} as ${name} };`;
  });
  return [
    // Redoc's licence header, which the bundler keeps with the other licence comments.
    source.slice(0, declaration.start).trim(),
    `import * as ${compatImport} from ${JSON.stringify(join(here, "react-compat.js"))};`,
    annotated.slice(start),
    ...lastly,
    ...exports,
    "",
  ].join("\n");
}

/**
 * The page's script, and what was done to it.
 * @param {{ skip?: RegExp }} [options] patches to leave out, by name
 * @returns {Promise<{ code: string, stats: Record<string, number> }>}
 */
export async function bundleRenderer({ skip } = {}) {
  const original = readStandalone();
  const css = minifyCss(applyPatches(original, skip));
  const module = toModule(css.source);
  const result = await build({
    entryPoints: [join(here, "entry.js")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    charset: "utf8",
    legalComments: "eof",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
    plugins: [
      {
        name: "redoc-standalone",
        setup(b) {
          b.onResolve({ filter: /^redoc-standalone$/ }, () => ({ path: "redoc-standalone", namespace: "redoc" }));
          b.onLoad({ filter: /.*/, namespace: "redoc" }, () => ({ contents: module, loader: "js", resolveDir: here }));
        },
      },
    ],
  });
  const bundled = result.outputFiles[0]?.text ?? "";
  const minified = await minify(bundled, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: /@license|@preserve|^!/ },
  });
  const code = minified.code ?? "";
  return {
    code,
    stats: {
      standaloneBytes: Buffer.byteLength(original),
      esbuildBytes: Buffer.byteLength(bundled),
      cssBytes: css.stats.cssBytes,
      minifiedCssBytes: css.stats.minifiedBytes,
      customProperties: css.stats.customProperties,
      removedCustomProperties: css.stats.removedCustomProperties,
      scriptBytes: Buffer.byteLength(code),
    },
  };
}
