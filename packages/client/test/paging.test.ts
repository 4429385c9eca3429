import { describe, expect, it } from "vitest";
import { createVpcepClient, VpcepApiError, type VpcepClientOptions } from "../src/index.js";
import { json, scriptedFetch } from "./scripted-fetch.js";

const endpoints = (ids: string[]) => ids.map((id) => ({ id, status: "accepted" }));

/** A fake list endpoint: serves `pages[n]` for the n-th request, each with its total. */
function listing(pages: { items: string[]; total: number }[], key = "endpoints") {
  const script = scriptedFetch(...pages.map((page) => json(200, { [key]: endpoints(page.items), total_count: page.total })));
  const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch } as VpcepClientOptions);
  const queries = () => script.requests.map((request) => Object.fromEntries(new URL(request.url).searchParams));
  return { vpcep, queries, requests: script.requests };
}

async function ids(items: AsyncIterable<{ id?: string }>) {
  const seen: (string | undefined)[] = [];
  for await (const item of items) seen.push(item.id);
  return seen;
}

describe("paginate", () => {
  it("walks limit and offset until total_count", async () => {
    const { vpcep, queries } = listing([
      { items: ["a", "b"], total: 5 },
      { items: ["c", "d"], total: 5 },
      { items: ["e"], total: 5 },
    ]);
    expect(await ids(vpcep.paginate.listEndpoints({ limit: 2 }))).toEqual(["a", "b", "c", "d", "e"]);
    expect(queries().map((query) => [query["limit"], query["offset"]])).toEqual([["2", "0"], ["2", "2"], ["2", "4"]]);
  });

  it("keeps the caller's filters and starting offset on every page", async () => {
    const { vpcep, queries } = listing([{ items: ["c"], total: 4 }, { items: ["d"], total: 4 }]);
    await ids(vpcep.paginate.listEndpoints({ vpc_id: "v1", limit: 1, offset: 2, sort_dir: "asc" }));
    expect(queries()).toEqual([
      { vpc_id: "v1", limit: "1", offset: "2", sort_dir: "asc" },
      { vpc_id: "v1", limit: "1", offset: "3", sort_dir: "asc" },
    ]);
  });

  it("pages with the largest page when limit is 0 or absent, instead of asking for empty pages", async () => {
    const { vpcep, queries } = listing([{ items: ["a"], total: 1 }]);
    await ids(vpcep.paginate.listEndpoints({ limit: 0 }));
    expect(queries()[0]?.["limit"]).toBe("1000");
  });

  it("uses 500 as the largest page of whitelists", async () => {
    const { vpcep, queries } = listing([{ items: ["p"], total: 1 }], "permissions");
    await ids(vpcep.paginate.listServicePermissions("s1"));
    expect(queries()[0]?.["limit"]).toBe("500");
  });

  it("follows a total that grows between pages", async () => {
    const { vpcep } = listing([
      { items: ["a", "b"], total: 3 },
      { items: ["c", "d"], total: 4 },
    ]);
    expect(await ids(vpcep.paginate.listEndpoints({ limit: 2 }))).toEqual(["a", "b", "c", "d"]);
  });

  it("stops when the total shrinks below the offset", async () => {
    const { vpcep, requests } = listing([
      { items: ["a", "b"], total: 6 },
      { items: ["c"], total: 3 },
    ]);
    expect(await ids(vpcep.paginate.listEndpoints({ limit: 2 }))).toEqual(["a", "b", "c"]);
    expect(requests).toHaveLength(2);
  });

  it("yields an item once when an insert shifts it onto the next page", async () => {
    const { vpcep } = listing([
      { items: ["a", "b"], total: 4 },
      { items: ["b", "c"], total: 5 },
      { items: ["d"], total: 5 },
    ]);
    expect(await ids(vpcep.paginate.listEndpoints({ limit: 2 }))).toEqual(["a", "b", "c", "d"]);
  });

  it("stops at an empty page even if the total promises more", async () => {
    const { vpcep, requests } = listing([{ items: ["a"], total: 9 }, { items: [], total: 9 }]);
    expect(await ids(vpcep.paginate.listEndpoints({ limit: 1 }))).toEqual(["a"]);
    expect(requests).toHaveLength(2);
  });

  it("throws a VpcepApiError when a page fails", async () => {
    const script = scriptedFetch(json(400, { error_code: "EndPoint.0006", error_msg: "Invalid limit." }));
    const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch });
    const error = await ids(vpcep.paginate.listEndpoints()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VpcepApiError);
    expect(error).toMatchObject({ status: 400, code: "EndPoint.0006" });
  });

  it("names the page's URL in the error of a failed page, also over a custom fetch whose answers have no URL", async () => {
    const script = scriptedFetch(json(403, { error_code: "EndPoint.0004", error_msg: "Forbidden." }));
    const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch });
    const error = await ids(vpcep.paginate.listEndpoints()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ url: "https://vpcep.test/v1/p1/vpc-endpoints" });
    expect((error as Error).message).toMatch(/^GET https:\/\/vpcep\.test\/v1\/p1\/vpc-endpoints failed with 403/);
  });

  it("gives the error of a failed page the body as the service sent it, as a client that throws on errors has it", async () => {
    const page = () => new Response("<html>Forbidden</html>", { status: 403, headers: { "content-type": "text/html" } });
    const bodies: unknown[] = [];
    for (const throwOnError of [false, true]) {
      const script = scriptedFetch(page());
      const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch, throwOnError });
      bodies.push(((await ids(vpcep.paginate.listEndpoints()).catch((caught: unknown) => caught)) as VpcepApiError).body);
    }
    expect(bodies).toEqual(["<html>Forbidden</html>", "<html>Forbidden</html>"]);
  });

  it("pages the tag query with string limit and offset in the body", async () => {
    const resources = (ids: string[]) => ids.map((id) => ({ resource_id: id, resource_name: id, tags: [] }));
    const script = scriptedFetch(
      json(200, { resources: resources(["r1", "r2"]), total_count: 3 }),
      json(200, { resources: resources(["r3"]), total_count: 3 }),
    );
    const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch });
    const found: string[] = [];
    for await (const resource of vpcep.paginate.listResourcesByTags("endpoint", { limit: "2", tags: [{ key: "k", values: [] }] })) {
      found.push(resource.resource_id ?? "");
    }
    expect(found).toEqual(["r1", "r2", "r3"]);
    expect(await script.requests[1]?.json()).toEqual({ action: "filter", limit: "2", offset: "2", tags: [{ key: "k", values: [] }] });
  });
});

