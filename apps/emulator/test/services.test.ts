import { describe, expect, it } from "vitest";
import { PORT_ID, VPC_ID, apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

describe("endpoint services", () => {
  it("keeps everything a create sends and returns it, with a new UUID and status creating", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const body = {
      port_id: PORT_ID,
      pool_id: "5289d3c2-8882-4871-a3c2-d380272eed80",
      vpc_id: VPC_ID,
      server_type: "VM",
      approval_enabled: false,
      ports: [{ client_port: 8080, server_port: 80, protocol: "TCP" }],
      tcp_proxy: "toa_open",
      tags: [{ key: "owner", value: "team-a" }],
      description: "Billing API",
    };
    const created = await api.post("vpc-endpoint-services", body);
    expect(created.status).toBe(200);
    expect(created.body["id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.body).toMatchObject({ ...body, status: "creating", service_type: "interface" });
    const read = await api.get(`vpc-endpoint-services/${created.body["id"]}`);
    expect(read.body).toMatchObject(body);
  });

  it("names a service {region}.{name}.{id}, or {region}.{id} without a name", async () => {
    const emulator = await startTestEmulator({ region: "eu-nl" });
    const api = apiOf(emulator);
    const named = await api.createService({ service_name: "billing" });
    const unnamed = await api.createService();
    expect(named.body["service_name"]).toBe(`eu-nl.billing.${named.body["id"]}`);
    expect(unnamed.body["service_name"]).toBe(`eu-nl.${unnamed.body["id"]}`);
  });

  it("approval_enabled defaults to true", async () => {
    const api = apiOf(await startTestEmulator());
    expect((await api.createService()).body["approval_enabled"]).toBe(true);
  });

  it("becomes available once the transition time has passed on the emulator clock", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = (await api.createService()).body["id"];
    emulator.advance(999);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("creating");
    emulator.advance(1);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });

  it("updates what the update says and keeps the rest", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api, { service_name: "old", tcp_proxy: "close" });
    const updated = await api.put(`vpc-endpoint-services/${id}`, { service_name: "new", approval_enabled: false, ports: [{ client_port: 80, server_port: 8080 }] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      service_name: `eu-de.new.${id}`,
      approval_enabled: false,
      ports: [{ client_port: 80, server_port: 8080, protocol: "TCP" }],
      tcp_proxy: "close",
    });
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["service_name"]).toBe(`eu-de.new.${id}`);
  });

  it("lists only the project's services, filtered by name (fuzzy, any case), id and status, with total_count", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const billing = await availableService(emulator, api, { service_name: "Billing" });
    const creating = (await api.createService({ service_name: "orders" })).body["id"];
    await apiOf(emulator, "otherproject").createService({ service_name: "billing" });
    const byName = await api.get("vpc-endpoint-services?endpoint_service_name=BILL");
    expect(byName.body["total_count"]).toBe(1);
    expect((byName.body["endpoint_services"] as { id: string }[])[0]!.id).toBe(billing);
    const byStatus = await api.get("vpc-endpoint-services?status=creating");
    expect((byStatus.body["endpoint_services"] as { id: string }[]).map((s) => s.id)).toEqual([creating]);
    const byId = await api.get(`vpc-endpoint-services?id=${billing}`);
    expect(byId.body["total_count"]).toBe(1);
  });

  it("sorts by created_at, newest first by default, and pages with limit and offset", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await api.createService()).body["id"] as string);
      emulator.advance(1000);
    }
    const page = await api.get("vpc-endpoint-services?limit=2&offset=1");
    expect(page.body["total_count"]).toBe(5);
    expect((page.body["endpoint_services"] as { id: string }[]).map((s) => s.id)).toEqual([ids[3], ids[2]]);
    const ascending = await api.get("vpc-endpoint-services?sort_dir=asc&limit=2");
    expect((ascending.body["endpoint_services"] as { id: string }[]).map((s) => s.id)).toEqual([ids[0], ids[1]]);
  });

  it("sorts by updated_at when asked", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const first = await availableService(emulator, api);
    const second = await availableService(emulator, api);
    emulator.advance(5000);
    await api.put(`vpc-endpoint-services/${first}`, { description: "touched" });
    const list = await api.get("vpc-endpoint-services?sort_key=updated_at");
    expect((list.body["endpoint_services"] as { id: string }[]).map((s) => s.id)).toEqual([first, second]);
  });

  it("goes through deleting and then answers 404 EndPoint.0005 on read, list and action", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    expect((await api.del(`vpc-endpoint-services/${id}`)).status).toBe(204);
    expect((await api.get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("deleting");
    emulator.advance(1000);
    expectError(await api.get(`vpc-endpoint-services/${id}`), 404, "EndPoint.0005");
    expectError(await api.get(`vpc-endpoint-services/${id}/connections`), 404, "EndPoint.0005");
    expectError(await api.get(`vpc-endpoint-services/${id}/permissions`), 404, "EndPoint.0005");
    expectError(await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: ["*"] }), 404, "EndPoint.0005");
    expectError(await api.put(`vpc-endpoint-services/${id}`, { description: "x" }), 404, "EndPoint.0005");
    expectError(await api.del(`vpc-endpoint-services/${id}`), 404, "EndPoint.0005");
    expect((await api.get("vpc-endpoint-services")).body["total_count"]).toBe(0);
  });

  it("refuses to delete a service that endpoints connect to: EndPoint.3006", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    expect((await api.createEndpoint(id)).status).toBe(200);
    expectError(await api.del(`vpc-endpoint-services/${id}`), 400, "EndPoint.3006");
  });

  it("hides a service from other projects: 404 EndPoint.0005", async () => {
    const emulator = await startTestEmulator();
    const id = await availableService(emulator, apiOf(emulator));
    expectError(await apiOf(emulator, "someoneelse").get(`vpc-endpoint-services/${id}`), 404, "EndPoint.0005");
  });

  it("refuses duplicate client ports within one service: EndPoint.3044", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.createService({ ports: [{ client_port: 80, server_port: 8080 }, { client_port: 80, server_port: 8081 }] });
    expectError(answer, 400, "EndPoint.3044");
  });

  it("refuses ports that conflict with another service on the same port_id: EndPoint.3044", async () => {
    const api = apiOf(await startTestEmulator());
    expect((await api.createService({ port_id: PORT_ID, ports: [{ client_port: 80, server_port: 8080 }] })).status).toBe(200);
    const answer = await api.createService({ port_id: PORT_ID, ports: [{ client_port: 81, server_port: 8080 }] });
    expectError(answer, 400, "EndPoint.3044");
  });

  it("refuses a port mapping without a server port: EndPoint.2028", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ ports: [{ client_port: 80 }] }), 400, "EndPoint.2028");
  });

  it("refuses more than 200 port mappings: EndPoint.3074", async () => {
    const api = apiOf(await startTestEmulator());
    const ports = Array.from({ length: 201 }, (_, i) => ({ client_port: i + 1, server_port: i + 1 }));
    expectError(await api.createService({ ports }), 400, "EndPoint.3074");
  });

  it("refuses a create past the service quota with Endpoint.1018, and getQuotas reports what is used", async () => {
    const emulator = await startTestEmulator({ quotas: { endpoint_service: 2 } });
    const api = apiOf(emulator);
    await api.createService();
    await api.createService();
    expectError(await api.createService(), 400, "Endpoint.1018");
    const quotas = await api.get("quotas?type=endpoint_service");
    expect(quotas.body).toEqual({ quotas: { resources: [{ type: "endpoint_service", used: 2, quota: 2 }] } });
  });

  it("refuses to update a service being deleted: EndPoint.3045", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    await api.del(`vpc-endpoint-services/${id}`);
    expectError(await api.put(`vpc-endpoint-services/${id}`, { description: "late" }), 400, "EndPoint.3045");
  });

  it("ends failed with an error when a fault says so", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    emulator.inject({ kind: "fail", operationId: "createEndpointService", errorCode: "EndPoint.3001", errorMessage: "Failed to create a port." });
    const id = (await api.createService()).body["id"];
    emulator.advance(1000);
    const read = await api.get(`vpc-endpoint-services/${id}`);
    expect(read.body).toMatchObject({ status: "failed", error: [{ error_code: "EndPoint.3001", error_message: "Failed to create a port." }] });
  });
});

