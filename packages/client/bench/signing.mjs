#!/usr/bin/env node
// Measures AK/SK signing against what the platform does without us: a plain node:crypto
// signer written here, and Huawei's own Node signer (AKSKSigner of
// @huaweicloud/huaweicloud-sdk-core, as its SDK calls it). Prints a table with the budgets;
// exits 1 when one is exceeded, or when the signers disagree on a signature.
// Run after a build: npm run build -w @otc-vpcep/client && node bench/signing.mjs
//
// Shared machines change speed from one second to the next, so each budget is a ratio
// measured in short rounds, each timing the candidate between two timings of its baseline;
// the budget is checked against the median round. The inputs of each call are built before
// the round starts, so that only signing is timed, and a minor garbage collection runs before
// each timing, so that no case pays for the young garbage of the one before it (a full one
// would also flush the compiled code of the cases not run since).
import { createHash, createHmac } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js";
import { HttpRequestBuilder } from "@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder.js";
import { build } from "tsup";
import { signRequest as webSignRequest } from "../dist/index.js";
import { signRequest as nodeSignRequest } from "../dist/node/index.js";

const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);

// signHeaders is not exported by the package (the transport calls it inside), so it is
// bundled here from src/auth/signing.ts with tsup and the swap of tsup.config.ts's Node
// build: the same code, under the same tool, as dist/node. The checks below confirm it
// signs as dist/node does.
async function bundleNodeSigning() {
  const outDir = await mkdtemp(path.join(tmpdir(), "otc-vpcep-signing-"));
  const nodeHashing = {
    name: "node-hashing",
    setup(build) {
      build.onResolve({ filter: /^\.\/hashing\.js$/ }, ({ resolveDir }) => ({ path: path.join(resolveDir, "hashing.node.ts") }));
    },
  };
  try {
    await build({
      config: false,
      silent: true,
      entry: { signing: fileURLToPath(new URL("../src/auth/signing.ts", import.meta.url)) },
      outDir,
      format: ["esm"],
      target: "es2022",
      platform: "node",
      removeNodeProtocol: false,
      esbuildPlugins: [nodeHashing],
      outExtension: () => ({ js: ".mjs" }),
    });
    const file = path.join(outDir, "signing.mjs");
    const text = await readFile(file, "utf8");
    return { ...(await import(pathToFileURL(file).href)), usesNodeCrypto: text.includes('from "node:crypto"') && !text.includes("crypto.subtle") };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
const { hashPayload, signHeaders, usesNodeCrypto } = await bundleNodeSigning();

// A plain SDK-HMAC-SHA256 signer on node:crypto, with signRequest's contract: reads a
// Request's URL, headers and body, returns a new signed Request, the original untouched.
const rfc3986 = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
const decode = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
const sha256 = (data) => createHash("sha256").update(data).digest("hex");
async function plainSignRequest(request, { accessKey, secretKey, securityToken }, { date = new Date() } = {}) {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  const body = request.body === null ? undefined : Buffer.from(await request.clone().arrayBuffer());
  const stamp = date.toISOString().replace(/[-:]|\.\d+/g, "");
  headers.delete("authorization");
  headers.set("x-sdk-date", stamp);
  if (securityToken !== undefined) headers.set("x-security-token", securityToken);
  const signed = new Map([["host", url.host], ...headers]);
  const names = [...signed.keys()].sort();
  const uri = url.pathname.split("/").map((segment) => rfc3986(decode(segment))).join("/");
  const query = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const [name, ...value] = pair.split("=");
      return [decode(name), decode(value.join("="))];
    })
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0))
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join("&");
  const canonical = [
    request.method,
    uri.endsWith("/") ? uri : `${uri}/`,
    query,
    names.map((name) => `${name}:${signed.get(name).trim()}\n`).join(""),
    names.join(";"),
    headers.get("x-sdk-content-sha256") ?? sha256(body ?? ""),
  ].join("\n");
  const signature = createHmac("sha256", secretKey).update(`SDK-HMAC-SHA256\n${stamp}\n${sha256(canonical)}`).digest("hex");
  headers.set("authorization", `SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=${names.join(";")}, Signature=${signature}`);
  return new Request(request, { headers, body: body ?? null });
}

