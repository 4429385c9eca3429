import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSpec, pointerSegments, specModel } from "@otc-vpcep/spec-model";
import { afterAll, describe, expect, it } from "vitest";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

describe("request validation from the spec", () => {
  it("refuses a body field of the wrong type, naming the field and the rule", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.createService({ approval_enabled: "yes" });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toBe('Parameter error: body field "approval_enabled" must be boolean (rule: type).');
  });

  it("refuses a missing required field, naming it", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.post("vpc-endpoints", { vpc_id: "v" });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toBe('Parameter error: body field "endpoint_service_id" is required (rule: required).');
  });

  it("refuses a field the request does not have", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.createEndpoint("s", { colour: "blue" });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain('body field "colour" is not a field of this request (rule: additionalProperties false)');
  });

  it("names a nested field by its path: ports[0].client_port, with the port code EndPoint.3043", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.createService({ ports: [{ client_port: 70000, server_port: 80 }] });
    expectError(answer, 400, "EndPoint.3043");
    expect(answer.body["error_msg"]).toContain('body field "ports[0].client_port" must be <= 65535 (rule: maximum)');
  });

  it("refuses a body that is not JSON", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.call("POST", "vpc-endpoints", "{not json", { "content-type": "application/json" });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain("not valid JSON");
  });

  it("refuses a body of another content type", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.call("POST", "vpc-endpoints", "vpc_id=1", { "content-type": "application/x-www-form-urlencoded" });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain("must be application/json");
  });

  it("refuses a missing required body", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.call("POST", "vpc-endpoints");
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain("the body is required");
  });

  it("refuses a body larger than maxBodyBytes, and keeps serving", async () => {
    const emulator = await startTestEmulator({ maxBodyBytes: 1024 });
    const api = apiOf(emulator);
    const answer = await api.createService({ description: "x".repeat(5000) });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain("larger than 1024 bytes");
    expect((await api.get("quotas")).status).toBe(200);
  });

  it("refuses a limit out of range with EndPoint.0006", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.get("vpc-endpoints?limit=1001");
    expectError(answer, 400, "EndPoint.0006");
    expect(answer.body["error_msg"]).toBe('Parameter error: query parameter "limit" must be <= 1000 (rule: maximum).');
  });

  it("refuses a limit that is not an integer with EndPoint.0006", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("vpc-endpoints?limit=ten"), 400, "EndPoint.0006");
  });

  it("refuses a negative offset with EndPoint.0010", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("vpc-endpoints?offset=-1"), 400, "EndPoint.0010");
  });

  it("refuses an unknown sort_key with EndPoint.0017 and sort_dir with EndPoint.0018", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("vpc-endpoints?sort_key=name"), 400, "EndPoint.0017");
    expectError(await api.get("vpc-endpoints?sort_dir=up"), 400, "EndPoint.0018");
  });

  it("refuses an unknown status filter with EndPoint.0019", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.get("vpc-endpoint-services?status=sleeping"), 400, "EndPoint.0019");
  });

  it("refuses a query parameter given twice", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.get("vpc-endpoints?limit=1&limit=2");
    expectError(answer, 400, "EndPoint.0006");
    expect(answer.body["error_msg"]).toContain("given 2 times");
  });

  it("refuses bad percent-escapes in the query and in the path", async () => {
    const api = apiOf(await startTestEmulator());
    const query = await api.get("vpc-endpoints?vpc_id=%E0%A4%A");
    expectError(query, 400, "EndPoint.0002");
    expect(query.body["error_msg"]).toContain('query parameter "vpc_id" is not valid percent-encoding');
    const path = await api.get("vpc-endpoints/%zz");
    expectError(path, 400, "EndPoint.0002");
    expect(path.body["error_msg"]).toContain('path parameter "vpc_endpoint_id" is not valid percent-encoding');
  });

  it("refuses a project id outside the spec's pattern", async () => {
    const emulator = await startTestEmulator();
    const answer = await apiOf(emulator, "bad.project").get("quotas");
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain('path parameter "project_id" must match the pattern');
  });

  it("applies the body's enum, naming the allowed values", async () => {
    const api = apiOf(await startTestEmulator());
    const answer = await api.createService({ server_type: "XL" });
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain('body field "server_type" must be one of');
  });

  it("refuses a service name outside the rules with EndPoint.3076", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ service_name: "much-too-long-name" }), 400, "EndPoint.3076");
    expectError(await api.createService({ service_name: "dots.not.ok" }), 400, "EndPoint.3076");
  });

  it("refuses a protocol other than TCP with EndPoint.3075", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ ports: [{ client_port: 80, server_port: 80, protocol: "SCTP" }] }), 400, "EndPoint.3075");
  });

  it("refuses a tag key longer than 36 with EndPoint.3072 and a value longer than 43 with EndPoint.3073", async () => {
    const api = apiOf(await startTestEmulator());
    expectError(await api.createService({ tags: [{ key: "k".repeat(37), value: "v" }] }), 400, "EndPoint.3072");
    expectError(await api.createService({ tags: [{ key: "k", value: "v".repeat(44) }] }), 400, "EndPoint.3073");
  });
});

describe("request validation from a spec of the user's", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "vpcep-emulator-spec-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The bundled spec with the schema at a pointer replaced, as a file. */
  function specWith(pointer: string, schema: unknown): string {
    const document = structuredClone(loadSpec());
    const segments = pointerSegments(pointer);
    const last = segments.pop() as string;
    const holder = segments.reduce<Record<string, unknown>>((node, segment) => node[segment] as Record<string, unknown>, document);
    holder[last] = schema;
    const file = path.join(folder, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(document));
    return file;
  }

  it("refuses every body where the body's schema is the boolean schema false, naming the rule", async () => {
    const pointer = specModel().bodySchema("createEndpoint", "request")?.pointer as string;
    const api = apiOf(await startTestEmulator({ spec: specWith(pointer, false) }));
    const answer = await api.createEndpoint("s", {});
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toBe("Parameter error: the body is refused by the spec, whose schema here is false (rule: false schema).");
  });
});
