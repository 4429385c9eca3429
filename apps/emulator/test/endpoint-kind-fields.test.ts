import { describe, expect, it } from "vitest";
import { OBS_EU_DE, SUBNET_ID, VPC_ID, apiOf, availableService, expectError, startTestEmulator } from "./support/emulator.js";

const GATEWAY_ONLY: [string, unknown][] = [
  ["routetables", ["0a5a4b8f-33ff-4bd0-9d87-a2c4b1c1b8b1"]],
  ["policy_statement", [{ Effect: "Allow", Action: ["obs:*:*"], Resource: ["obs:*:*:*:*"] }]],
];
const INTERFACE_ONLY: [string, unknown][] = [
  ["subnet_id", SUBNET_ID],
  ["port_ip", "192.168.0.10"],
  ["whitelist", ["10.0.0.0/8"]],
  ["enable_whitelist", true],
];

describe("an endpoint's fields for the other kind of service", () => {
  it.each(GATEWAY_ONLY)("refuses %s for an interface service, naming it", async (field, value) => {
    const emulator = await startTestEmulator();
    const api = apiOf(emulator);
    const serviceId = await availableService(emulator, api);
    const answer = await api.createEndpoint(serviceId, { [field]: value });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain(`body field "${field}" is only for gateway services`);
    expect(emulator.snapshot().endpoints).toEqual([]);
  });

  it.each(INTERFACE_ONLY)("refuses %s for a gateway service, naming it", async (field, value) => {
    const emulator = await startTestEmulator();
    const answer = await apiOf(emulator).post("vpc-endpoints", { endpoint_service_id: OBS_EU_DE, vpc_id: VPC_ID, [field]: value });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain(`body field "${field}" is only for interface services`);
    expect(emulator.snapshot().endpoints).toEqual([]);
  });

  it("ignores enable_dns for a gateway service, as documented", async () => {
    const emulator = await startTestEmulator();
    const answer = await apiOf(emulator).post("vpc-endpoints", { endpoint_service_id: OBS_EU_DE, vpc_id: VPC_ID, enable_dns: true });
    expect(answer.status).toBe(200);
    expect(answer.body["enable_dns"]).toBe(false);
  });
});
