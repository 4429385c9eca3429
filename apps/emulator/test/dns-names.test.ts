import { describe, expect, it } from "vitest";
import { asDnsLabel } from "../src/rules/endpoints.js";
import { apiOf, availableService, startTestEmulator } from "./support/emulator.js";

/** The public DNS service of eu-de, an interface service of the operator. */
const DNS_EU_DE = "9b3f1e2d-6c7a-4d8e-9f0a-1b2c3d4e5f60";

async function dnsNameOf(serviceBody: Record<string, unknown> | "public dns"): Promise<{ id: string; name: string }> {
  const emulator = await startTestEmulator({ transitions: "immediate" });
  const api = apiOf(emulator);
  const serviceId = serviceBody === "public dns" ? DNS_EU_DE : await availableService(emulator, api, { approval_enabled: false, ...serviceBody });
  const id = (await api.createEndpoint(serviceId, { enable_dns: true })).body["id"] as string;
  const names = (await api.get(`vpc-endpoints/${id}`)).body["dns_names"] as string[];
  expect(names).toHaveLength(1);
  return { id, name: names[0]! };
}

describe("dns_names", () => {
  it("name an endpoint of a named service after the service's short name: {id}.{name}.{region}...", async () => {
    const { id, name } = await dnsNameOf({ service_name: "billing" });
    expect(name).toBe(`${id}.billing.eu-de.vpcep.otc-emulator.internal`);
  });

  it("name an endpoint of a service without a name after nothing but the region: {id}.{region}...", async () => {
    const { id, name } = await dnsNameOf({});
    expect(name).toBe(`${id}.eu-de.vpcep.otc-emulator.internal`);
  });

  it("make a valid DNS label of a short name outside a-z0-9-: -_Bill_- gives bill", async () => {
    const { id, name } = await dnsNameOf({ service_name: "-_Bill_-" });
    expect(name).toBe(`${id}.bill.eu-de.vpcep.otc-emulator.internal`);
  });

  it("give no label for a short name with nothing left of it as a DNS label: __ gives {id}.{region}...", async () => {
    const { id, name } = await dnsNameOf({ service_name: "__" });
    expect(name).toBe(`${id}.eu-de.vpcep.otc-emulator.internal`);
  });

  it("name an endpoint of a public service after the last part of its name: com.t-systems.otc.eu-de.dns gives dns", async () => {
    const { id, name } = await dnsNameOf("public dns");
    expect(name).toBe(`${id}.dns.eu-de.vpcep.otc-emulator.internal`);
  });

  it("cut a label to 63 characters", () => {
    expect(asDnsLabel("x".repeat(80))).toBe("x".repeat(63));
  });

  it("leave no - at the end of a label that the cut to 63 characters ends with one", () => {
    expect(asDnsLabel(`${"a".repeat(62)}_b`)).toBe("a".repeat(62));
  });
});
