import { describe, expectTypeOf, it } from "vitest";
import {
  createVpcepClient,
  canonicalQuery,
  canonicalUri,
  signRequest,
  VpcepApiError,
  type Connection,
  type Endpoint,
  type EndpointService,
  type ErrorCode,
  type KnownErrorCode,
  type Permission,
  type VpcepClient,
} from "../src/index.js";

const base = { region: "eu-de", projectId: "p" } as const;

describe("authentication options", () => {
  it("take a token, a token provider or AK/SK credentials", () => {
    createVpcepClient({ ...base, token: "t" });
    createVpcepClient({ ...base, token: async () => "t" });
    createVpcepClient({ ...base, credentials: { accessKey: "a", secretKey: "s", securityToken: "x" } });
  });

  it("refuse both, or neither", () => {
    // @ts-expect-error a token and credentials exclude each other
    createVpcepClient({ ...base, token: "t", credentials: { accessKey: "a", secretKey: "s" } });
    // @ts-expect-error some credentials are required
    createVpcepClient({ ...base });
  });

  it("signRequest takes a Request and credentials and returns a Request", () => {
    expectTypeOf(signRequest).parameters.toEqualTypeOf<
      [Request, { accessKey: string; secretKey: string; securityToken?: string }, ({ date?: Date } | undefined)?]
    >();
    expectTypeOf(signRequest).returns.toEqualTypeOf<Promise<Request>>();
  });

  it("canonicalUri and canonicalQuery take the raw path or query and return its canonical text", () => {
    expectTypeOf(canonicalUri).toEqualTypeOf<(pathname: string) => string>();
    expectTypeOf(canonicalQuery).toEqualTypeOf<(search: string) => string>();
  });
});

describe("throwOnError", () => {
  it("narrows results to the success", async () => {
    const vpcep = createVpcepClient({ ...base, token: "t", throwOnError: true });
    expectTypeOf(vpcep).toEqualTypeOf<VpcepClient<true>>();
    const { data, error } = await vpcep.getEndpoint("e");
    expectTypeOf(data).toEqualTypeOf<Endpoint>();
    expectTypeOf(error).toEqualTypeOf<undefined>();
  });

  it("keeps { data, error } without it", async () => {
    const vpcep = createVpcepClient({ ...base, token: "t" });
    const { data } = await vpcep.getEndpoint("e");
    expectTypeOf(data).toEqualTypeOf<Endpoint | undefined>();
  });
});

describe("errors", () => {
  it("type the code as the documented codes, still open to others", () => {
    expectTypeOf<VpcepApiError["code"]>().toEqualTypeOf<ErrorCode | undefined>();
    expectTypeOf<KnownErrorCode>().toExtend<ErrorCode>();
    expectTypeOf<"APIGW.0301">().toExtend<ErrorCode>();
  });
});

describe("paging and waiting", () => {
  const vpcep = createVpcepClient({ ...base, token: "t" });

  it("yields the items of each list", () => {
    expectTypeOf(vpcep.paginate.listEndpoints()).toEqualTypeOf<AsyncGenerator<Endpoint, void, undefined>>();
    expectTypeOf(vpcep.collectAll.listServiceConnections("s")).toEqualTypeOf<Promise<Connection[]>>();
    expectTypeOf(vpcep.collectAll.listServicePermissions("s")).toEqualTypeOf<Promise<Permission[]>>();
  });

  it("resolves waiters with the resource, or nothing for deletes", () => {
    expectTypeOf(vpcep.waitFor.endpointService("s")).toEqualTypeOf<Promise<EndpointService>>();
    expectTypeOf(vpcep.waitFor.endpoint("e", { until: "pendingAcceptance" })).toEqualTypeOf<Promise<Endpoint>>();
    expectTypeOf(vpcep.waitFor.endpointDeleted("e")).toEqualTypeOf<Promise<void>>();
    // @ts-expect-error an endpoint cannot be awaited until "rejected"
    void vpcep.waitFor.endpoint("e", { until: "rejected" });
  });

  it("types marker_id as a string in connections too", () => {
    expectTypeOf<Connection["marker_id"]>().toEqualTypeOf<string | undefined>();
  });
});

describe("waitFor.connection", () => {
  it("resolves with the connection, and takes the state to wait for", () => {
    const vpcep = createVpcepClient({ ...base, token: "t" });
    expectTypeOf(vpcep.waitFor.connection("s", "e", { until: "pendingAcceptance" })).resolves.toEqualTypeOf<Connection>();
    // @ts-expect-error a connection is waited for until pendingAcceptance or accepted only
    void vpcep.waitFor.connection("s", "e", { until: "rejected" });
  });
});
