// The CSS of Redoc's styled-components templates, made smaller without changing what the page looks
// like: comments and redundant whitespace go, and so do the definitions of custom properties that
// nothing reads. Redoc's theme defines about 3,000 of them (many for products of Redocly that this page
// is not), on every page, and most are never used.

/**
 * @typedef {{ start: number, end: number, value: { raw: string } }} Quasi
 * @typedef {{ start: number, end: number, quasis: Quasi[] }} TemplateLiteral
 */

const name = "[A-Za-z0-9_-]";
const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The custom properties whose names the code puts together at run time, as patterns: from every
 * template literal in which a name runs into an interpolation (`var(--layout-${size}-max-width)`).
 * A name that starts with `--` alone (`--${token}-${suffix}`) matches anything; such a template must be
 * listed in `known`, with the names it can make (none when it is not a custom property at all, as in
 * `<!--${comment}-->`); one that is not stops the build.
 * @param {string} source
 * @param {TemplateLiteral[]} templates every template literal of the bundle
 * @param {Record<string, RegExp[]>} known by the template's text
 * @returns {RegExp[]}
 */
export function constructedCustomProperties(source, templates, known) {
  /** @type {RegExp[]} */
  const patterns = [];
  for (const template of templates) {
    template.quasis.forEach((quasi, i) => {
      const next = template.quasis[i + 1];
      const prefix = next && new RegExp(`--${name}*$`).exec(quasi.value.raw)?.[0];
      if (!next || !prefix) return;
      if (prefix.length > 2) {
        const suffix = new RegExp(`^${name}*`).exec(next.value.raw)?.[0] ?? "";
        patterns.push(new RegExp(`^${escape(prefix)}${name}*${escape(suffix)}$`));
        return;
      }
      const text = source.slice(template.start, template.end);
      const names = known[text];
      if (names === undefined) {
        throw new Error(`renderer: a template builds names that start with "--" alone, and patches.mjs does not say which: ${text.slice(0, 120)}`);
      }
      patterns.push(...names);
    });
  }
  return patterns;
}

/**
 * Minifies the text of one template: its quasis in order, as one stream, so that a string or a comment
 * that spans an interpolation is seen as such. Returns the new raw text of each quasi.
 * Outside strings: comments (block comments, and line comments as stylis reads them) are dropped,
 * whitespace runs become one space, and the spaces around `{`, `}`, `;`, `,` and after `:` go.
 * @param {string[]} quasis raw texts
 * @returns {string[]}
 */
export function minifyTemplate(quasis) {
  /** @type {string | null} */
  let quote = null;
  let parens = 0;
  return quasis.map((raw, index) => {
    let out = "";
    let space = false;
    // Whitespace right after an interpolation may separate it from the next token: one space stays.
    const flushSpace = () => {
      if (space && (out.length > 0 ? !/[{};,:]$/.test(out) : index > 0)) out += " ";
      space = false;
    };
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] ?? "";
      if (c === "\\") {
        // An escape of the template literal (or of CSS): copied as a pair.
        flushSpace();
        out += raw.slice(i, i + 2);
        i++;
        continue;
      }
      if (quote !== null) {
        out += c;
        if (c === quote) quote = null;
        continue;
      }
      if (c === "/" && raw[i + 1] === "*") {
        const end = raw.indexOf("*/", i + 2);
        if (end === -1) {
          // A comment that runs into an interpolation: kept as it is.
          flushSpace();
          out += raw.slice(i);
          break;
        }
        i = end + 1;
        space = true;
        continue;
      }
      if (c === "/" && raw[i + 1] === "/" && parens === 0 && (i === 0 || /[\s;{}]/.test(raw[i - 1] ?? ""))) {
        const end = raw.indexOf("\n", i);
        if (end === -1) {
          flushSpace();
          out += raw.slice(i);
          break;
        }
        i = end - 1;
        space = true;
        continue;
      }
      if (/\s/.test(c)) {
        space = true;
        continue;
      }
      if (/[{};,]/.test(c)) {
        space = false;
        if (c === "}" && out.endsWith(";")) out = out.slice(0, -1);
        out += c;
        continue;
      }
      flushSpace();
      if (c === '"' || c === "'") quote = c;
      else if (c === "(") parens++;
      else if (c === ")") parens = Math.max(0, parens - 1);
      out += c;
    }
    // Whitespace next to an interpolation may separate two tokens: one space stays.
    if (space) out += " ";
    return out;
  });
}

