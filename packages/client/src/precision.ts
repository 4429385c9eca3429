/**
 * The int64 fields of the API. Their values can exceed 2^53 (the reference shows
 * 422321321312321321), beyond what a JavaScript number holds exactly, so the client
 * delivers them as decimal strings. A test keeps this list equal to the spec's int64 fields.
 */
export const INT64_FIELDS = ["marker_id"] as const;

const INT64_NUMBER = new RegExp(`("(?:${INT64_FIELDS.join("|")})"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, "g");

/**
 * Quotes the integer values of int64 fields in a JSON text, before it is parsed. A key
 * inside a JSON string cannot match: its quotes would be escaped.
 */
export function quoteInt64Fields(json: string): string {
  return INT64_FIELDS.some((field) => json.includes(`"${field}"`)) ? json.replace(INT64_NUMBER, '$1"$2"') : json;
}

/** The API's types with every int64 field as the decimal string the client delivers. */
export type Int64AsString<T> = T extends readonly (infer Item)[]
  ? Int64AsString<Item>[]
  : T extends object
    ? { [Key in keyof T]: Key extends (typeof INT64_FIELDS)[number] ? string : Int64AsString<T[Key]> }
    : T;
