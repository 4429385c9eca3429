/**
 * Starts emulators for tests on 127.0.0.1, port 0, strict, with the manual clock, and
 * stops them after each test. Every response any test sees is checked against the spec:
 * a violation fails the test that caused it.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, onTestFinished } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/index.js";

const running: RunningEmulator[] = [];
let violations: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
  const seen = violations;
  violations = [];
  expect(seen, "responses that break the spec").toEqual([]);
});

/** A new folder of the test's own, removed with what is in it when the test ends. */
export function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "vpcep-emulator-"));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** A state file's path in a `temporaryFolder()`; the file does not exist yet. */
export function temporaryStateFile(): string {
  return join(temporaryFolder(), "state.json");
}

export const PROJECT = "6e9dfd51d1124e8d8498dce894923a0d";
export const OTHER_PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
export const PORT_ID = "4189d3c2-8882-4871-a3c2-d380272eed88";
export const VPC_ID = "84758cf5-9c62-43ae-a778-3dbd8370c0a4";
export const SUBNET_ID = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de";
export const OBS_EU_DE = "b0e22f6f-26f4-461c-b140-d873464d4fa0";

export interface TestEmulatorOptions extends EmulatorOptions {
  /** Leave spec violations to the test (it expects one). */
  violationsExpected?: boolean;
}

export async function startTestEmulator(options: TestEmulatorOptions = {}): Promise<RunningEmulator> {
  const { violationsExpected = false, onResponse, ...rest } = options;
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    strict: true,
    clock: "manual",
    transitions: "ms:1000",
    ...rest,
    onResponse: (exchange) => {
      if (exchange.violation !== undefined && !violationsExpected) violations.push(exchange.violation);
      onResponse?.(exchange);
    },
  });
  running.push(emulator);
  return emulator;
}

export interface Answer {
  status: number;
  // Tests read fields freely.
  body: Record<string, unknown> & { [key: string]: unknown };
  text: string;
  headers: Headers;
}

/** A small JSON client for one project of an emulator, with a token. */
export function apiOf(emulator: RunningEmulator, projectId: string = PROJECT, token = "test-token") {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const url = path.startsWith("/") ? `${emulator.url}${path}` : `${emulator.url}/v1/${projectId}/${path}`;
    const response = await fetch(url, {
      method,
      headers: { "x-auth-token": token, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Answer["body"]), text, headers: response.headers };
  };
  return {
    call,
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown) => call("POST", path, body),
    put: (path: string, body: unknown) => call("PUT", path, body),
    del: (path: string) => call("DELETE", path),
    createService: (body: Record<string, unknown> = {}) =>
      call("POST", "vpc-endpoint-services", {
        port_id: randomUUID(),
        vpc_id: VPC_ID,
        server_type: "LB",
        ports: [{ client_port: 443, server_port: 8443, protocol: "TCP" }],
        ...body,
      }),
    createEndpoint: (serviceId: string, body: Record<string, unknown> = {}) =>
      call("POST", "vpc-endpoints", { endpoint_service_id: serviceId, vpc_id: VPC_ID, subnet_id: SUBNET_ID, ...body }),
  };
}

export type Api = ReturnType<typeof apiOf>;

/** A service that is `available` (created, then the clock advanced past its transition). */
export async function availableService(emulator: RunningEmulator, api: Api, body: Record<string, unknown> = {}): Promise<string> {
  const created = await api.createService(body);
  expect(created.status).toBe(200);
  emulator.advance(1000);
  return created.body["id"] as string;
}

export function expectError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body["error_code"] }, answer.text).toEqual({ status, code });
}
