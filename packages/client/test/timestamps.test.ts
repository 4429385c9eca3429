import { describe, expect, it } from "vitest";
import { parseTimestamp, VpcepArgumentError } from "../src/index.js";

describe("parseTimestamp", () => {
  it("reads the documented form, UTC with Z", () => {
    expect(parseTimestamp("2018-01-30T07:42:01Z").toISOString()).toBe("2018-01-30T07:42:01.000Z");
  });

  it("reads the zone-less form with a fraction as UTC", () => {
    expect(parseTimestamp("2018-01-30T07:42:01.174").toISOString()).toBe("2018-01-30T07:42:01.174Z");
  });

  it("reads the zone-less form without a fraction as UTC", () => {
    expect(parseTimestamp("2018-01-30T07:42:01").toISOString()).toBe("2018-01-30T07:42:01.000Z");
  });

  it("keeps milliseconds of a longer fraction and drops the rest", () => {
    expect(parseTimestamp("2018-01-30T07:42:01.123456Z").toISOString()).toBe("2018-01-30T07:42:01.123Z");
  });

  it("pads a short fraction: .5 is half a second", () => {
    expect(parseTimestamp("2018-01-30T07:42:01.5").getUTCMilliseconds()).toBe(500);
  });

  it("applies an RFC 3339 offset", () => {
    expect(parseTimestamp("2018-01-30T09:42:01+02:00").toISOString()).toBe("2018-01-30T07:42:01.000Z");
    expect(parseTimestamp("2018-01-30T05:12:01-02:30").toISOString()).toBe("2018-01-30T07:42:01.000Z");
  });

  it("refuses a text that is not a timestamp, naming the value", () => {
    expect(() => parseTimestamp("30.01.2018 07:42")).toThrow(VpcepArgumentError);
    expect(() => parseTimestamp("30.01.2018 07:42")).toThrow(/parseTimestamp.*YYYY-MM-DDTHH:MM:SS.*"30\.01\.2018 07:42"/);
  });

  it("refuses a date that does not exist", () => {
    expect(() => parseTimestamp("2018-02-30T07:42:01Z")).toThrow(/no such date or time/);
    expect(() => parseTimestamp("2018-01-30T24:00:00Z")).toThrow(/no such date or time/);
  });

  it("reads the lower-case t and z that RFC 3339 allows", () => {
    expect(parseTimestamp("2018-01-30t07:42:01z").toISOString()).toBe("2018-01-30T07:42:01.000Z");
  });

  it("refuses an offset beyond ±23:59, hours or minutes", () => {
    expect(() => parseTimestamp("2018-01-30T07:42:01+05:99")).toThrow(/HH at most 23 and MM at most 59/);
    expect(() => parseTimestamp("2018-01-30T07:42:01+24:00")).toThrow(/HH at most 23 and MM at most 59/);
  });

  it("refuses what is not a string, naming its type", () => {
    expect(() => parseTimestamp(1517298121 as unknown as string)).toThrow(/got the number 1517298121/);
  });
});
