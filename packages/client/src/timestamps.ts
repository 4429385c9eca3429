import { VpcepArgumentError } from "./arguments.js";
import { describeValue } from "./errors.js";

// YYYY-MM-DDTHH:MM:SS, an optional fraction, and an optional zone (Z or ±HH:MM).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/i;

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
  const [, year, month, day, hour, minute, second, fraction = "", zone = "Z"] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  const check = new Date(utc);
  const exists =
    check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d &&
    check.getUTCHours() === h && check.getUTCMinutes() === mi && check.getUTCSeconds() === s;
  if (!exists) throw notATimestamp(text, "no such date or time");
  const offsetMinutes = zone.toUpperCase() === "Z" ? 0 : offsetOf(zone);
  if (offsetMinutes === undefined) throw notATimestamp(text, "the zone offset must be at most ±23:59");
  return new Date(utc - offsetMinutes * 60_000);
}

function offsetOf(zone: string): number | undefined {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

function notATimestamp(value: unknown, rule: string): VpcepArgumentError {
  return new VpcepArgumentError("parseTimestamp", "text", `${rule}; got ${describeValue(value)}`);
}
