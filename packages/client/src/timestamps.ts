import { VpcepArgumentError } from "./arguments.js";
import { describeValue } from "./errors.js";

// YYYY-MM-DD, THH:MM:SS, an optional fraction, and an optional zone (Z or ±HH:MM); RFC 3339 allows t and z too.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Reads a timestamp of the API (`created_at`, `updated_at`, ...) into a `Date`. The
 * reference documents `2018-01-30T07:42:01Z`; the service has also sent the form without
 * a zone and with a fraction, `2018-01-30T07:42:01.174`, which is UTC too. Both are read,
 * as is any RFC 3339 offset; anything else, or a date that does not exist, throws a
 * `VpcepArgumentError` naming the value.
 */
export function parseTimestamp(text: string): Date {
  const match = typeof text === "string" ? TIMESTAMP.exec(text) : null;
  if (match === null) throw notATimestamp(text, "write it YYYY-MM-DDTHH:MM:SS, with an optional fraction and zone");
  const [, writtenClock = "", fraction = "", writtenZone = "Z"] = match;
  const wallClock = writtenClock.toUpperCase();
  const zone = writtenZone.toUpperCase();
  // Date rolls 2018-02-30 over into March: a time that does not read back as written does not exist.
  const asWritten = new Date(`${wallClock}Z`);
  if (Number.isNaN(asWritten.getTime()) || asWritten.toISOString().slice(0, 19) !== wallClock) {
    throw notATimestamp(text, "no such date or time");
  }
  const date = new Date(`${wallClock}.${fraction.padEnd(3, "0").slice(0, 3)}${zone}`);
  if (Number.isNaN(date.getTime())) throw notATimestamp(text, "the zone offset must be ±HH:MM with HH at most 23 and MM at most 59");
  return date;
}

function notATimestamp(value: unknown, rule: string): VpcepArgumentError {
  return new VpcepArgumentError("parseTimestamp", "text", `${rule}; got ${describeValue(value)}`);
}
