// Every fenced block of every guide (spec/docs/*.md) is run or checked, so that none can go
// stale unnoticed. The `ts` blocks are type-checked (guides.test.ts) and run against the emulator
// (guides-against-emulator.test.ts); this file takes the others: the curl commands against the
// VPCEP API are sent to the emulator, the JSON bodies are held against what the emulator answers
// or against the spec's schemas, and the signing examples against the client's signer. A block no
// check claims fails the test: a new one needs its check here.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { signRequest } from "@otc-vpcep/client";
import { specModel } from "@otc-vpcep/spec-model";
import { createValidator } from "@otc-vpcep/spec-model/validator";
import { describe, expect, it } from "vitest";
import { bundledSpec, guidesOf } from "./support/docs.js";
import { emulatorWithDocsState, PROJECT } from "./support/emulator-state.js";

interface Block {
  guide: string;
  lang: string;
  text: string;
}

const blocks: Block[] = guidesOf(bundledSpec()).flatMap((guide) =>
  [...guide.description.matchAll(/^```([a-z]*)\n([\s\S]*?)^```$/gm)].map((match) => ({ guide: guide.name, lang: match[1] ?? "", text: match[2] ?? "" })),
);

const model = specModel();
const validator = createValidator(model);
const docs = emulatorWithDocsState();
const API_HOST = "https://vpcep.eu-de.otc.t-systems.com";

/** A curl command as the guides write it: one command, its arguments quoted, lines continued with `\`. */
function parseCurl(text: string, variables: Record<string, string>): { method: string; url: string; headers: Headers; body: string | undefined } {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\\\n)|(\|)|([^\s'"|\\]+)/g;
  for (const [, single, double, , pipe, bare] of text.matchAll(pattern)) {
    if (pipe !== undefined) break; // what follows a pipe reads curl's output
    if (single !== undefined) words.push(single);
    else if (double !== undefined) words.push(double.replace(/\$(\w+)/g, (_, name: string) => variables[name] ?? `$${name}`));
    else if (bare !== undefined) words.push(bare);
  }
  if (words[0] !== "curl") throw new Error(`not a curl command: ${text}`);
  const request = { method: "GET", url: "", headers: new Headers(), body: undefined as string | undefined };
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word === "-X") request.method = words[++i] ?? "";
    else if (word === "-H") {
      const [name = "", ...value] = (words[++i] ?? "").split(":");
      request.headers.set(name.trim(), value.join(":").trim());
    } else if (word === "-d") request.body = words[++i];
    else if (word.startsWith("-")) continue; // output options: -s, -i
    else request.url = word;
  }
  if (request.body !== undefined && !words.includes("-X")) request.method = "POST";
  return request;
}

