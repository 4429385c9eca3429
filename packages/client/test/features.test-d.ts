import { describe, expectTypeOf, it } from "vitest";
import {
  createVpcepClient,
  canonicalQuery,
  canonicalUri,
  signRequest,
  VpcepApiError,
  type CallOptions,
  type Connection,
  type Endpoint,
  type EndpointService,
  type ErrorCode,
  type KnownErrorCode,
  type Permission,
  type VpcepAbortError,
  type VpcepClient,
  type VpcepTimeoutError,
  type VpcepWaitError,
  type WaitResult,
  type WaitState,
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

  it("takes the per-call options last, for every page, and no other", () => {
    const signal = new AbortController().signal;
    expectTypeOf(vpcep.paginate.listEndpoints({ limit: 10 }, { signal, headers: { "X-Trace": "t" } })).toEqualTypeOf<AsyncGenerator<Endpoint, void, undefined>>();
    expectTypeOf(vpcep.collectAll.listResourcesByTags).parameter(2).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf(vpcep.paginate.listServiceConnections).parameter(2).toEqualTypeOf<CallOptions | undefined>();
    // @ts-expect-error baseUrl is no per-call option
    void vpcep.collectAll.listEndpoints({}, { baseUrl: "https://elsewhere.example" });
  });

  it("resolves waiters with a WaitResult of the resource, or of undefined for deletes", () => {
    expectTypeOf(vpcep.waitFor.endpointService("s")).toEqualTypeOf<Promise<WaitResult<EndpointService>>>();
    expectTypeOf(vpcep.waitFor.endpoint("e", { until: "pendingAcceptance" })).toEqualTypeOf<Promise<WaitResult<Endpoint>>>();
    expectTypeOf(vpcep.waitFor.endpointDeleted("e")).toEqualTypeOf<Promise<WaitResult<undefined>>>();
    expectTypeOf(vpcep.waitFor.endpointServiceDeleted("s")).toEqualTypeOf<Promise<WaitResult<undefined>>>();
    expectTypeOf(vpcep.waitFor.endpoint("e", { until: "rejected" })).toEqualTypeOf<Promise<WaitResult<Endpoint>>>();
    // @ts-expect-error an endpoint cannot be awaited until "failed"
    void vpcep.waitFor.endpoint("e", { until: "failed" });
  });

  it("types marker_id as a string in connections too", () => {
    expectTypeOf<Connection["marker_id"]>().toEqualTypeOf<string | undefined>();
  });
});

describe("waitFor.connection", () => {
  it("resolves with the connection, and takes the state to wait for", () => {
    const vpcep = createVpcepClient({ ...base, token: "t" });
    expectTypeOf(vpcep.waitFor.connection("s", "e", { until: "pendingAcceptance" })).resolves.toEqualTypeOf<WaitResult<Connection>>();
    expectTypeOf(vpcep.waitFor.connection("s", "e", { until: "rejected" })).resolves.toEqualTypeOf<WaitResult<Connection>>();
    // @ts-expect-error a connection is waited for until pendingAcceptance, accepted or rejected only
    void vpcep.waitFor.connection("s", "e", { until: "deleting" });
  });
});

describe("WaitResult", () => {
  it("holds the resource, the number of reads and the states they saw, all read-only", () => {
    expectTypeOf<WaitResult<Endpoint>>().toEqualTypeOf<{
      readonly resource: Endpoint;
      readonly polls: number;
      readonly states: readonly WaitState[];
    }>();
    const result = {} as WaitResult<Endpoint>;
    // @ts-expect-error the states are read-only
    result.states.push("accepted");
    // @ts-expect-error so is the count
    result.polls = 1;
  });

  it("lets a destructured resource keep its type", async () => {
    const vpcep = createVpcepClient({ ...base, token: "t" });
    const { resource: endpoint } = await vpcep.waitFor.endpoint("e");
    expectTypeOf(endpoint).toEqualTypeOf<Endpoint>();
  });

  it("types a state as the documented states and the waiter's own, still open to others", () => {
    expectTypeOf<"creating" | "available" | "pendingAcceptance" | "accepted" | "rejected" | "failed" | "deleting">().toExtend<WaitState>();
    expectTypeOf<"notFound" | "notListed" | "unreadable">().toExtend<WaitState>();
    expectTypeOf<"frozen">().toExtend<WaitState>();
    expectTypeOf<WaitState>().toExtend<string>();
  });

  it("gives the errors of a wait its polls and states: always for VpcepWaitError, for a waiter's timeout or abort", () => {
    expectTypeOf<VpcepWaitError["polls"]>().toEqualTypeOf<number>();
    expectTypeOf<VpcepWaitError["states"]>().toEqualTypeOf<readonly WaitState[]>();
    expectTypeOf<VpcepTimeoutError["polls"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<VpcepTimeoutError["states"]>().toEqualTypeOf<readonly WaitState[] | undefined>();
    expectTypeOf<VpcepAbortError["states"]>().toEqualTypeOf<readonly WaitState[] | undefined>();
  });
});
