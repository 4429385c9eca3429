/**
 * fast-check arbitraries derived from JSON Schema, for the subset the VPCEP spec uses:
 * `$ref`, `type` (one or several), `enum`, `const`, `pattern`, `format` (uuid, ipv4,
 * date-time, int32, int64), `minimum`/`maximum`, `minLength`/`maxLength`,
 * `minItems`/`maxItems`, `uniqueItems`, `properties`, `required`,
 * `additionalProperties: false`, `minProperties`/`maxProperties`, `oneOf`, `anyOf`, and
 * an `allOf` of one schema. A keyword outside the subset throws, naming it, so that a
 * new feature of the spec is noticed rather than silently left ungenerated.
 *
 * Two derivations:
 * - `valid(schema)`: values the schema accepts, including its limits (a string of
 *   exactly `maxLength`, an array of exactly `maxItems`, …).
 * - `breakages(schema)`: for each constraint, values that break it and, as far as the
 *   schema allows, nothing else (a too-long tag key still matches the key's pattern).
 *   Each value says where in it the constraint is broken.
 *
 * Strings with a `pattern` come from `fc.stringMatching(new RegExp(pattern, "u"))`.
 * fast-check handles every pattern of the spec, `\p{L}` and `\p{Nd}` included (Unicode
 * property escapes are supported since fast-check 4.7), so no hand-built alphabet is
 * needed; a pattern it cannot handle throws here with the pattern in the message.
 * Lengths count code points, as JSON Schema does, not UTF-16 units.
 */
import fc from "fast-check";

export type JsonSchema = Record<string, unknown>;

/** Where in a value a constraint is broken: property names and array indexes. */
export type Location = (string | number)[];

/** A value that breaks a constraint, and where in the value it breaks it. */
export interface Broken {
  value: unknown;
  at: Location;
}

/** A step from a schema to a subschema, to name a constraint: `tags[].key`. */
export type SchemaStep = { property: string } | { items: true } | { branch: string; of: "oneOf" | "anyOf" };

/** Values that break one constraint of a schema (or of a subschema, at `path`). */
export interface Breakage {
  path: SchemaStep[];
  keyword: string;
  arbitrary: fc.Arbitrary<Broken>;
}

/** A constraint that cannot be broken on its own where the value travels, and why. */
export interface Unbreakable {
  path: SchemaStep[];
  keyword: string;
  reason: string;
}

/**
 * How a value travels, which limits how it can be broken: `json` in a request body;
 * `path` and `query` as text in the URL, where a number is its digits, a parameter is
 * always a string, and an empty query value reads as an absent parameter.
 */
export type Wire = "json" | "path" | "query";

export interface DerivationOptions {
  /** The schema a `$ref` names (refs are resolved within one document). */
  resolveRef(ref: string): JsonSchema;
  /** Whether a string has the format, as the validator (ajv-formats) decides it. */
  acceptsFormat(format: string, value: string): boolean;
}

/** Keywords that document, or that a sibling keyword makes redundant, and constrain nothing. */
const ANNOTATIONS = new Set([
  "title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly",
  "discriminator", // ajv, like Prism, validates the oneOf itself; the discriminator only names branches
]);
const CONSTRAINTS = new Set([
  "$ref", "type", "enum", "const", "pattern", "format", "minimum", "maximum", "minLength", "maxLength",
  "items", "minItems", "maxItems", "uniqueItems", "properties", "required", "additionalProperties",
  "minProperties", "maxProperties", "oneOf", "anyOf", "allOf",
]);

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

/** The number of code points, which is how JSON Schema counts `minLength` and `maxLength`. */
export const codePoints = (text: string): number => [...text].length;

/** Renders a schema path for people: `tags[].key`, `[TagCreateRequest] tags[].key`. */
export function describePath(path: SchemaStep[]): string {
  let text = "";
  for (const step of path) {
    if ("property" in step) text += text === "" || text.endsWith("] ") ? step.property : `.${step.property}`;
    else if ("items" in step) text += "[]";
    else text += `[${step.branch}] `;
  }
  return text.trim();
}

function typeOfJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Whether a JSON value has one of the JSON Schema types. */
export function hasType(value: unknown, types: string[]): boolean {
  return types.some((type) => {
    if (type === "integer") return typeof value === "number" && Number.isInteger(value);
    if (type === "number") return typeof value === "number";
    return typeOfJson(value) === type;
  });
}