// Two calls of the client: a list (a GET with a query) and a create (a POST with a JSON body).
const endpoint = "https://vpcep.eu-de.otc.t-systems.com";
const projectId = "6e9dfd51d1124e8d8498dce894923a0d";
const credentials = { accessKey: "HPUABXXXXXXXXXXXXXXX", secretKey: "sk-for-bench-only/0123456789abcdefghij+KLMN" };
const listQuery = { limit: "10", offset: "0" };
const createBody = {
  endpoint_service_id: "4d9e4d30-61b8-4f25-a8c3-3ae50fa2a5f4",
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  subnet_id: "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
  enable_dns: true,
  tags: [{ key: "env", value: "bench" }],
};
const createJson = JSON.stringify(createBody);
const attemptHeaders = { "content-type": "application/json", "x-project-id": projectId };
const listUrl = `${endpoint}/v1/${projectId}/vpc-endpoints?${new URLSearchParams(listQuery)}`;
const createUrl = `${endpoint}/v1/${projectId}/vpc-endpoints`;
const listRequest = () => new Request(listUrl, { headers: attemptHeaders });
const createRequest = () => new Request(createUrl, { method: "POST", headers: attemptHeaders, body: createJson });

// Huawei's SDK builds its request so (HttpRequestBuilder, the data as an object, which its
// signer hashes as JSON.stringify(data)), then BasicCredentials.processAuthRequest calls
// AKSKSigner.sign(request, credentials), which returns the headers to send; without an
// X-Sdk-Date header it stamps the time itself.
const huaweiCredentials = new BasicCredentials().withAk(credentials.accessKey).withSk(credentials.secretKey).withProjectId(projectId);
const huaweiCreate = (headers = {}) =>
  new HttpRequestBuilder()
    .withEndpoint(createUrl)
    .withMethod("POST")
    .withHeaders({ "Content-Type": "application/json", "X-Project-Id": projectId, ...headers })
    .withData(createBody)
    .build();
const huaweiList = (headers = {}) =>
  new HttpRequestBuilder()
    .withEndpoint(`${endpoint}/v1/${projectId}/vpc-endpoints`)
    .withMethod("GET")
    .withHeaders({ "Content-Type": "application/json", "X-Project-Id": projectId, ...headers })
    .withQueryParams(listQuery)
    .build();

// An attempt of the create call as the transport holds it: its headers and its body text.
// Parsing the URL is timed, as the client does it for each attempt and Huawei's signer too.
const createPayloadHash = await hashPayload(createJson);
const attempt = () => ({ headers: new Headers(attemptHeaders), body: createJson });
const attemptInput = ({ headers, body }) => ({ method: "POST", url: new URL(createUrl), headers, body });

/** Each case: a label, what to build before a round for each call, and the signing timed. */
const cases = {
  plainList: ["plain node:crypto signRequest, list (GET, query)", listRequest, (request) => plainSignRequest(request, credentials)],
  nodeList: ["signRequest, dist/node (node:crypto), list", listRequest, (request) => nodeSignRequest(request, credentials)],
  webList: ["signRequest, dist (Web Crypto), list", listRequest, (request) => webSignRequest(request, credentials)],
  plainCreate: ["plain node:crypto signRequest, create (POST, JSON)", createRequest, (request) => plainSignRequest(request, credentials)],
  nodeCreate: ["signRequest, dist/node (node:crypto), create", createRequest, (request) => nodeSignRequest(request, credentials)],
  webCreate: ["signRequest, dist (Web Crypto), create", createRequest, (request) => webSignRequest(request, credentials)],
  huawei: ["Huawei AKSKSigner.sign (huaweicloud-sdk-core), create", () => huaweiCreate(), (request) => AKSKSigner.sign(request, huaweiCredentials)],
  attempt: [
    "signHeaders with the payload hash in hand, create attempt",
    attempt,
    (held) => signHeaders(attemptInput(held), credentials, { date: new Date(), payloadHash: createPayloadHash }),
  ],
  firstAttempt: [
    "hashPayload + signHeaders, first create attempt",
    attempt,
    async (held) => signHeaders(attemptInput(held), credentials, { date: new Date(), payloadHash: await hashPayload(held.body) }),
  ],
};

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc");

