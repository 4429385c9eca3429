import { loadSpec } from "@otc-vpcep/spec-model";
import { describe, expect, it } from "vitest";
import { createVpcepClient } from "../src/index.js";
import { INT64_FIELDS, quoteInt64Fields } from "../src/precision.js";
import { scriptedFetch } from "./scripted-fetch.js";

const raw = (text: string) => new Response(text, { headers: { "content-type": "application/json" } });

function clientAnswering(text: string) {
  const script = scriptedFetch(raw(text));
  return createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch });
}

describe("int64 fields", () => {
  it("reach the caller exactly above 2^53, as decimal strings", async () => {
    const vpcep = clientAnswering('{"id":"e1","marker_id":422321321312321321}');
    const { data } = await vpcep.getEndpoint("e1");
    expect(data?.marker_id).toBe("422321321312321321");
    expect(BigInt(data?.marker_id ?? "0")).toBe(422321321312321321n);
  });

  it("are strings in every item of a list", async () => {
    const vpcep = clientAnswering('{"connections":[{"id":"a","marker_id":16777510},{"id":"b","marker_id": 9007199254740993}],"total_count":2}');
    const { data } = await vpcep.listServiceConnections("s1");
    expect(data?.connections.map((connection) => connection.marker_id)).toEqual(["16777510", "9007199254740993"]);
  });

  it("leave other numbers and look-alike text inside strings alone", () => {
    const text = '{"total_count":3,"description":"\\"marker_id\\": 5","marker_id" : -12 }';
    expect(JSON.parse(quoteInt64Fields(text))).toEqual({ total_count: 3, description: '"marker_id": 5', marker_id: "-12" });
  });

  it("are all quoted in a long text, with everything around them kept as it was", () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ id: `e${i}`, marker_id: `${BigInt(i) * 9_007_199_254_740_993n - 3n}`, weight: i }));
    const text = JSON.stringify({ endpoints: items }, null, 2).replace(/"marker_id": ?"(-?\d+)"/g, (_, digits) => `"marker_id" : ${digits}`);
    expect(JSON.parse(quoteInt64Fields(text))).toEqual({ endpoints: items });
  });

  it("are exactly the fields the spec declares as int64", () => {
    const spec = loadSpec();
    const found = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== "object" || node === null) return;
      const properties = (node as { properties?: Record<string, { format?: string }> }).properties ?? {};
      for (const [name, schema] of Object.entries(properties)) if (schema.format === "int64") found.add(name);
      Object.values(node).forEach(visit);
    };
    visit(spec.components);
    expect([...found].sort()).toEqual([...INT64_FIELDS].sort());
  });
});