describe("describe and public services", () => {
  it("describeEndpointService finds a service by id and by full name, from another project too", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const created = await api.createService({ service_name: "billing" });
    const other = apiOf(emulator, "consumerproject");
    const byId = await other.get(`vpc-endpoint-services/describe?id=${created.body["id"]}`);
    const byName = await other.get(`vpc-endpoint-services/describe?endpoint_service_name=${created.body["service_name"]}`);
    expect(byId.body).toMatchObject({ id: created.body["id"], service_name: created.body["service_name"], service_type: "interface" });
    expect(byName.body).toEqual(byId.body);
  });

  it("describeEndpointService answers 404 EndPoint.0005 for an unknown name", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("vpc-endpoint-services/describe?endpoint_service_name=eu-de.nothing"), 404, "EndPoint.0005");
  });

  it("describeEndpointService needs exactly one of id and endpoint_service_name: EndPoint.0002", async () => {
    const api = apiOf(await startTestEmulator());
    const none = await api.get("vpc-endpoint-services/describe");
    expectError(none, 400, "EndPoint.0002");
    expect(none.body["error_msg"]).toContain("minProperties");
    expectError(await api.get("vpc-endpoint-services/describe?id=a&endpoint_service_name=b"), 400, "EndPoint.0002");
  });

  it("lists the operator's public services of its region, com.t-systems.otc.eu-de.obs among them", async () => {
    const api = apiOf(await startTestEmulator());
    const list = await api.get("vpc-endpoint-services/public?limit=100");
    const names = (list.body["endpoint_services"] as { service_name: string }[]).map((s) => s.service_name).sort();
    expect(names).toEqual(["com.t-systems.otc.eu-de.apig", "com.t-systems.otc.eu-de.dns", "com.t-systems.otc.eu-de.obs"]);
    expect(list.body["total_count"]).toBe(3);
  });

  it("lists only eu-nl's public services in an eu-nl emulator", async () => {
    const api = apiOf(await startTestEmulator({ region: "eu-nl" }));
    const list = await api.get("vpc-endpoint-services/public?limit=100");
    const names = (list.body["endpoint_services"] as { service_name: string }[]).map((s) => s.service_name).sort();
    expect(names).toEqual(["com.t-systems.otc.eu-nl.dns", "com.t-systems.otc.eu-nl.obs", "com.t-systems.otc.eu-nl.obs-internet"]);
  });

  it("does not let an endpoint connect to another region's public service", async () => {
    const api = apiOf(await startTestEmulator());
    const euNlObs = "6a4e2c18-9b7d-4e3f-a052-1c8d7e6f5b20";
    expectError(await api.createEndpoint(euNlObs), 400, "EndPoint.2003");
  });

  it("filters public services by name, fuzzy", async () => {
    const api = apiOf(await startTestEmulator({ region: "eu-nl" }));
    const list = await api.get("vpc-endpoint-services/public?endpoint_service_name=EU-NL.OBS");
    expect(list.body["total_count"]).toBe(2);
  });
});

describe("whitelist (permissions)", () => {
  it("adds, lists (fuzzy filter, total_count) and removes whitelist records", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    const added = await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: ["iam:domain::abc123", "*"] });
    expect(added.body).toEqual({ permissions: ["iam:domain::abc123", "*"] });
    const filtered = await api.get(`vpc-endpoint-services/${id}/permissions?permission=abc`);
    expect(filtered.body["total_count"]).toBe(1);
    expect((filtered.body["permissions"] as { permission: string }[])[0]).toMatchObject({ permission: "iam:domain::abc123", permission_type: "domainId" });
    await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "remove", permissions: ["*"] });
    expect((await api.get(`vpc-endpoint-services/${id}/permissions`)).body["total_count"]).toBe(1);
  });

  it("refuses a malformed whitelist entry: EndPoint.3002", async () => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const id = await availableService(emulator, api);
    expectError(await api.post(`vpc-endpoint-services/${id}/permissions/action`, { action: "add", permissions: ["domain:abc"] }), 400, "EndPoint.3002");
  });
});
