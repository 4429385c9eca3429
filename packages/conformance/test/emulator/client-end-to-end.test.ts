import { createVpcepClient, VpcepWaitError, type VpcepClient, type VpcepClientOptions } from "@otc-vpcep/client";
import { startEmulator, type EmulatorOptions, type Exchange, type RunningEmulator } from "@otc-vpcep/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { responseViolations } from "../support/spec.js";

// The client's waiters, paginators, retries and both kinds of credentials, end to end over
// loopback HTTP against the stateful emulator (until now they were tested only against
// scripted fetches). Every answer the emulator gives here is checked against the spec.
const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const fast = { initialDelayMs: 1, maxDelayMs: 5, timeoutMs: 10_000 };
const service = {
  port_id: "4189d3c2-8882-4871-a3c2-d380272eed88",
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  server_type: "VM" as const,
  approval_enabled: false,
  ports: [{ client_port: 8080, server_port: 80 }],
};

let emulator: RunningEmulator | undefined;
let exchanges: Exchange[] = [];
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  const broken = exchanges.filter((exchange) => exchange.violation !== undefined);
  exchanges = [];
  expect(broken, "answers that break the spec").toEqual([]);
});

/** An emulator that checks each answer against the spec, and a client of it. */
async function emulatorAndClient(options: EmulatorOptions = {}, client: Partial<VpcepClientOptions> = {}) {
  emulator = await startEmulator({ transitions: "reads:1", ...options, onResponse: (exchange) => void exchanges.push(exchange), strict: false });
  const vpcep = createVpcepClient({ baseUrl: emulator.url, projectId, token: "t", ...client } as VpcepClientOptions);
  return { emulator, vpcep };
}

const calls = (operationId: string) => exchanges.filter((exchange) => exchange.operationId === operationId);

async function availableService(vpcep: VpcepClient): Promise<string> {
  const created = await vpcep.createEndpointService(service);
  return (await vpcep.waitFor.endpointService(created.data!.id!, fast)).resource.id!;
}

