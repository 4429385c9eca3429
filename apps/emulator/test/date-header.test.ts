import { describe, expect, it } from "vitest";
import { PROJECT, startTestEmulator } from "./support/emulator.js";

describe("the Date header", () => {
  it("tells the emulator's clock, which is the clock that checks X-Sdk-Date", async () => {
    const emulator = await startTestEmulator({ startTime: "2024-05-06T09:00:00Z" });
    emulator.advance(20 * 60_000);
    const response = await fetch(`${emulator.url}/v1/${PROJECT}/vpc-endpoints`, { headers: { "X-Auth-Token": "t" } });
    expect(response.headers.get("date")).toBe("Mon, 06 May 2024 09:20:00 GMT");
  });

  it("is sent with errors too", async () => {
    const emulator = await startTestEmulator({ startTime: "2024-05-06T09:00:00Z" });
    const response = await fetch(`${emulator.url}/v1/${PROJECT}/vpc-endpoints`);
    expect(response.status).toBe(401);
    expect(response.headers.get("date")).toBe("Mon, 06 May 2024 09:00:00 GMT");
  });
});
