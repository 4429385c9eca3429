import { describe, expect, it } from "vitest";
import { OBS_EU_DE, OTHER_PROJECT, SUBNET_ID, VPC_ID, apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

describe("endpoints", () => {
  it("keeps everything a create sends and returns it, status creating, with a new UUID", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const body = {
      endpoint_service_id: serviceId,
      vpc_id: VPC_ID,
      subnet_id: SUBNET_ID,
      whitelist: ["10.0.0.0/8"],
      enable_whitelist: true,
      specification_name: "default",
      description: "to billing",
      tags: [{ key: "env", value: "test" }],
    };
    const created = await api.post("vpc-endpoints", body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ...body, status: "creating", service_type: "interface", project_id: expect.any(String) });
    expect(created.body["id"]).not.toBe(serviceId);
    expect((await api.get(`vpc-endpoints/${created.body["id"]}`)).body).toMatchObject(body);
  });

  it("sends marker_id as a 64-bit integer above 2^53, exactly", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const first = await api.createEndpoint(serviceId);
    const second = await api.createEndpoint(serviceId);
    const digits = (text: string) => /"marker_id":(\d+)/.exec(text)?.[1];
    expect(BigInt(digits(first.text)!)).toBeGreaterThan(2n ** 53n);
    expect(BigInt(digits(second.text)!) - BigInt(digits(first.text)!)).toBe(1n);
  });

  it("starts marker ids at firstMarkerId when one is given", async () => {
    const emulator = await startTestEmulator({ firstMarkerId: "16777510" });
    const api = apiOf(emulator);
    const created = await api.createEndpoint(await availableService(emulator, api));
    expect(/"marker_id":(\d+)/.exec(created.text)?.[1]).toBe("16777510");
  });

  it("refuses a firstMarkerId that is not decimal digits", async () => {
    await expect(startTestEmulator({ firstMarkerId: "12ab" })).rejects.toThrow('Invalid emulator option "firstMarkerId"');
  });

  it("becomes pendingAcceptance when the service requires approval", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createEndpoint(await availableService(emulator, api, { approval_enabled: true }))).body["id"];
    emulator.advance(1000);
    expect((await api.get(`vpc-endpoints/${id}`)).body["status"]).toBe("pendingAcceptance");
  });

  it("becomes accepted, with an IP address from the subnet, when the service needs no approval", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createEndpoint(await availableService(emulator, api, { approval_enabled: false }))).body["id"];
    expect((await api.get(`vpc-endpoints/${id}`)).body["ip"]).toBeUndefined();
    emulator.advance(1000);
    const read = await api.get(`vpc-endpoints/${id}`);
    expect(read.body["status"]).toBe("accepted");
    expect(read.body["ip"]).toMatch(/^192\.168\.\d{1,3}\.\d{1,3}$/);
  });

  it("takes port_ip as its address", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createEndpoint(await availableService(emulator, api, { approval_enabled: false }), { port_ip: "192.168.0.77" })).body["id"];
    emulator.advance(1000);
    expect((await api.get(`vpc-endpoints/${id}`)).body["ip"]).toBe("192.168.0.77");
  });

  it("refuses a port_ip that another endpoint of the subnet holds: EndPoint.2042", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    await api.createEndpoint(serviceId, { port_ip: "192.168.0.77" });
    expectError(await api.createEndpoint(serviceId, { port_ip: "192.168.0.77" }), 400, "EndPoint.2042");
  });

  it("gets dns_names when enable_dns is true", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createEndpoint(await availableService(emulator, api), { enable_dns: true })).body["id"] as string;
    const names = (await api.get(`vpc-endpoints/${id}`)).body["dns_names"] as string[];
    expect(names).toHaveLength(1);
    expect(names[0]).toContain(id);
  });

  it("connects a gateway endpoint to the public OBS service, with route tables and the default policy", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const created = await api.post("vpc-endpoints", { endpoint_service_id: OBS_EU_DE, vpc_id: VPC_ID, routetables: ["0a5a4b8f-33ff-4bd0-9d87-a2c4b1c1b8b1"] });
    expect(created.body).toMatchObject({ service_type: "gateway", endpoint_service_name: "com.t-systems.otc.eu-de.obs" });
    emulator.advance(1000);
    const read = await api.get(`vpc-endpoints/${created.body["id"]}`);
    expect(read.body).toMatchObject({
      status: "accepted",
      routetables: ["0a5a4b8f-33ff-4bd0-9d87-a2c4b1c1b8b1"],
      policy_statement: [{ Effect: "Allow", Action: ["obs:*:*"], Resource: ["obs:*:*:*:*/*", "obs:*:*:*:*"] }],
    });
    expect(read.body["subnet_id"]).toBeUndefined();
  });

  it("refuses an interface endpoint without subnet_id: EndPoint.2010", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    expectError(await api.post("vpc-endpoints", { endpoint_service_id: serviceId, vpc_id: VPC_ID }), 400, "EndPoint.2010");
  });

  it("refuses an unknown service: EndPoint.2003", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createEndpoint("0c4d2f1e-0000-4000-8000-000000000000"), 400, "EndPoint.2003");
  });

  it("refuses a service that is not available yet: EndPoint.2004", async () => {
    const api = apiOf(await startTestEmulator());
    const serviceId = (await api.createService()).body["id"] as string;
    expectError(await api.createEndpoint(serviceId), 400, "EndPoint.2004");
  });

  it("refuses another domain's project that the whitelist does not name: EndPoint.2012", async () => {
    const emulator = await startTestEmulator();
    const serviceId = await availableService(emulator, apiOf(emulator));
    expectError(await apiOf(emulator, OTHER_PROJECT).createEndpoint(serviceId), 400, "EndPoint.2012");
  });

  it("lets another domain's project connect once the whitelist names its domain", async () => {
    const emulator = await startTestEmulator({ projects: { [OTHER_PROJECT]: "d0ma1n2" } });
    const owner = apiOf(emulator);
    const serviceId = await availableService(emulator, owner);
    await owner.post(`vpc-endpoint-services/${serviceId}/permissions/action`, { action: "add", permissions: ["iam:domain::d0ma1n2"] });
    expect((await apiOf(emulator, OTHER_PROJECT).createEndpoint(serviceId)).status).toBe(200);
  });

  it("lets every domain connect when the whitelist holds *", async () => {
    const emulator = await startTestEmulator();
    const owner = apiOf(emulator);
    const serviceId = await availableService(emulator, owner);
    await owner.post(`vpc-endpoint-services/${serviceId}/permissions/action`, { action: "add", permissions: ["*"] });
    expect((await apiOf(emulator, OTHER_PROJECT).createEndpoint(serviceId)).status).toBe(200);
  });

  it("lets every domain connect when the whitelist holds iam:domain::*", async () => {
    const emulator = await startTestEmulator();
    const owner = apiOf(emulator);
    const serviceId = await availableService(emulator, owner);
    await owner.post(`vpc-endpoint-services/${serviceId}/permissions/action`, { action: "add", permissions: ["iam:domain::*"] });
    expect((await apiOf(emulator, OTHER_PROJECT).createEndpoint(serviceId)).status).toBe(200);
  });

  it("takes * inside a domain id as itself, not as a wildcard: iam:domain::d* lets no other domain connect", async () => {
    const emulator = await startTestEmulator({ projects: { [OTHER_PROJECT]: "d0ma1n2" } });
    const owner = apiOf(emulator);
    const serviceId = await availableService(emulator, owner);
    await owner.post(`vpc-endpoint-services/${serviceId}/permissions/action`, { action: "add", permissions: ["iam:domain::d*"] });
    expectError(await apiOf(emulator, OTHER_PROJECT).createEndpoint(serviceId), 400, "EndPoint.2012");
  });

  it("always lets the owner's own domain connect, from another project of that domain", async () => {
    const emulator = await startTestEmulator({ projects: { p1: "samedomain", p2: "samedomain" } });
    const serviceId = await availableService(emulator, apiOf(emulator, "p1"));
    expect((await apiOf(emulator, "p2").createEndpoint(serviceId)).status).toBe(200);
  });

  it("refuses a create past the endpoint quota with Endpoint.1018", async () => {
    const emulator = await startTestEmulator({ quotas: { endpoint: 1 } });
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    await api.createEndpoint(serviceId);
    expectError(await api.createEndpoint(serviceId), 400, "Endpoint.1018");
    expect((await api.get("quotas?type=endpoint")).body).toEqual({ quotas: { resources: [{ type: "endpoint", used: 1, quota: 1 }] } });
  });

  it("goes through deleting and then answers 404 EndPoint.2006 on read, delete and tag actions", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createEndpoint(await availableService(emulator, api))).body["id"];
    emulator.advance(1000);
    expect((await api.del(`vpc-endpoints/${id}`)).status).toBe(204);
    expect((await api.get(`vpc-endpoints/${id}`)).body["status"]).toBe("deleting");
    emulator.advance(1000);
    expectError(await api.get(`vpc-endpoints/${id}`), 404, "EndPoint.2006");
    expectError(await api.del(`vpc-endpoints/${id}`), 404, "EndPoint.2006");
    expectError(await api.post(`endpoint/${id}/tags/action`, { action: "create", tags: [{ key: "k", value: "v" }] }), 404, "EndPoint.2006");
    expect((await api.get("vpc-endpoints")).body["total_count"]).toBe(0);
  });

  it("lists the project's endpoints filtered by service name (fuzzy), vpc_id and id, paged, with total_count", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const billing = await availableService(emulator, api, { service_name: "billing" });
    const orders = await availableService(emulator, api, { service_name: "orders" });
    for (let i = 0; i < 3; i++) await api.createEndpoint(billing);
    const other = (await api.createEndpoint(orders, { vpc_id: "another-vpc" })).body["id"];
    expect((await api.get("vpc-endpoints?endpoint_service_name=BILLING")).body["total_count"]).toBe(3);
    expect((await api.get("vpc-endpoints?vpc_id=another-vpc")).body["endpoints"]).toMatchObject([{ id: other }]);
    expect((await api.get(`vpc-endpoints?id=${other}`)).body["total_count"]).toBe(1);
    const page = await api.get("vpc-endpoints?limit=3&offset=3");
    expect(page.body["total_count"]).toBe(4);
    expect(page.body["endpoints"]).toHaveLength(1);
  });
});

