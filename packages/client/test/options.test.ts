import { describe, expect, it } from "vitest";
import { createVpcepClient, VpcepConfigError, type VpcepClientOptions } from "../src/index.js";

const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const token = "MIIExampleToken-not-a-real-one";

/** Calls createVpcepClient with options the types would refuse, as JavaScript callers can. */
function createUnchecked(options: unknown) {
  return createVpcepClient(options as VpcepClientOptions);
}

function configErrorOf(options: unknown): VpcepConfigError {
  try {
    createUnchecked(options);
  } catch (error) {
    if (error instanceof VpcepConfigError) return error;
    throw error;
  }
  throw new Error("expected a VpcepConfigError");
}

describe("createVpcepClient options", () => {
  it("rejects an unknown region, naming the option and the known regions", () => {
    const error = configErrorOf({ region: "eu-xx", projectId, token });
    expect(error.option).toBe("region");
    expect(error.message).toBe('Invalid VPCEP client option "region": must be one of "eu-de", "eu-nl"; got "eu-xx"');
  });

  it("rejects a region inherited from Object.prototype", () => {
    expect(configErrorOf({ region: "toString", projectId, token }).option).toBe("region");
  });

  it("rejects both region and baseUrl", () => {
    const error = configErrorOf({ region: "eu-de", baseUrl: "https://example.test", projectId, token });
    expect(error.option).toBe("region");
    expect(error.message).toContain("not both");
  });

  it("rejects neither region nor baseUrl", () => {
    expect(configErrorOf({ projectId, token }).message).toContain('give a "region"');
  });

  it.each([
    ["not a url", "must be an absolute http(s) URL"],
    ["ftp://example.test", "must use http or https"],
    ["https://example.test/?a=1", "must not contain credentials, a query or a fragment"],
    ["https://user:pw@example.test", "must not contain credentials, a query or a fragment"],
  ])("rejects the baseUrl %s", (baseUrl, rule) => {
    const error = configErrorOf({ baseUrl, projectId, token });
    expect(error.option).toBe("baseUrl");
    expect(error.message).toContain(rule);
  });

  it("rejects a baseUrl that is neither a string nor a URL", () => {
    expect(configErrorOf({ baseUrl: 42, projectId, token }).message).toContain("got the number 42");
  });

  it.each([undefined, "", "a/b", "x".repeat(65), 42])("rejects the projectId %j", (bad) => {
    const error = configErrorOf({ region: "eu-de", projectId: bad, token });
    expect(error.option).toBe("projectId");
    expect(error.message).toContain('must be 1 to 64 letters, digits, "-" or "_"');
  });

  it("rejects options with neither a token nor credentials", () => {
    const error = configErrorOf({ region: "eu-de", projectId });
    expect(error.option).toBe("token");
    expect(error.message).toContain('give a "token"');
  });

  it.each(["", 42])("rejects the token %j", (bad) => {
    const error = configErrorOf({ region: "eu-de", projectId, token: bad });
    expect(error.option).toBe("token");
    expect(error.message).toContain("must be a non-empty string");
  });

  it("rejects a token with a line break without quoting it", () => {
    const secret = "secret-part\nsecond-line";
    const error = configErrorOf({ region: "eu-de", projectId, token: secret });
    expect(error.option).toBe("token");
    expect(error.message).not.toContain("secret-part");
    expect(String(error)).not.toContain("secret-part");
    expect(JSON.stringify(error)).not.toContain("secret-part");
  });

  it("rejects a fetch that is not a function", () => {
    const error = configErrorOf({ region: "eu-de", projectId, token, fetch: "fetch" });
    expect(error.option).toBe("fetch");
    expect(error.message).toContain("must be a function");
  });

  it("rejects options that are not an object", () => {
    expect(configErrorOf(null).option).toBe("options");
  });

  it("is an Error named VpcepConfigError", () => {
    const error = configErrorOf({ region: "eu-xx", projectId, token });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("VpcepConfigError");
  });
});