/**
 * Whether a URL text reads as an integer once coerced as ajv does for parameters
 * (`coerceTypes`, which Prism uses): non-empty and `text == +text`, so `" 5"`, `"1e2"`,
 * `"0x10"` and `"2.0"` count as integers, and `"2.5"` or `"ten"` do not.
 */
export function readsAsInteger(text: string): boolean {
  const number = Number(text);
  return text !== "" && !Number.isNaN(number) && Number.isInteger(number);
}

/** Characters that often fall outside a pattern: separators, markup, other scripts, controls. */
const FOREIGN_CHARACTERS = [
  " ", "#", "<", ">", ".", "/", "%", "?", "&", "=", "+", ",", ";", "'", '"', "\\", "\t", "\u0000",
  "é", "名", "😀", "\u0301", "٣", "a", "Z", "0", "9", "-", "_", "@", "*", ":",
];

/** One code point: mostly printable ASCII, sometimes any Unicode code point (controls too). */
const ANY_CHARACTER = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);

/** A small JSON value of any type, to put where the schema wants another type. */
const ANY_JSON: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

/** Texts that are not integers even to a coercing validator. */
const NOT_AN_INTEGER = fc
  .oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
    fc.stringMatching(/^[a-z]{1,8}$/),
    fc.constantFrom("true", "false", "null", "1,5", "1_000", "5px", "Infinity", "NaN"),
  )
  .filter((text) => !readsAsInteger(text));

/**
 * A pattern made of one character class repeated (`^[…]+$` or `^[…]*$`): strings of
 * any length can be built from that class, which a length breakage needs.
 */
function repeatedClass(pattern: string): RegExp | undefined {
  const match = /^\^(\[(?:\\.|[^\]\\])+\])[*+]\$$/.exec(pattern);
  return match?.[1] === undefined ? undefined : new RegExp(`^${match[1]}$`, "u");
}

/** A flattened view of a schema: its `$ref` and one-schema `allOf` resolved. */
type View = JsonSchema;

/**
 * One `stringMatching` arbitrary per regex, shared: for a `\p{L}` class fast-check builds
 * a table of some 140,000 code points per arbitrary, and building it again for every
 * constraint of every operation cost 12 seconds for one operation; shared, a fraction of one.
 */
const matchingCache = new Map<string, fc.Arbitrary<string>>();
function matching(regex: RegExp, maxLength?: number): fc.Arbitrary<string> {
  const key = `${regex.source}\u0000${maxLength ?? ""}`;
  let arbitrary = matchingCache.get(key);
  if (arbitrary === undefined) {
    arbitrary = fc.stringMatching(regex, maxLength === undefined ? {} : { maxLength });
    matchingCache.set(key, arbitrary);
  }
  return arbitrary;
}

/** What the derivation of breakages finds: values that break one constraint, and constraints that cannot be broken. */
interface Found {
  breakages: Breakage[];
  unbreakable: Unbreakable[];
}

/**
 * Where the derivation of breakages stands: the schema (flattened), how its value travels,
 * the path to it from the root schema, and where what it finds goes. One object instead of
 * the same four values (and three ways to record a finding) passed to every step.
 */
class Collecting {
  constructor(
    readonly view: View,
    readonly wire: Wire,
    readonly path: SchemaStep[],
    readonly found: Found,
  ) {}

  /** One step down (a branch, the items, a property), finding into `found` (by default the same). */
  into(view: View, step: SchemaStep, found: Found = this.found): Collecting {
    return new Collecting(view, this.wire, [...this.path, step], found);
  }

  /** Values that break `keyword` here, as a whole. */
  add(keyword: string, arbitrary: fc.Arbitrary<unknown>): void {
    this.addAt(keyword, arbitrary.map((value) => ({ value, at: [] })));
  }

  /** Values that break `keyword` here, each saying where in it. */
  addAt(keyword: string, arbitrary: fc.Arbitrary<Broken>): void {
    this.found.breakages.push({ path: this.path, keyword, arbitrary });
  }

  /** A constraint here that the wire cannot carry a break of, and why. */
  cannot(keyword: string, reason: string): void {
    this.found.unbreakable.push({ path: this.path, keyword, reason });
  }
}