describe("connections", () => {
  async function pendingEndpoint() {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const endpointId = (await api.createEndpoint(serviceId)).body["id"] as string;
    emulator.advance(1000);
    return { emulator, api, serviceId, endpointId };
  }

  it("accepting moves a pending endpoint to accepted, and the connection list shows it", async () => {
    const { api, serviceId, endpointId } = await pendingEndpoint();
    const accepted = await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId] });
    expect(accepted.body["connections"]).toMatchObject([{ id: endpointId, status: "accepted" }]);
    expect((await api.get(`vpc-endpoints/${endpointId}`)).body["status"]).toBe("accepted");
    const connections = await api.get(`vpc-endpoint-services/${serviceId}/connections?status=accepted`);
    expect(connections.body).toMatchObject({ total_count: 1, connections: [{ id: endpointId }] });
  });

  it("rejecting moves a pending endpoint to rejected", async () => {
    const { api, serviceId, endpointId } = await pendingEndpoint();
    await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "reject", endpoints: [endpointId] });
    expect((await api.get(`vpc-endpoints/${endpointId}`)).body["status"]).toBe("rejected");
  });

  it("filters connections by marker_id", async () => {
    const { api, serviceId, endpointId } = await pendingEndpoint();
    const marker = /"marker_id":(\d+)/.exec((await api.get(`vpc-endpoints/${endpointId}`)).text)![1]!;
    expect((await api.get(`vpc-endpoint-services/${serviceId}/connections?marker_id=${marker}`)).body["total_count"]).toBe(1);
    expect((await api.get(`vpc-endpoint-services/${serviceId}/connections?marker_id=1`)).body["total_count"]).toBe(0);
    expect((await api.get(`vpc-endpoint-services/${serviceId}/connections?id=${endpointId}`)).body["total_count"]).toBe(1);
    expect((await api.get(`vpc-endpoint-services/${serviceId}/connections?id=another`)).body["total_count"]).toBe(0);
  });

  it("refuses more than one endpoint per request: EndPoint.2031", async () => {
    const { api, serviceId, endpointId } = await pendingEndpoint();
    const answer = await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId, endpointId] });
    expectError(answer, 400, "EndPoint.2031");
  });

  it("refuses an endpoint of another service: EndPoint.2013", async () => {
    const { emulator, api, endpointId } = await pendingEndpoint();
    const otherService = await availableService(emulator, api);
    expectError(await api.post(`vpc-endpoint-services/${otherService}/connections/action`, { action: "receive", endpoints: [endpointId] }), 400, "EndPoint.2013");
  });

  it("answers 404 EndPoint.2006 to accepting an endpoint that is gone", async () => {
    const { emulator, api, serviceId, endpointId } = await pendingEndpoint();
    await api.del(`vpc-endpoints/${endpointId}`);
    emulator.advance(1000);
    expectError(await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId] }), 404, "EndPoint.2006");
  });

  it("refuses to accept a failed endpoint: EndPoint.2047", async () => {
    const { emulator, api, serviceId, endpointId } = await pendingEndpoint();
    emulator.inject({ kind: "failResource", resourceId: endpointId });
    expectError(await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId] }), 400, "EndPoint.2047");
  });

  it("receives a rejected endpoint again, to accepted", async () => {
    const { api, serviceId, endpointId } = await pendingEndpoint();
    await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "reject", endpoints: [endpointId] });
    await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId] });
    expect((await api.get(`vpc-endpoints/${endpointId}`)).body["status"]).toBe("accepted");
  });

  it("refuses to accept an endpoint still creating: EndPoint.2019", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const endpointId = (await api.createEndpoint(serviceId)).body["id"];
    expectError(await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId] }), 400, "EndPoint.2019");
  });

  it("refuses to accept an endpoint being deleted: EndPoint.2018", async () => {
    const { api, serviceId, endpointId } = await pendingEndpoint();
    await api.del(`vpc-endpoints/${endpointId}`);
    expectError(await api.post(`vpc-endpoint-services/${serviceId}/connections/action`, { action: "receive", endpoints: [endpointId] }), 400, "EndPoint.2018");
  });
});
