import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startEmulator, type EmulatorState, type RunningEmulator } from "../src/index.js";
import { OBS_EU_DE, VPC_ID, apiOf, availableService, startTestEmulator, temporaryStateFile } from "./support/emulator.js";

/** A state with one available service (that any account may connect to) and one endpoint. */
async function sampleState(): Promise<{ emulator: RunningEmulator; state: EmulatorState }> {
  const emulator = await startTestEmulator();
  const api = apiOf(emulator);
  const serviceId = await availableService(emulator, api);
  await api.createEndpoint(serviceId);
  return { emulator, state: emulator.snapshot() };
}

/**
 * An emulator whose state holds every status of services and endpoints, pending transitions
 * by time and by reads, failed records with their error, whitelist records, tags, both
 * kinds of endpoint with their own fields, and values at the edge of what the API accepts.
 */
async function everyKindOfRecord(): Promise<RunningEmulator> {
  const emulator = await startTestEmulator();
  const api = apiOf(emulator);
  const created = async (answer: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const { status, body } = await answer;
    expect(status).toBe(200);
    return body["id"] as string;
  };
  const service = await created(api.createService({ service_name: "billing", vpc_id: "", description: "", tags: [{ key: "env", value: "" }, { key: "team" }] }));
  const toDelete = await created(api.createService());
  const toFail = await created(api.createService({ approval_enabled: false }));
  emulator.advance(1000);
  await api.post(`vpc-endpoint-services/${service}/permissions/action`, { action: "add", permissions: ["*", "iam:domain::*", "iam:domain::0123abc"] });
  const accepted = await created(api.createEndpoint(service, { enable_dns: true, port_ip: "10.0.0.5", whitelist: ["10.0.0.0/8", "192.168.0.1"], enable_whitelist: true, tags: [{ key: "k", value: "v" }] }));
  const rejected = await created(api.createEndpoint(service, { vpc_id: "" }));
  const failed = await created(api.createEndpoint(service, { specification_name: "", description: "" }));
  const deleting = await created(api.createEndpoint(service));
  await created(api.createEndpoint(service));
  await created(api.post("vpc-endpoints", { endpoint_service_id: OBS_EU_DE, vpc_id: VPC_ID, routetables: [], policy_statement: [{ Effect: "Deny", Action: [], Resource: [], Sid: "s1" }] }));
  emulator.advance(1000);
  await api.post(`vpc-endpoint-services/${service}/connections/action`, { action: "receive", endpoints: [accepted] });
  await api.post(`vpc-endpoint-services/${service}/connections/action`, { action: "receive", endpoints: [deleting] });
  await api.post(`vpc-endpoint-services/${service}/connections/action`, { action: "reject", endpoints: [rejected] });
  emulator.inject({ kind: "failResource", resourceId: failed });
  emulator.inject({ kind: "failResource", resourceId: toFail, errorCode: "EndPoint.3001", errorMessage: "Failed to create a port." });
  expect((await api.del(`vpc-endpoints/${deleting}`)).status).toBe(204);
  expect((await api.del(`vpc-endpoint-services/${toDelete}`)).status).toBe(204);
  emulator.setTransitions("reads:2");
  await created(api.createService());
  await created(api.createEndpoint(service));
  return emulator;
}

type Broken = Record<string, unknown> & { services: Record<string, unknown>[]; endpoints: Record<string, unknown>[] };

