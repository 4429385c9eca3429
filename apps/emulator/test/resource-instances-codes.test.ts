import { describe, expect, it } from "vitest";
import { apiOf, expectError, startTestEmulator } from "./support/emulator.js";

const filter = (body: Record<string, unknown>) => ({ action: "filter", ...body });
const manyKeys = Array.from({ length: 21 }, (_, index) => ({ key: `k${index}`, values: ["v"] }));

describe("resource_instances/action: the codes of the reference's mapping", () => {
  it("answers a bad limit in the body with EndPoint.0006, as the query's", async () => {
    const answer = await apiOf(await startTestEmulator()).post("endpoint/resource_instances/action", filter({ limit: "0" }));
    expectError(answer, 400, "EndPoint.0006");
    expect(answer.body["error_msg"]).toContain('body field "limit"');
  });

  it("answers a bad offset in the body with EndPoint.0010, as the query's", async () => {
    const answer = await apiOf(await startTestEmulator()).post("endpoint/resource_instances/action", filter({ offset: "-1" }));
    expectError(answer, 400, "EndPoint.0010");
    expect(answer.body["error_msg"]).toContain('body field "offset"');
  });

  it("answers a tag filter of 21 keys with EndPoint.0002, not a resource's too-many-tags code", async () => {
    const answer = await apiOf(await startTestEmulator()).post("endpoint/resource_instances/action", filter({ tags: manyKeys }));
    expectError(answer, 400, "EndPoint.0002");
    expect(answer.body["error_msg"]).toContain('body field "tags"');
  });

  it("still answers a create with 21 tags with EndPoint.3069", async () => {
    const tags = Array.from({ length: 21 }, (_, index) => ({ key: `k${index}`, value: "v" }));
    expectError(await apiOf(await startTestEmulator()).createService({ tags }), 400, "EndPoint.3069");
  });
});