export class SchemaArbitraries {
  constructor(private readonly options: DerivationOptions) {}

  /**
   * The schema with `$ref` and a single-schema `allOf` merged in; checks the keywords. A
   * boolean schema nested in another is `{}` for `true`; `false` accepts no value to generate.
   */
  view(schema: JsonSchema, depth = 0): View {
    if (depth > 32) throw new Error("schema nesting too deep (a recursive schema?)");
    if ((schema as unknown) === true) return {};
    if ((schema as unknown) === false) throw new Error("arbitraries: a schema false accepts no value, so none can be generated for it");
    for (const key of Object.keys(schema)) {
      if (!CONSTRAINTS.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
        throw new Error(`arbitraries: the keyword "${key}" is not supported (in ${JSON.stringify(schema).slice(0, 120)})`);
      }
    }
    const { $ref, allOf, ...rest } = schema;
    let merged: JsonSchema = rest;
    if (typeof $ref === "string") merged = { ...this.view(this.options.resolveRef($ref), depth + 1), ...rest };
    if (allOf !== undefined) {
      if (!Array.isArray(allOf) || allOf.length !== 1) throw new Error("arbitraries: only an allOf of one schema is supported");
      merged = { ...this.view(allOf[0] as JsonSchema, depth + 1), ...merged };
    }
    return merged;
  }

  private types(view: View): string[] | undefined {
    const type = view["type"];
    if (type === undefined) return undefined;
    return Array.isArray(type) ? (type as string[]) : [type as string];
  }