describe("waiters against the emulator", () => {
  it("waitFor.endpointService reads creating, then resolves with the same service, available", async () => {
    const { vpcep } = await emulatorAndClient({ transitions: "reads:2" });
    const created = await vpcep.createEndpointService(service);
    expect(created.data?.status).toBe("creating");
    const { resource: ready } = await vpcep.waitFor.endpointService(created.data!.id!, fast);
    expect(ready).toMatchObject({ id: created.data!.id, status: "available", vpc_id: service.vpc_id });
    expect(calls("getEndpointService").map((exchange) => exchange.status)).toEqual([200, 200, 200]);
  });

  it("waitFor.endpoint resolves with the endpoint it was given, not another", async () => {
    const { vpcep } = await emulatorAndClient();
    const serviceId = await availableService(vpcep);
    const endpoint = await vpcep.createEndpoint({ endpoint_service_id: serviceId, vpc_id: service.vpc_id, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
    const { resource: accepted } = await vpcep.waitFor.endpoint(endpoint.data!.id!, fast);
    expect(accepted.id).toBe(endpoint.data!.id);
    expect(accepted.id).not.toBe(serviceId);
    expect(accepted.status).toBe("accepted");
  });

  it("waitFor.endpointDeleted resolves once the endpoint answers 404, after reading deleting", async () => {
    const { vpcep } = await emulatorAndClient();
    const serviceId = await availableService(vpcep);
    const endpoint = await vpcep.createEndpoint({ endpoint_service_id: serviceId, vpc_id: service.vpc_id, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
    await vpcep.waitFor.endpoint(endpoint.data!.id!, fast);
    exchanges = [];
    expect((await vpcep.deleteEndpoint(endpoint.data!.id!)).response.status).toBe(204);
    const gone = await vpcep.waitFor.endpointDeleted(endpoint.data!.id!, fast);
    expect(calls("getEndpoint").map((exchange) => exchange.status)).toEqual([200, 404]);
    expect(gone).toEqual({ resource: undefined, polls: 2, states: ["deleting", "notFound"] });
  });

  it("waitFor.endpoint reports the states it saw on the way to accepted: creating, pendingAcceptance until the owner accepts, accepted", async () => {
    const { vpcep } = await emulatorAndClient();
    const created = await vpcep.createEndpointService({ ...service, approval_enabled: true });
    const serviceId = (await vpcep.waitFor.endpointService(created.data!.id!, fast)).resource.id!;
    const endpoint = await vpcep.createEndpoint({ endpoint_service_id: serviceId, vpc_id: service.vpc_id, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
    exchanges = [];
    const waiting = vpcep.waitFor.endpoint(endpoint.data!.id!, fast);
    // reads:1: the first read sees creating, the second pendingAcceptance, where the endpoint stays until accepted.
    await expect.poll(() => calls("getEndpoint").length).toBeGreaterThanOrEqual(3);
    expect((await vpcep.acceptOrRejectConnections(serviceId, { action: "receive", endpoints: [endpoint.data!.id!] })).response.status).toBe(200);
    const { resource, polls, states } = await waiting;
    expect(resource).toMatchObject({ id: endpoint.data!.id, status: "accepted" });
    expect(states).toEqual(["creating", "pendingAcceptance", "accepted"]);
    expect(polls).toBe(calls("getEndpoint").length);
    expect(polls).toBeGreaterThanOrEqual(4);
  });

  it("waitFor.endpoint until rejected resolves once the owner rejects, and waitFor.connection sees the same", async () => {
    const { vpcep } = await emulatorAndClient();
    const created = await vpcep.createEndpointService({ ...service, approval_enabled: true });
    const serviceId = (await vpcep.waitFor.endpointService(created.data!.id!, fast)).resource.id!;
    const endpoint = await vpcep.createEndpoint({ endpoint_service_id: serviceId, vpc_id: service.vpc_id, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
    const endpointId = endpoint.data!.id!;
    // reads:1 moves the endpoint on as it is read: the consumer's side first, as a workflow does.
    await vpcep.waitFor.endpoint(endpointId, { ...fast, until: "pendingAcceptance" });
    await vpcep.waitFor.connection(serviceId, endpointId, { ...fast, until: "pendingAcceptance" });
    expect((await vpcep.acceptOrRejectConnections(serviceId, { action: "reject", endpoints: [endpointId] })).response.status).toBe(200);
    const { resource, states } = await vpcep.waitFor.endpoint(endpointId, { ...fast, until: "rejected" });
    expect(resource).toMatchObject({ id: endpointId, status: "rejected" });
    expect(states.at(-1)).toBe("rejected");
    expect((await vpcep.waitFor.connection(serviceId, endpointId, { ...fast, until: "rejected" })).resource.status).toBe("rejected");
  });

  it("waitFor.endpointService fails fast with the service's reasons when the create fails", async () => {
    const { emulator, vpcep } = await emulatorAndClient();
    emulator.inject({ kind: "fail", operationId: "createEndpointService", errorCode: "EndPoint.3008", errorMessage: "The port does not exist." });
    const created = await vpcep.createEndpointService(service);
    const error = await vpcep.waitFor.endpointService(created.data!.id!, fast).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepWaitError);
    expect(error).toMatchObject({ status: "failed", errors: [{ error_code: "EndPoint.3008", error_message: "The port does not exist." }] });
    expect(error).toMatchObject({ polls: 2, states: ["creating", "failed"] });
  });
});

describe("paginators against the emulator", () => {
  it("collectAll.listEndpoints returns all 25 endpoints in 3 pages of 10", async () => {
    const { vpcep } = await emulatorAndClient({ transitions: "immediate" });
    const serviceId = await availableService(vpcep);
    const created = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const endpoint = await vpcep.createEndpoint({ endpoint_service_id: serviceId, vpc_id: service.vpc_id, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
      created.add(endpoint.data!.id!);
    }
    exchanges = [];
    const all = await vpcep.collectAll.listEndpoints({ limit: 10 });
    expect(new Set(all.map((endpoint) => endpoint.id))).toEqual(created);
    expect(calls("listEndpoints")).toHaveLength(3);
  });

  it("paginate.listServiceConnections walks the connections of a service, sorted as asked", async () => {
    const { vpcep } = await emulatorAndClient({ transitions: "immediate" });
    const serviceId = await availableService(vpcep);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const endpoint = await vpcep.createEndpoint({ endpoint_service_id: serviceId, vpc_id: service.vpc_id, subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" });
      ids.push(endpoint.data!.id!);
    }
    const seen: string[] = [];
    for await (const connection of vpcep.paginate.listServiceConnections(serviceId, { limit: 1, sort_key: "created_at", sort_dir: "asc" })) seen.push(connection.id!);
    expect(seen).toEqual(ids);
  });
});

describe("retries against the emulator's faults", () => {
  it("retries a read through two 503s with Retry-After and returns the endpoint", async () => {
    const { emulator, vpcep } = await emulatorAndClient({ transitions: "immediate" });
    const serviceId = await availableService(vpcep);
    emulator.inject({ kind: "error", operationId: "getEndpointService", times: 2, status: 503, errorCode: "EndPoint.0001", retryAfter: 0 });
    exchanges = [];
    const read = await vpcep.getEndpointService(serviceId);
    expect(read.data?.id).toBe(serviceId);
    expect(calls("getEndpointService").map((exchange) => exchange.status)).toEqual([503, 503, 200]);
  });

  it("retries a read whose connection was dropped", async () => {
    const { emulator, vpcep } = await emulatorAndClient({ transitions: "immediate" });
    const serviceId = await availableService(vpcep);
    emulator.inject({ kind: "drop", operationId: "getEndpointService", times: 1 });
    expect((await vpcep.getEndpointService(serviceId)).data?.id).toBe(serviceId);
  });

  it("does not repeat a create that got a 503, and reports the service's code", async () => {
    const { emulator, vpcep } = await emulatorAndClient();
    emulator.inject({ kind: "error", operationId: "createEndpointService", times: 1, status: 503, errorCode: "EndPoint.0001" });
    const created = await vpcep.createEndpointService(service);
    expect(created.response.status).toBe(503);
    expect(created.error).toMatchObject({ error_code: "EndPoint.0001" });
    expect(calls("createEndpointService")).toHaveLength(1);
    expect((await vpcep.listEndpointServices()).data?.total_count).toBe(0);
  });

  it("gives up after its attempts and returns the last 503", async () => {
    const { emulator, vpcep } = await emulatorAndClient({}, { retry: { maxAttempts: 2, baseDelayMs: 0 } });
    emulator.inject({ kind: "error", operationId: "listEndpoints", times: 5, status: 503, errorCode: "EndPoint.0001" });
    expect((await vpcep.listEndpoints()).response.status).toBe(503);
    expect(calls("listEndpoints")).toHaveLength(2);
  });
});

describe("credentials against the emulator", () => {
  it("an accepted IAM token reads; another is refused with the gateway's 401", async () => {
    const { emulator } = await emulatorAndClient({ tokens: ["the-right-token"] });
    const right = createVpcepClient({ baseUrl: emulator.url, projectId, token: "the-right-token" });
    const wrong = createVpcepClient({ baseUrl: emulator.url, projectId, token: "a-wrong-token" });
    expect((await right.listEndpoints()).response.status).toBe(200);
    const refused = await wrong.listEndpoints();
    expect(refused.response.status).toBe(401);
    expect(responseViolations("listEndpoints", 401, refused.error)).toEqual([]);
  });

  it("a token provider is asked again after a 401 and the call succeeds with the new token", async () => {
    const { emulator } = await emulatorAndClient({ tokens: ["fresh"] });
    const tokens = ["expired", "fresh"];
    const vpcep = createVpcepClient({ baseUrl: emulator.url, projectId, token: () => tokens.shift() ?? "none" });
    expect((await vpcep.listEndpoints()).response.status).toBe(200);
    expect(calls("listEndpoints").map((exchange) => exchange.status)).toEqual([401, 200]);
  });

  it("AK/SK: the client's signature is verified and accepted, a wrong secret key is refused", async () => {
    const { emulator } = await emulatorAndClient({ accessKeys: { AKEXAMPLE: "the-secret-key" } });
    const signed = createVpcepClient({ baseUrl: emulator.url, projectId, credentials: { accessKey: "AKEXAMPLE", secretKey: "the-secret-key" } });
    const forged = createVpcepClient({ baseUrl: emulator.url, projectId, credentials: { accessKey: "AKEXAMPLE", secretKey: "another-key" } });
    expect((await signed.createEndpointService(service)).response.status).toBe(200);
    expect((await forged.listEndpointServices()).response.status).toBe(401);
    expect((await signed.listEndpointServices()).data?.total_count).toBe(1);
  });

  it("AK/SK: a client whose clock is 20 minutes behind the gateway's corrects it from the 401 and succeeds", async () => {
    const { emulator } = await emulatorAndClient({ accessKeys: { AKEXAMPLE: "the-secret-key" } });
    emulator.advance(20 * 60_000);
    const signed = createVpcepClient({ baseUrl: emulator.url, projectId, credentials: { accessKey: "AKEXAMPLE", secretKey: "the-secret-key" } });
    expect((await signed.listEndpoints()).response.status).toBe(200);
    expect((await signed.listEndpoints()).response.status).toBe(200);
    expect(calls("listEndpoints").map((exchange) => exchange.status)).toEqual([401, 200, 200]);
  });
});
