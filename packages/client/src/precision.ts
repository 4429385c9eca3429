/**
 * The int64 fields of the API. Their values can exceed 2^53 (the reference shows
 * 422321321312321321), beyond what a JavaScript number holds exactly, so the client
 * delivers them as decimal strings. A test keeps this list equal to the spec's int64 fields.
 */
export const INT64_FIELDS = ["marker_id"] as const;

/** An int64 field's key and its integer value (the value is group 1). */
const INT64_NUMBER = new RegExp(`"(?:${INT64_FIELDS.join("|")})"\\s*:\\s*(-?\\d+)(?=\\s*[,}\\]])`, "g");

/** The keys as they appear in JSON text, to skip the scan of bodies without any. */
const INT64_KEYS = INT64_FIELDS.map((field) => `"${field}"`);

/**
 * Quotes the integer values of int64 fields in a JSON text, before it is parsed. A key
 * inside a JSON string cannot match: its quotes would be escaped. A body without any of
 * the keys is returned as it is, unscanned.
 */
export function quoteInt64Fields(json: string): string {
  if (!INT64_KEYS.some((key) => json.includes(key))) return json;
  let quoted = "";
  let copied = 0;
  INT64_NUMBER.lastIndex = 0;
  for (let match = INT64_NUMBER.exec(json); match !== null; match = INT64_NUMBER.exec(json)) {
    const value = match[1]!;
    const end = INT64_NUMBER.lastIndex;
    quoted += `${json.slice(copied, end - value.length)}"${value}"`;
    copied = end;
  }
  return copied === 0 ? json : quoted + json.slice(copied);
}

/**
 * The API's types with every int64 field as the decimal string the client delivers.
 * Primitives are leaves, branded ones too: `string & {}` counts as an object type.
 */
export type Int64AsString<T> = T extends string | number | boolean | bigint | null | undefined
  ? T
  : T extends readonly (infer Item)[]
  ? Int64AsString<Item>[]
  : T extends object
    ? { [Key in keyof T]: Key extends (typeof INT64_FIELDS)[number] ? string : Int64AsString<T[Key]> }
    : T;