describe("collectAll", () => {
  it("gathers every page into one array", async () => {
    const { vpcep } = listing([{ items: ["a", "b"], total: 3 }, { items: ["c"], total: 3 }], "connections");
    const connections = await vpcep.collectAll.listServiceConnections("s1", { limit: 2 });
    expect(connections.map((connection) => connection.id)).toEqual(["a", "b", "c"]);
  });
});

describe("the limit and offset of a walk", () => {
  it.each([
    ["query.offset", { offset: "5" }, 'got "5"'],
    ["query.offset", { offset: -1 }, "got the number -1"],
    ["query.limit", { limit: Number.NaN }, "got the number NaN"],
    ["query.limit", { limit: 1001 }, "got the number 1001"],
    ["query.limit", { limit: 2.5 }, "got the number 2.5"],
  ])("are refused before the first page when %s is not a whole number in range (%j)", async (argument, query, got) => {
    const { vpcep, requests } = listing([{ items: ["a"], total: 1 }]);
    const error = await ids(vpcep.paginate.listEndpoints(query as object)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "argument", operation: "listEndpoints", argument });
    expect((error as Error).message).toContain(got);
    expect(requests).toHaveLength(0);
  });

  it("of whitelists go up to 500, their largest page", async () => {
    const { vpcep, requests } = listing([{ items: ["a"], total: 1 }], "permissions");
    await expect(vpcep.collectAll.listServicePermissions("s1", { limit: 501 })).rejects.toMatchObject({ argument: "query.limit", operation: "listServicePermissions" });
    expect(requests).toHaveLength(0);
  });

  it.each([
    ["body.offset", { offset: "x" }],
    ["body.offset", { offset: 5 }],
    ["body.offset", { offset: "9007199254740993" }],
    ["body.limit", { limit: "01" }],
    ["body.limit", { limit: "1001" }],
  ])("of the tag query are refused when %s is not the spec's decimal string (%j)", async (argument, body) => {
    const script = scriptedFetch(json(200, { resources: [], total_count: 0 }));
    const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch });
    await expect(vpcep.collectAll.listResourcesByTags("endpoint", body as object)).rejects.toMatchObject({ kind: "argument", operation: "listResourcesByTags", argument });
    expect(script.requests).toHaveLength(0);
  });

  it("pages the tag query with the largest page for a limit of \"0\", as the GET lists do for 0", async () => {
    const script = scriptedFetch(json(200, { resources: [], total_count: 0 }));
    const vpcep = createVpcepClient({ baseUrl: "https://vpcep.test", projectId: "p1", token: "t", fetch: script.fetch });
    await vpcep.collectAll.listResourcesByTags("endpoint", { limit: "0" });
    expect(await script.requests[0]?.json()).toMatchObject({ limit: "1000", offset: "0" });
  });
});

describe("the options of a walk", () => {
  it("go with every page: its headers", async () => {
    const { vpcep, requests } = listing([{ items: ["a"], total: 2 }, { items: ["b"], total: 2 }]);
    await vpcep.collectAll.listEndpoints({ limit: 1 }, { headers: { "X-Trace": "t-1" } });
    expect(requests.map((request) => request.headers.get("x-trace"))).toEqual(["t-1", "t-1"]);
  });

  it("stop the walk on the signal, within the page it is on", async () => {
    const controller = new AbortController();
    const { vpcep, requests } = listing([{ items: ["a"], total: 3 }, { items: ["b"], total: 3 }, { items: ["c"], total: 3 }]);
    const seen: (string | undefined)[] = [];
    const walking = (async () => {
      for await (const endpoint of vpcep.paginate.listEndpoints({ limit: 1 }, { signal: controller.signal })) {
        seen.push(endpoint.id);
        controller.abort(new Error("enough"));
      }
    })();
    await expect(walking).rejects.toMatchObject({ kind: "abort" });
    expect([seen, requests.length]).toEqual([["a"], 1]);
  });
});