  private branches(view: View): { keyword: "oneOf" | "anyOf"; schemas: View[] } | undefined {
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const branches = view[keyword];
      if (Array.isArray(branches)) return { keyword, schemas: branches.map((branch) => this.view(branch as JsonSchema)) };
    }
    return undefined;
  }

  // ---------------------------------------------------------------- valid values

  /** Values the schema accepts. */
  valid(schema: JsonSchema, wire: Wire = "json"): fc.Arbitrary<unknown> {
    const view = this.view(schema);
    if ("const" in view) return fc.constant(view["const"]);
    if (Array.isArray(view["enum"])) return fc.constantFrom(...(view["enum"] as unknown[]));
    const union = this.branches(view);
    if (union !== undefined) {
      this.assertOnlyAnnotations(view, union.keyword);
      return fc.oneof(...union.schemas.map((branch) => this.valid(branch, wire)));
    }
    const types = this.types(view) ?? (view["properties"] !== undefined ? ["object"] : undefined);
    if (types === undefined) throw new Error(`arbitraries: a schema without type is not supported: ${JSON.stringify(view)}`);
    return fc.oneof(...types.map((type) => this.validOfType(view, type, wire)));
  }

  private assertOnlyAnnotations(view: View, keyword: string): void {
    const others = Object.keys(view).filter((key) => key !== keyword && !ANNOTATIONS.has(key) && !key.startsWith("x-"));
    if (others.length > 0) throw new Error(`arbitraries: ${keyword} beside ${others.join(", ")} is not supported`);
  }

  private validOfType(view: View, type: string, wire: Wire): fc.Arbitrary<unknown> {
    switch (type) {
      case "string":
        return this.validString(view);
      case "integer":
        return fc.integer(this.integerRange(view));
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return this.validArray(view, wire);
      case "object":
        return this.validObject(view, wire);
      default:
        throw new Error(`arbitraries: type "${type}" is not supported`);
    }
  }

  private integerRange(view: View): { min: number; max: number } {
    const format = view["format"];
    const bounds = format === "int32" ? INT32 : format === undefined || format === "int64" ? INT64 : undefined;
    if (bounds === undefined) throw new Error(`arbitraries: integer format "${String(format)}" is not supported`);
    return {
      min: Math.max(bounds.min, (view["minimum"] as number | undefined) ?? bounds.min),
      max: Math.min(bounds.max, (view["maximum"] as number | undefined) ?? bounds.max),
    };
  }

  private lengths(view: View): { min: number; max: number | undefined } {
    return { min: (view["minLength"] as number | undefined) ?? 0, max: view["maxLength"] as number | undefined };
  }

  private withinLength(view: View): (text: string) => boolean {
    const { min, max } = this.lengths(view);
    return (text) => codePoints(text) >= min && (max === undefined || codePoints(text) <= max);
  }

  /** Strings of the format, of the pattern, or of any characters, within the lengths. */
  private validString(view: View): fc.Arbitrary<string> {
    const format = view["format"] as string | undefined;
    const pattern = view["pattern"] as string | undefined;
    const { min, max } = this.lengths(view);
    const fits = this.withinLength(view);
    if (format !== undefined) {
      if (pattern !== undefined) throw new Error("arbitraries: a format with a pattern is not supported");
      return this.formatted(format).filter(fits);
    }
    if (pattern !== undefined) {
      const regex = new RegExp(pattern, "u");
      const matches = matching(regex, max).filter(fits);
      const unit = repeatedClass(pattern);
      if (unit === undefined || max === undefined) return matches;
      // The limit itself: exactly maxLength characters of the pattern's class.
      const atLimit = fc.string({ unit: matching(unit), minLength: max, maxLength: max });
      return fc.oneof({ weight: 4, arbitrary: matches }, { weight: 1, arbitrary: atLimit });
    }
    const any = fc.string({ unit: ANY_CHARACTER, minLength: min, ...(max === undefined ? {} : { maxLength: max }) });
    if (max === undefined) return any;
    const atLimit = fc.string({ unit: ANY_CHARACTER, minLength: max, maxLength: max });
    return fc.oneof({ weight: 4, arbitrary: any }, { weight: 1, arbitrary: atLimit });
  }

  private formatted(format: string): fc.Arbitrary<string> {
    switch (format) {
      case "uuid":
        return fc.uuid();
      case "ipv4":
        return fc.ipV4();
      case "date-time":
        return fc
          .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
          .map((date) => date.toISOString());
      default:
        throw new Error(`arbitraries: string format "${format}" is not supported`);
    }
  }

  private arrayOf(view: View, wire: Wire, minLength: number, maxLength: number | undefined): fc.Arbitrary<unknown[]> {
    if (wire !== "json") throw new Error("arbitraries: array parameters are not supported");
    const items = this.valid((view["items"] ?? {}) as JsonSchema, wire);
    const lengths = { minLength, ...(maxLength === undefined ? {} : { maxLength }) };
    return view["uniqueItems"] === true
      ? fc.uniqueArray(items, { ...lengths, selector: (item) => JSON.stringify(item) })
      : fc.array(items, lengths);
  }

  private itemCounts(view: View): { min: number; max: number | undefined } {
    return { min: (view["minItems"] as number | undefined) ?? 0, max: view["maxItems"] as number | undefined };
  }

  private validArray(view: View, wire: Wire): fc.Arbitrary<unknown[]> {
    const { min, max } = this.itemCounts(view);
    const any = this.arrayOf(view, wire, min, max);
    if (max === undefined) return any;
    // The limits themselves, which fast-check's small default sizes rarely reach.
    return fc.oneof(
      { weight: 6, arbitrary: any },
      { weight: 1, arbitrary: this.arrayOf(view, wire, max, max) },
      { weight: 1, arbitrary: this.arrayOf(view, wire, min, min) },
    );
  }

  private properties(view: View): Record<string, JsonSchema> {
    return (view["properties"] ?? {}) as Record<string, JsonSchema>;
  }

  private required(view: View): string[] {
    const required = (view["required"] ?? []) as string[];
    const unknown = required.filter((name) => !(name in this.properties(view)));
    if (unknown.length > 0) throw new Error(`arbitraries: required ${unknown.join(", ")} without a property schema`);
    return required;
  }

  private validObject(view: View, wire: Wire): fc.Arbitrary<Record<string, unknown>> {
    const object = this.objectWith(view, wire, {});
    if (object === undefined) throw new Error(`arbitraries: no object satisfies ${JSON.stringify(view).slice(0, 120)}`);
    return object;
  }

  /**
   * Valid objects that have the `present` properties (besides the required ones) and
   * `count` properties in all; undefined when the schema allows no such object.
   */
  private objectWith(
    view: View,
    wire: Wire,
    wanted: { present?: string[]; absent?: string[]; count?: number },
  ): fc.Arbitrary<Record<string, unknown>> | undefined {
    const properties = this.properties(view);
    const names = Object.keys(properties);
    const absent = wanted.absent ?? [];
    const fixed = [...new Set([...this.required(view), ...(wanted.present ?? [])])].filter((name) => !absent.includes(name));
    const optional = names.filter((name) => !fixed.includes(name) && !absent.includes(name));
    const minCount = wanted.count ?? Math.max(fixed.length, (view["minProperties"] as number | undefined) ?? 0);
    const maxCount = wanted.count ?? Math.min(names.length, (view["maxProperties"] as number | undefined) ?? names.length);
    const fewest = Math.max(0, minCount - fixed.length);
    const most = Math.min(optional.length, maxCount - fixed.length);
    if (most < fewest) return undefined;
    const values = fc.record(Object.fromEntries(names.map((name) => [name, this.valid(properties[name] ?? {}, wire)])));
    const chosen = fc.subarray(optional, { minLength: fewest, maxLength: most });
    return fc.tuple(values, chosen).map(([all, extra]) => {
      const keep = new Set([...fixed, ...extra]);
      return Object.fromEntries(names.filter((name) => keep.has(name)).map((name) => [name, all[name]]));
    });
  }

  // ---------------------------------------------------------------- broken values

  /**
   * For each constraint of the schema and of its subschemas: values that break that
   * constraint only, where the wire can carry them; the others are listed as unbreakable.
   */
  breakages(schema: JsonSchema, wire: Wire = "json"): Found {
    const found: Found = { breakages: [], unbreakable: [] };
    this.collect(new Collecting(this.view(schema), wire, [], found));
    return found;
  }

  private collect(here: Collecting): void {
    const { view } = here;
    const union = this.branches(view);
    if (union !== undefined) {
      const types = union.schemas.map((branch) => this.types(branch)?.join(",") ?? "?");
      const shared = types.every((type) => type === types[0] && type !== "?") ? this.types(union.schemas[0] ?? {}) : undefined;
      if (shared !== undefined) this.collectType(here, shared);
      union.schemas.forEach((branch, index) => {
        const name = (branch["title"] as string | undefined) ?? `${union.keyword}[${index}]`;
        this.collect(here.into(branch, { branch: name, of: union.keyword }));
      });
      return;
    }

    const types = this.types(view) ?? (view["properties"] !== undefined ? ["object"] : undefined);
    if (types !== undefined) this.collectType(here, types);

    if ("const" in view || Array.isArray(view["enum"])) {
      const allowed = "const" in view ? [view["const"]] : (view["enum"] as unknown[]);
      here.add("const" in view ? "const" : "enum", this.outside(allowed, here.wire));
      return;
    }
    // With several types, a value of one of them that breaks one of its constraints is invalid too.
    for (const type of types ?? []) {
      switch (type) {
        case "string":
          this.collectString(here);
          break;
        case "integer":
          this.collectInteger(here);
          break;
        case "array":
          this.collectArray(here);
          break;
        case "object":
          this.collectObject(here);
          break;
      }
    }
  }

  private collectType(here: Collecting, types: string[]): void {
    const { view, wire } = here;
    if (wire === "json") {
      here.add("type", ANY_JSON.filter((value) => !hasType(value, types)));
    } else if (types.includes("integer") || types.includes("number")) {
      here.add("type", NOT_AN_INTEGER);
    } else if (types.includes("object")) {
      here.cannot("type", "an exploded object parameter is its keys; there is no other type to send");
    } else if (wire === "query") {
      // A parameter given twice is an array, which Prism refuses where a string is wanted.
      here.add("type", fc.tuple(this.valid(view, wire), this.valid(view, wire)));
    } else {
      here.cannot("type", "a path segment is always a string");
    }
  }

  /** Values outside an enum: its members in another case or with a character more or less, and words. */
  private outside(allowed: unknown[], wire: Wire): fc.Arbitrary<unknown> {
    if (allowed.every((member) => typeof member === "string")) {
      const members = allowed as string[];
      const member = fc.constantFrom(...members);
      return fc
        .oneof(
          member.map((m) => m.toUpperCase()),
          member.map((m) => m.charAt(0).toUpperCase() + m.slice(1)),
          member.map((m) => m.toLowerCase()),
          member.map((m) => `${m}s`),
          member.map((m) => m.slice(1)),
          member.map((m) => ` ${m}`),
          fc.stringMatching(/^[a-z][a-z_]{0,15}$/),
        )
        .filter((value) => !members.includes(value) && (wire === "json" || value.trim() !== ""));
    }
    if (allowed.every((member) => typeof member === "number" && Number.isInteger(member))) {
      return fc.integer().filter((value) => !allowed.includes(value));
    }
    throw new Error(`arbitraries: breaking the enum ${JSON.stringify(allowed)} is not supported`);
  }

  private collectString(here: Collecting): void {
    const { view, wire } = here;
    const format = view["format"] as string | undefined;
    const pattern = view["pattern"] as string | undefined;
    const regex = pattern === undefined ? undefined : new RegExp(pattern, "u");
    const { min, max } = this.lengths(view);
    const fits = this.withinLength(view);
    const sendable = (text: string) => wire === "json" || text !== "";
    const unit = pattern === undefined ? ANY_CHARACTER : repeatedClass(pattern);
    const unitArbitrary = unit instanceof RegExp ? matching(unit) : unit;

    if (min > 0) {
      if (unitArbitrary === undefined || format !== undefined) {
        here.cannot("minLength", "the pattern or format leaves no shorter strings to build");
      } else if (wire !== "json" && min === 1) {
        here.cannot("minLength", "the only shorter value is empty, which reads as no value in a URL");
      } else {
        here.add("minLength", fc.string({ unit: unitArbitrary, minLength: wire === "json" ? 0 : 1, maxLength: min - 1 }));
      }
    }
    if (max !== undefined) {
      if (unitArbitrary === undefined || format !== undefined) {
        here.cannot("maxLength", "the pattern or format leaves no longer strings to build");
      } else {
        here.add("maxLength", fc.string({ unit: unitArbitrary, minLength: max + 1, maxLength: max + 8 }));
      }
    }
    if (regex !== undefined) {
      const valid = this.validString(view);
      const foreign = fc.constantFrom(...FOREIGN_CHARACTERS);
      const spliced = (remove: number) =>
        fc.tuple(valid, foreign, fc.nat()).map(([text, character, position]) => {
          const characters = [...text];
          characters.splice(position % (characters.length + 1), Math.min(remove, characters.length), character);
          return characters.join("");
        });
      const any = fc.string({ unit: ANY_CHARACTER, minLength: min, maxLength: max ?? Math.max(min, 12) });
      const mismatching = fc
        .oneof(spliced(0), spliced(1), any)
        .filter((text) => !regex.test(text) && fits(text) && sendable(text));
      here.add("pattern", mismatching);
    }
    if (format !== undefined) {
      const valid = this.formatted(format);
      const foreign = fc.constantFrom(...FOREIGN_CHARACTERS, "g", "G", "256", "::", "T", "Z", "13");
      const nearMisses = fc.tuple(valid, foreign, fc.nat(), fc.nat({ max: 1 })).map(([text, insert, position, remove]) => {
        const characters = [...text];
        characters.splice(position % (characters.length + 1), remove, insert);
        return characters.join("");
      });
      const words = fc.string({ unit: ANY_CHARACTER, minLength: 1, maxLength: 40 });
      here.add(
        "format",
        fc
          .oneof(nearMisses, words)
          .filter((text) => !this.options.acceptsFormat(format, text) && fits(text) && sendable(text)),
      );
    }
  }

  private collectInteger(here: Collecting): void {
    const { view } = here;
    const minimum = view["minimum"] as number | undefined;
    const maximum = view["maximum"] as number | undefined;
    const bounds = view["format"] === "int32" ? INT32 : INT64;
    // Stays inside the format's range, so that only the minimum or maximum is broken.
    if (minimum !== undefined && minimum - 1 >= bounds.min) {
      here.add("minimum", fc.integer({ min: Math.max(bounds.min, minimum - 1000), max: minimum - 1 }));
    }
    if (maximum !== undefined && maximum + 1 <= bounds.max) {
      here.add("maximum", fc.integer({ min: maximum + 1, max: Math.min(bounds.max, maximum + 1000) }));
    }
    if (view["format"] === "int32") {
      if (minimum === undefined) here.add("format (int32)", fc.integer({ min: INT32.min - 1000, max: INT32.min - 1 }));
      if (maximum === undefined) here.add("format (int32)", fc.integer({ min: INT32.max + 1, max: INT32.max + 1000 }));
    }
  }

  private collectArray(here: Collecting): void {
    const { view, wire } = here;
    const { min, max } = this.itemCounts(view);
    if (min > 0) here.add("minItems", this.arrayOf(view, wire, 0, min - 1));
    if (max !== undefined) here.add("maxItems", this.arrayOf(view, wire, max + 1, max + 3));
    if (view["uniqueItems"] === true && (max === undefined || max >= 2)) {
      const fewest = Math.max(1, min - 1);
      const most = Math.max(fewest, Math.min((max ?? fewest + 5) - 1, fewest + 5));
      here.addAt(
        "uniqueItems",
        fc.tuple(this.arrayOf(view, wire, fewest, most), fc.nat(), fc.nat()).map(([items, from, to]) => {
          const copy = items[from % items.length];
          const at = to % (items.length + 1);
          return { value: [...items.slice(0, at), copy, ...items.slice(at)], at: [] };
        }),
      );
    }
    // Each constraint of the items, broken in one item of an otherwise valid array.
    const inner: Found = { breakages: [], unbreakable: here.found.unbreakable };
    this.collect(here.into(this.view((view["items"] ?? {}) as JsonSchema), { items: true }, inner));
    const fewest = Math.max(1, min);
    if (max !== undefined && max < fewest) return;
    const arrays = this.arrayOf(view, wire, fewest, Math.max(fewest, Math.min(max ?? fewest + 4, fewest + 4)));
    for (const breakage of inner.breakages) {
      here.found.breakages.push({
        path: breakage.path,
        keyword: breakage.keyword,
        arbitrary: fc.tuple(arrays, breakage.arbitrary, fc.nat()).map(([items, broken, position]) => {
          const index = position % items.length;
          return { value: items.map((item, i) => (i === index ? broken.value : item)), at: [index, ...broken.at] };
        }),
      });
    }
  }

  private collectObject(here: Collecting): void {
    const { view, wire } = here;
    const properties = this.properties(view);
    const names = Object.keys(properties);
    const property = (name: string, found?: Found) => here.into(this.view(properties[name] ?? {}), { property: name }, found);
    for (const name of this.required(view)) {
      const without = this.objectWith(view, wire, { absent: [name] });
      if (without === undefined) property(name).cannot("required", "no object lacks only it");
      else property(name).addAt("required", without.map((value) => ({ value, at: [name] })));
    }
    if (view["additionalProperties"] === false) {
      if (wire !== "json") {
        here.cannot("additionalProperties", "the keys of an exploded object cannot be told from other query parameters");
      } else {
        const unknownKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/).filter((key) => !names.includes(key));
        const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
        const valid = this.validObject(view, wire);
        here.addAt(
          "additionalProperties",
          fc.tuple(valid, unknownKey, value).map(([object, key, extra]) => ({ value: { ...object, [key]: extra }, at: [key] })),
        );
      }
    }
    const minProperties = view["minProperties"] as number | undefined;
    if (minProperties !== undefined && minProperties > 0) {
      const fewer = this.objectWith(view, wire, { count: minProperties - 1 });
      if (fewer === undefined) here.cannot("minProperties", "the required properties alone reach the minimum");
      else here.add("minProperties", fewer);
    }
    const maxProperties = view["maxProperties"] as number | undefined;
    if (maxProperties !== undefined) {
      const more = this.objectWith(view, wire, { count: maxProperties + 1 });
      if (more === undefined) here.cannot("maxProperties", "the schema declares too few properties to exceed it");
      else here.add("maxProperties", more);
    }
    // Each constraint of each property, broken in an otherwise valid object that has it.
    for (const name of names) {
      const inner: Found = { breakages: [], unbreakable: here.found.unbreakable };
      this.collect(property(name, inner));
      const objects = this.objectWith(view, wire, { present: [name] });
      if (objects === undefined) {
        property(name).cannot("*", "no valid object has it");
        continue;
      }
      for (const breakage of inner.breakages) {
        here.found.breakages.push({
          path: breakage.path,
          keyword: breakage.keyword,
          arbitrary: fc.tuple(objects, breakage.arbitrary).map(([object, broken]) => ({
            value: { ...object, [name]: broken.value },
            at: [name, ...broken.at],
          })),
        });
      }
    }
  }
}
