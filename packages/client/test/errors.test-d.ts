import { describe, expectTypeOf, it } from "vitest";
import {
  VpcepApiError,
  VpcepArgumentError,
  VpcepError,
  VpcepRedirectError,
  VpcepResponseError,
  VpcepTimeoutError,
  type ContractViolation,
  type FetchFunction,
  type KnownErrorCode,
} from "../src/index.js";

describe("error types", () => {
  it("tell every kind apart, the redirect and argument errors included", () => {
    expectTypeOf<VpcepError["kind"]>().toEqualTypeOf<
      "config" | "argument" | "api" | "network" | "timeout" | "abort" | "response" | "redirect" | "wait"
    >();
    expectTypeOf<VpcepRedirectError["kind"]>().toEqualTypeOf<"redirect">();
    expectTypeOf<VpcepArgumentError["kind"]>().toEqualTypeOf<"argument">();
  });

  it("make VpcepArgumentError a VpcepError", () => {
    expectTypeOf<VpcepArgumentError>().toExtend<VpcepError>();
  });

  it("carry the attempts a call made, and the contract mock's violations", () => {
    expectTypeOf<VpcepApiError["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<VpcepApiError["violations"]>().toEqualTypeOf<ContractViolation[]>();
    expectTypeOf<VpcepApiError["serviceMessage"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VpcepResponseError["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<VpcepTimeoutError["attempts"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ContractViolation>().toEqualTypeOf<{ location: string; message: string }>();
  });

  it("type the code as the documented codes, open to others", () => {
    expectTypeOf<KnownErrorCode>().toExtend<NonNullable<VpcepApiError["code"]>>();
    expectTypeOf<"EndPoint.9999">().toExtend<NonNullable<VpcepApiError["code"]>>();
    expectTypeOf<VpcepApiError["code"]>().not.toEqualTypeOf<string | undefined>();
  });

  it("name the redirect's target, which a browser may hide", () => {
    expectTypeOf<VpcepRedirectError["location"]>().toEqualTypeOf<string | undefined>();
  });
});

describe("FetchFunction", () => {
  it("takes a Request and an init with the attempt's signal", () => {
    expectTypeOf<FetchFunction>().toEqualTypeOf<(request: Request, init?: { signal: AbortSignal }) => Promise<Response>>();
  });
});