/** The operation a request goes to, by its method and the path templates of the spec. */
function operationFor(method: string, pathname: string): string {
  const found = model.operations().find((operation) => {
    const template = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}/?$`);
    return operation.method.toUpperCase() === method && template.test(pathname);
  });
  if (found === undefined) throw new Error(`no operation of the spec takes ${method} ${pathname}`);
  return found.id;
}

function bodyViolations(operationId: string, status: number, body: unknown) {
  const validate = validator.body(operationId, status);
  if (validate === undefined) throw new Error(`${operationId} documents no JSON body for ${status}`);
  return validator.violations(validate, body);
}

/** The request of the Signing requests guide's test vector, as signRequest takes it. */
const VECTOR = {
  credentials: { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" },
  date: new Date("2019-11-15T03:36:55Z"),
  request: () =>
    new Request("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0", {
      headers: { "Content-Type": "application/json" },
    }),
};

interface BlockCheck {
  /** What the block is, for the test's name. */
  what: string;
  claims: (block: Block) => boolean;
  check: (block: Block) => Promise<void> | void;
}

const CHECKS: BlockCheck[] = [
  {
    what: "TypeScript, run by guides-against-emulator.test.ts",
    claims: (block) => block.lang === "ts",
    check: () => {},
  },
  {
    what: "the install command names a published package of this repository",
    claims: (block) => block.lang === "sh" && block.text.startsWith("npm install "),
    check: (block) => {
      const name = block.text.trim().slice("npm install ".length);
      const manifest = JSON.parse(readFileSync(new URL("../../../packages/client/package.json", import.meta.url), "utf8")) as { name: string; private?: boolean };
      expect(name).toBe(manifest.name);
      expect(manifest.private).not.toBe(true);
    },
  },
  {
    // IAM is not emulated: the request is checked for what IAM's token API takes.
    what: "the IAM token request asks a region's IAM for a project-scoped token by password",
    claims: (block) => block.lang === "sh" && block.text.includes("https://iam."),
    check: (block) => {
      const request = parseCurl(block.text, {});
      expect(request.method).toBe("POST");
      expect(new URL(request.url)).toMatchObject({ hostname: expect.stringMatching(/^iam\.(eu-de|eu-nl)\.otc\.t-systems\.com$/), pathname: "/v3/auth/tokens" });
      expect(request.headers.get("content-type")).toBe("application/json");
      const body = JSON.parse(request.body ?? "") as { auth: { identity: { methods: string[] }; scope: { project: { id: string } } } };
      expect(body.auth.identity.methods).toEqual(["password"]);
      expect(body.auth.scope.project.id).toMatch(/^[0-9a-f]{32}$/);
    },
  },
  {
    what: "a curl command against the VPCEP API succeeds against the emulator, with a body valid against the spec",
    claims: (block) => block.lang === "sh" && block.text.includes(API_HOST),
    check: async (block) => {
      const request = parseCurl(block.text, { VPCEP_TOKEN: "token-for-the-emulator" });
      const url = new URL(request.url);
      expect(url.origin).toBe(API_HOST);
      const response = await fetch(`${docs.emulator.url}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const body: unknown = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(bodyViolations(operationFor(request.method, url.pathname), 200, body)).toEqual([]);
    },
  },
  {
    // The emulator's message names the resource after the documented text, as "one code can come with different messages" allows.
    what: "the documented error body is what the emulator answers for a service that does not exist, its message extended",
    claims: (block) => block.lang === "json" && block.text.includes('"error_msg"'),
    check: async (block) => {
      const documented = JSON.parse(block.text) as { error_code: string; error_msg: string };
      const response = await fetch(`${docs.emulator.url}/v1/${PROJECT}/vpc-endpoint-services/00000000-0000-0000-0000-000000000000`, {
        headers: { "X-Auth-Token": "token-for-the-emulator" },
      });
      expect(response.status).toBe(404);
      const answered = (await response.json()) as typeof documented;
      expect(Object.keys(answered).sort()).toEqual(Object.keys(documented).sort());
      expect(answered.error_code).toBe(documented.error_code);
      expect(answered.error_msg.startsWith(documented.error_msg.replace(/\.$/, ""))).toBe(true);
    },
  },
  {
    what: "the nested error body is one the spec's error responses accept",
    claims: (block) => block.lang === "json" && block.text.startsWith('{ "error": {'),
    check: (block) => expect(bodyViolations("getEndpoint", 404, JSON.parse(block.text))).toEqual([]),
  },
  {
    what: "a failed resource's status and error list are valid parts of an endpoint",
    claims: (block) => block.lang === "json" && block.text.includes('"status": "failed"'),
    check: (block) => expect(bodyViolations("getEndpoint", 200, JSON.parse(block.text))).toEqual([]),
  },
  {
    what: "the quotas body is a valid answer of getQuotas, of the shape the emulator answers",
    claims: (block) => block.lang === "json" && block.text.includes('"quotas"'),
    check: async (block) => {
      const documented = JSON.parse(block.text) as { quotas: { resources: { type: string }[] } };
      expect(bodyViolations("getQuotas", 200, documented)).toEqual([]);
      const response = await fetch(`${docs.emulator.url}/v1/${PROJECT}/quotas`, { headers: { "X-Auth-Token": "token-for-the-emulator" } });
      const answered = (await response.json()) as typeof documented;
      expect(answered.quotas.resources.map((resource) => resource.type).sort()).toEqual(documented.quotas.resources.map((resource) => resource.type).sort());
    },
  },
  {
    what: "the canonical request of the test vector hashes to the guide's value, and the client signs the vector as the guide says",
    claims: (block) => block.lang === "text" && block.text.startsWith("GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/"),
    check: async (block) => {
      const guide = guidesOf(bundledSpec()).find((candidate) => candidate.name === block.guide)?.description ?? "";
      const [, hash] = /SHA-256 of the canonical request \| `([0-9a-f]{64})`/.exec(guide) ?? [];
      const [, header] = /\| header \| `([^`]+)`/.exec(guide) ?? [];
      expect(createHash("sha256").update(block.text.replace(/\n$/, "")).digest("hex")).toBe(hash);
      const signed = await signRequest(VECTOR.request(), VECTOR.credentials, { date: VECTOR.date });
      expect(signed.headers.get("authorization")).toBe(header);
    },
  },
  {
    what: "the signed headers shown are what the client sends for the test vector",
    claims: (block) => block.lang === "http" && block.text.includes("Authorization: SDK-HMAC-SHA256"),
    check: async (block) => {
      const signed = await signRequest(VECTOR.request(), VECTOR.credentials, { date: VECTOR.date });
      const shown = Object.fromEntries(block.text.trim().split("\n").map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      expect(shown).toEqual({ "x-sdk-date": signed.headers.get("x-sdk-date"), authorization: signed.headers.get("authorization") });
    },
  },
];

describe("every block of every guide", () => {
  it("is found: the guides hold blocks of each kind this file checks", () => {
    expect(new Set(blocks.map((block) => block.lang))).toEqual(new Set(["ts", "sh", "json", "http", "text"]));
  });

  it.each(blocks.map((block, index) => [`${block.guide} #${index} (${block.lang})`, block] as const))("%s is run or checked by exactly one check", (_, block) => {
    const claimed = CHECKS.filter((check) => check.claims(block)).map((check) => check.what);
    expect(claimed, block.text).toHaveLength(1);
  });

  it.each(blocks.filter((block) => block.lang !== "ts").map((block) => [CHECKS.find((check) => check.claims(block))?.what ?? "unclaimed", block] as const))(
    "%s",
    async (_, block) => {
      const check = CHECKS.find((candidate) => candidate.claims(block));
      if (check === undefined) throw new Error(`no check claims this ${block.lang} block of ${block.guide}:\n${block.text}`);
      await check.check(block);
    },
  );
});