/**
 * The declarations of custom properties in a minified quasi that can be removed whole: `--name:value;`
 * with balanced parentheses and quotes in the value, all inside the quasi.
 * @param {string} text
 * @returns {Array<{ name: string, start: number, end: number, value: string }>}
 */
export function customPropertyDeclarations(text) {
  const found = [];
  for (const match of text.matchAll(/(?<=^|[\s;{])(--[A-Za-z0-9_-]+):/g)) {
    const name = match[1] ?? "";
    const valueStart = match.index + match[0].length;
    let depth = 0;
    /** @type {string | null} */
    let quote = null;
    let end = -1;
    for (let i = valueStart; i < text.length; i++) {
      const c = text[i];
      if (c === "\\") {
        i++;
        continue;
      }
      if (quote !== null) {
        if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
      else if (depth === 0 && (c === ";" || c === "}" || c === "{")) {
        if (c === ";") end = i + 1;
        break;
      }
    }
    if (end !== -1 && quote === null && depth === 0) {
      found.push({ name, start: match.index, end, value: text.slice(valueStart, end - 1) });
    }
  }
  return found;
}

/**
 * The custom properties that something reads: named anywhere in the bundle outside their own
 * definitions (in a `var()`, a style object, a string of the code), or named in the value of one that is
 * read, or built at run time from a name that `dynamic` matches.
 * @param {string} source the whole bundle, its CSS already minified
 * @param {string[]} quasis the minified CSS quasis (as they are in `source`)
 * @param {RegExp[]} dynamic names that Redoc's code puts together at run time
 * @returns {Set<string>}
 */
export function liveCustomProperties(source, quasis, dynamic) {
  /** @type {Map<string, string[]>} */
  const references = new Map();
  /** @type {Map<string, number>} */
  const inDefinitions = new Map();
  const count = (/** @type {Map<string, number>} */ map, /** @type {string} */ key) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const quasi of quasis) {
    for (const { name, value } of customPropertyDeclarations(quasi)) {
      count(inDefinitions, name);
      const named = [...value.matchAll(/--[A-Za-z0-9_-]+/g)].map((m) => m[0]);
      for (const other of named) count(inDefinitions, other);
      references.set(name, [...(references.get(name) ?? []), ...named]);
    }
  }
  /** @type {Map<string, number>} */
  const everywhere = new Map();
  for (const m of source.matchAll(/--[A-Za-z0-9_-]+/g)) count(everywhere, m[0]);
  const live = new Set();
  const queue = [];
  for (const [name, n] of everywhere) {
    // A name that occurs more often than in removable definitions (its own, and in the values of
    // others) is read somewhere, or defined where it cannot be removed.
    if (!references.has(name) || n > (inDefinitions.get(name) ?? 0) || dynamic.some((re) => re.test(name))) {
      live.add(name);
      queue.push(name);
    }
  }
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const other of references.get(name) ?? []) {
      if (!live.has(other)) {
        live.add(other);
        queue.push(other);
      }
    }
  }
  return live;
}

/**
 * Removes the declarations of the custom properties that are not live from a minified quasi.
 * @param {string} text
 * @param {Set<string>} live
 */
export function withoutDeadCustomProperties(text, live) {
  let out = "";
  let at = 0;
  for (const { name, start, end } of customPropertyDeclarations(text)) {
    if (live.has(name) || start < at) continue;
    out += text.slice(at, start);
    at = end;
  }
  return out + text.slice(at);
}
