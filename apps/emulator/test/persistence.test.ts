import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { serveCli, runCli } from "./support/cli.js";
import { apiOf, availableService, startTestEmulator, temporaryFolder } from "./support/emulator.js";

let folder: string;
let file: string;

beforeEach(() => {
  folder = temporaryFolder();
  file = join(folder, "state.json");
});


describe("state file", () => {
  it("keeps every resource across a restart", async () => {
    const first = await startTestEmulator({ stateFile: file });
    const api = apiOf(first);
    const serviceId = await availableService(first, api, { service_name: "kept", tags: [{ key: "a", value: "1" }] });
    await api.post(`vpc-endpoint-services/${serviceId}/permissions/action`, { action: "add", permissions: ["*"] });
    const endpointId = (await api.createEndpoint(serviceId, { tags: [{ key: "b", value: "2" }] })).body["id"] as string;
    const before = first.snapshot();
    const endpointBefore = (await api.get(`vpc-endpoints/${endpointId}`)).text;
    await first.stop();

    const second = await startTestEmulator({ stateFile: file });
    const after = second.snapshot();
    expect({ services: after.services, endpoints: after.endpoints }).toEqual({ services: before.services, endpoints: before.endpoints });
    expect((await apiOf(second).get(`vpc-endpoints/${endpointId}`)).text).toBe(endpointBefore);
  });

  it("resumes the manual clock at the saved time, so what was pending stays pending", async () => {
    const first = await startTestEmulator({ stateFile: file, startTime: "2030-01-01T00:00:00Z" });
    const id = (await apiOf(first).createService()).body["id"];
    first.advance(400);
    await first.stop();
    const second = await startTestEmulator({ stateFile: file, startTime: "2031-01-01T00:00:00Z" });
    expect(second.now().toISOString()).toBe("2030-01-01T00:00:00.400Z");
    expect((await apiOf(second).get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("creating");
    second.advance(600);
    expect((await apiOf(second).get(`vpc-endpoint-services/${id}`)).body["status"]).toBe("available");
  });

  it("writes a change before answering it", async () => {
    const emulator = await startTestEmulator({ stateFile: file });
    const id = (await apiOf(emulator).createService()).body["id"] as string;
    expect(readFileSync(file, "utf8")).toContain(id);
  });

  it("refuses a corrupt file at start with a clear error, and leaves it as it is", async () => {
    writeFileSync(file, '{"format": "otc-vpcep-emulator-state", "vers');
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(`Refusing the state file ${file}: it is not valid JSON`);
    await expect(startEmulator({ stateFile: file })).rejects.toMatchObject({ code: "ESTATEFILE" });
    expect(readFileSync(file, "utf8")).toBe('{"format": "otc-vpcep-emulator-state", "vers');
  });

  it("refuses a file of another program, and leaves it as it is", async () => {
    writeFileSync(file, '{"name": "my-app", "version": "1.0.0"}');
    await expect(startEmulator({ stateFile: file })).rejects.toThrow('not an emulator state: "format" is null');
    expect(readFileSync(file, "utf8")).toBe('{"name": "my-app", "version": "1.0.0"}');
  });

  it("the command refuses a corrupt file with exit code 1 and the reason", async () => {
    writeFileSync(file, "[]");
    const run = await runCli(["--port", "0", "--state-file", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Refusing the state file");
    expect(readFileSync(file, "utf8")).toBe("[]");
  });

  it("loses no answered create when the process is killed with SIGKILL during a burst", async () => {
    const { child, url, exited } = await serveCli(["--state-file", file, "--transitions", "immediate", "--strict"]);
    const answered: { project: string; id: string }[] = [];
    let sent = 0;
    const worker = async (lane: number) => {
      for (let i = 0; ; i++) {
        const project = `burst${lane}x${Math.floor(i / 15)}`;
        sent++;
        try {
          const response = await fetch(`${url}/v1/${project}/vpc-endpoint-services`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-auth-token": "t" },
            body: JSON.stringify({ port_id: crypto.randomUUID(), vpc_id: "v", server_type: "VM", ports: [{ client_port: 80, server_port: 80 }] }),
          });
          if (response.status !== 200) throw new Error(`create answered ${response.status}`);
          answered.push({ project, id: ((await response.json()) as { id: string }).id });
        } catch {
          return;
        }
        if (answered.length >= 150) {
          child.kill("SIGKILL");
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(worker));
    await exited;
    expect(answered.length).toBeGreaterThanOrEqual(150);
    expect(sent).toBeGreaterThan(answered.length);

    const restarted = await startTestEmulator({ stateFile: file });
    const kept = new Set(restarted.snapshot().services.map((service) => service.id));
    expect(answered.filter(({ id }) => !kept.has(id))).toEqual([]);
  });
});
