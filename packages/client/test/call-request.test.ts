import { describe, expect, it } from "vitest";
import { CallRequest, mayBeAborted } from "../src/call-request.js";

const url = "https://vpcep.test/v1/p1/vpc-endpoints";

describe("CallRequest", () => {
  it("notes that a request built without a signal cannot be aborted", () => {
    expect(mayBeAborted(new CallRequest(url))).toBe(false);
    expect(mayBeAborted(new CallRequest(url, { signal: null }))).toBe(false);
  });

  it("notes that a request built with the caller's signal can be aborted", () => {
    expect(mayBeAborted(new CallRequest(url, { signal: new AbortController().signal }))).toBe(true);
  });

  it("assumes that a request copied from another one can be aborted", () => {
    expect(mayBeAborted(new CallRequest(new Request(url)))).toBe(true);
  });

  it("assumes that a request the client did not build can be aborted", () => {
    expect(mayBeAborted(new Request(url))).toBe(true);
  });
});
