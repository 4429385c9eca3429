import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/index.js";
import { OBS_EU_DE, apiOf, expectError, startTestEmulator } from "./support/emulator.js";

const INT64_MAX = "9223372036854775807";

/** An emulator whose next marker_id is the int64 maximum. */
async function atTheLastMarker(): Promise<RunningEmulator> {
  const emulator = await startTestEmulator();
  emulator.restore({ ...emulator.snapshot(), nextMarker: INT64_MAX });
  return emulator;
}

const gatewayEndpoint = { endpoint_service_id: OBS_EU_DE, vpc_id: "v" };

describe("marker_id stays an int64", () => {
  it("gives the int64 maximum as the last marker_id", async () => {
    const api = apiOf(await atTheLastMarker());
    const created = await api.post("vpc-endpoints", gatewayEndpoint);
    expect(created.status).toBe(200);
    expect(created.text).toContain(`"marker_id":${INT64_MAX}`);
  });

  it("the state after the last marker_id loads again", async () => {
    const emulator = await atTheLastMarker();
    await apiOf(emulator).post("vpc-endpoints", gatewayEndpoint);
    const other = await startTestEmulator();
    expect(() => other.restore(emulator.snapshot())).not.toThrow();
  });

  it("refuses a create past the int64 maximum with Endpoint.1018, naming marker_id", async () => {
    const emulator = await atTheLastMarker();
    const api = apiOf(emulator);
    await api.post("vpc-endpoints", gatewayEndpoint);
    const refused = await api.post("vpc-endpoints", gatewayEndpoint);
    expectError(refused, 400, "Endpoint.1018");
    expect(refused.body["error_msg"]).toContain("marker_id");
    expect(emulator.snapshot().endpoints).toHaveLength(1);
  });

  it("refuses a state whose nextMarker is past the one after the int64 maximum", async () => {
    const emulator = await startTestEmulator();
    expect(() => emulator.restore({ ...emulator.snapshot(), nextMarker: "9223372036854775809" })).toThrow(/"nextMarker" must be at most 9223372036854775808/);
  });
});