/** µs per call of a case over one round. */
async function round([, prepare, sign]) {
  const inputs = Array.from({ length: CALLS_PER_ROUND }, prepare);
  collectGarbage({ type: "minor" });
  const start = process.hrtime.bigint();
  for (const input of inputs) await sign(input);
  return Number(process.hrtime.bigint() - start) / 1000 / CALLS_PER_ROUND;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Signatures first: every signer must sign the same input alike, or the timings compare nothing.
const at = new Date("2024-05-06T09:12:44Z");
const stamp = "20240506T091244Z";
const authorization = (request) => request.headers.get("authorization");
const signedAttempt = attemptInput(attempt());
await signHeaders(signedAttempt, credentials, { date: at, payloadHash: createPayloadHash });
const official = new Request(
  "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
  { headers: { "content-type": "application/json" } },
);
const officialCredentials = { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" };
const officialDate = new Date("2019-11-15T03:36:55Z");
const checks = [
  [
    "official guide vector: dist/node, dist, plain",
    [
      authorization(await nodeSignRequest(official, officialCredentials, { date: officialDate })),
      authorization(await webSignRequest(official, officialCredentials, { date: officialDate })),
      authorization(await plainSignRequest(official, officialCredentials, { date: officialDate })),
    ],
    "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
  ],
  [
    "list: dist/node, dist, plain, Huawei",
    [
      authorization(await nodeSignRequest(listRequest(), credentials, { date: at })),
      authorization(await webSignRequest(listRequest(), credentials, { date: at })),
      authorization(await plainSignRequest(listRequest(), credentials, { date: at })),
      AKSKSigner.sign(huaweiList({ "X-Sdk-Date": stamp }), huaweiCredentials).Authorization,
    ],
  ],
  [
    "create: signHeaders (bench bundle), dist/node, dist, plain, Huawei",
    [
      signedAttempt.headers.get("authorization"),
      authorization(await nodeSignRequest(createRequest(), credentials, { date: at })),
      authorization(await webSignRequest(createRequest(), credentials, { date: at })),
      authorization(await plainSignRequest(createRequest(), credentials, { date: at })),
      AKSKSigner.sign(huaweiCreate({ "X-Sdk-Date": stamp }), huaweiCredentials).Authorization,
    ],
  ],
].map(([name, signatures, expected = signatures[0]]) => [name, signatures, signatures.every((signature) => signature === expected)]);

/** Median µs per call of each case, and the median ratio of each candidate to its baseline. */
async function measure(pairs) {
  for (const entry of Object.values(cases)) for (let i = 0; i < 3; i++) await round(entry);
  const micros = Object.fromEntries(Object.keys(cases).map((key) => [key, []]));
  const ratios = pairs.map(() => []);
  const informational = Object.keys(cases).filter((key) => !pairs.some((pair) => pair.includes(key)));
  for (let i = 0; i < ROUNDS; i++) {
    for (const [index, [baseline, candidate]] of pairs.entries()) {
      const before = await round(cases[baseline]);
      const timed = await round(cases[candidate]);
      const after = await round(cases[baseline]);
      micros[baseline].push(before, after);
      micros[candidate].push(timed);
      ratios[index].push((2 * timed) / (before + after));
    }
    for (const key of informational) micros[key].push(await round(cases[key]));
  }
  return { micros: Object.fromEntries(Object.entries(micros).map(([key, values]) => [key, median(values)])), ratios: ratios.map(median) };
}

const pairs = [
  ["plainList", "nodeList"],
  ["plainCreate", "nodeCreate"],
  ["huawei", "attempt"],
];
const { micros, ratios } = await measure(pairs);
const [listRatio, createRatio, attemptRatio] = ratios;
const budgets = [
  ["signRequest dist/node ÷ plain node:crypto, list", listRatio, "≤ 1.50×", listRatio <= 1.5],
  ["signRequest dist/node ÷ plain node:crypto, create", createRatio, "≤ 1.50×", createRatio <= 1.5],
  ["signHeaders (payload hash in hand) ÷ Huawei AKSKSigner, create", attemptRatio, "< 1.00×", attemptRatio < 1],
];

console.log(`Node ${process.version}, ${ROUNDS} rounds of ${CALLS_PER_ROUND} signings per case`);
console.log(`signHeaders bundled from src/auth/signing.ts, hashing with node:crypto: ${usesNodeCrypto ? "yes" : "NO"}\n`);
console.log("| case | µs per signing (median round) |\n| --- | ---: |");
for (const [key, [name]] of Object.entries(cases)) console.log(`| ${name} | ${micros[key].toFixed(2)} |`);
console.log("\n| budget | measured (median round) | limit | |\n| --- | ---: | ---: | --- |");
for (const [name, ratio, limit, ok] of budgets) console.log(`| ${name} | ${ratio.toFixed(2)}× | ${limit} | ${ok ? "ok" : "OVER"} |`);
console.log("\n| same signature | signers | |\n| --- | ---: | --- |");
for (const [name, signatures, ok] of checks) console.log(`| ${name} | ${signatures.length} | ${ok ? "ok, all equal" : "DIFFER"} |`);
for (const [name, signatures, ok] of checks) if (!ok) console.error(`\n${name}:\n  ${signatures.join("\n  ")}`);
if (!usesNodeCrypto || budgets.some(([, , , ok]) => !ok) || checks.some(([, , ok]) => !ok)) process.exitCode = 1;