const CASES: [string, (state: Broken) => void, RegExp][] = [
  ["a port mapping without its fields", (s) => (s.services[0]!["ports"] = [{}]), /"services\[0\]\.ports\[0\]\.client_port" is required/],
  ["a status that is none of the service's", (s) => (s.services[0]!["status"] = "bogus"), /"services\[0\]\.status" must be one of "creating", "available", "failed", "deleting"/],
  ["approval_enabled that is not a boolean", (s) => (s.services[0]!["approval_enabled"] = "yes"), /"services\[0\]\.approval_enabled" must be boolean \(rule: type\)/],
  ["tags that are not tags", (s) => (s.services[0]!["tags"] = [1, 2]), /"services\[0\]\.tags\[0\]" must be object \(rule: type\)/],
  ["a transition that is not one", (s) => (s.services[0]!["transition"] = "x"), /"services\[0\]\.transition" must be object \(rule: type\)/],
  ["a permission that is null", (s) => (s.services[0]!["permissions"] = [null]), /"services\[0\]\.permissions\[0\]" must be object \(rule: type\)/],
  ["two services with one id", (s) => s.services.push({ ...s.services[0]! }), /"services\[1\]\.id" .* is given twice \(rule: unique ids\)/],
  ["a negative seq", (s) => (s["seq"] = -1), /"seq" must be >= 0 \(rule: minimum\)/],
  ["a nextMarker past the one after the int64 maximum", (s) => (s["nextMarker"] = "9223372036854775809"), /"nextMarker" must be at most 9223372036854775808 \(rule: the int64 maximum, or the one after it once every marker_id is given\)/],
  ["an endpoint without its marker_id", (s) => delete s.endpoints[0]!["marker_id"], /"endpoints\[0\]\.marker_id" is required/],
  ["a field the state has not", (s) => (s.endpoints[0]!["colour"] = "red"), /"endpoints\[0\]\.colour" is not a field of the state/],
  ["a port_id that is no UUID, by the spec's rule for the create's port_id", (s) => (s.services[0]!["port_id"] = "p1"), /"services\[0\]\.port_id" must be a valid uuid \(rule: format\)/],
  ["a whitelist entry that is no IPv4 address, by the spec's rule for the create's whitelist", (s) => (s.endpoints[0]!["whitelist"] = ["x"]), /"endpoints\[0\]\.whitelist\[0\]" must match the pattern/],
];

describe("a state document is checked record by record", () => {
  it.each(CASES)("PUT /_emulator/state refuses %s, naming the field and the rule", async (_what, breakIt, message) => {
    const { emulator, state } = await sampleState();
    const broken = structuredClone(state) as unknown as Broken;
    breakIt(broken);
    const response = await fetch(`${emulator.url}/_emulator/state`, { method: "PUT", body: JSON.stringify(broken), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_msg: string }).error_msg).toMatch(message);
  });

  it("restore() refuses a broken record and keeps the state it had", async () => {
    const { emulator, state } = await sampleState();
    const broken = structuredClone(state) as unknown as Broken;
    broken.services[0]!["ports"] = [{}];
    expect(() => emulator.restore(broken as unknown as EmulatorState)).toThrow(/"services\[0\]\.ports\[0\]\.client_port" is required/);
    expect(emulator.snapshot()).toEqual(state);
  });

  it("a state file with a broken record is refused at start with ESTATEFILE and left as it is", async () => {
    const { state } = await sampleState();
    const broken = structuredClone(state) as unknown as Broken;
    broken.services[0]!["status"] = "bogus";
    const file = temporaryStateFile();
    const text = JSON.stringify(broken);
    writeFileSync(file, text);
    await expect(startEmulator({ stateFile: file })).rejects.toMatchObject({ code: "ESTATEFILE", message: expect.stringContaining('"services[0].status" must be one of') });
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("a snapshot of every kind of record passes", async () => {
    const emulator = await everyKindOfRecord();
    const state = emulator.snapshot();
    const other = await startTestEmulator();
    const put = await fetch(`${other.url}/_emulator/state`, { method: "PUT", body: JSON.stringify(state), headers: { "content-type": "application/json" } });
    expect({ status: put.status, body: await put.text() }).toEqual({ status: 204, body: "" });
    expect(other.snapshot()).toEqual(state);
  });

  it("the snapshot of every kind of record has every status and kind of transition", async () => {
    const state = (await everyKindOfRecord()).snapshot();
    expect(new Set(state.services.map((service) => service.status))).toEqual(new Set(["creating", "available", "failed", "deleting"]));
    expect(new Set(state.endpoints.map((endpoint) => endpoint.status))).toEqual(new Set(["creating", "pendingAcceptance", "accepted", "rejected", "failed", "deleting"]));
    const transitions = [...state.services, ...state.endpoints].flatMap((record) => (record.transition === undefined ? [] : [record.transition]));
    expect(transitions.some((transition) => transition.readsLeft !== undefined)).toBe(true);
    expect(transitions.some((transition) => transition.dueMs !== undefined)).toBe(true);
    expect(state.endpoints.map((endpoint) => endpoint.service_type).sort()).toContain("gateway");
  });
});
