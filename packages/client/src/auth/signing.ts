/**
 * AK/SK request signing, algorithm `SDK-HMAC-SHA256`, as the Open Telekom Cloud and
 * Huawei Cloud API gateways verify it. The algorithm is written once, over `hashing.js`:
 * Web Crypto by default (browsers, Deno, workers), node:crypto in the Node build.
 */
import { hmacSha256Hex, sha256Hex } from "./hashing.js";

/** Access key credentials; `securityToken` comes with temporary credentials. */
export interface AkSkCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

export interface SignOptions {
  /** The signing time; now by default. The gateway refuses times more than 15 minutes off. */
  date?: Date;
}

const ALGORITHM = "SDK-HMAC-SHA256";

/** The SHA-256 of no bytes (e3b0c442…b855), the payload hash of every request without a body; hashed on first use. */
let emptyBodyHash: string | undefined;

/** RFC 3986 encoding: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX`, upper-case. */
function encodeRfc3986(text: string): string {
  // Path segments and query values are mostly ids and numbers, their own encoding: the fast path.
  return /^[\w.~-]*$/.test(text) ? text : encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeLeniently(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A path of unreserved characters only: its own canonical form, but for the final `/`. */
const PLAIN_PATH = /^[\w.~/-]*$/;

/** `/a b/c` → `/a%20b/c/`: each segment decoded then encoded, always ending with `/`. */
export function canonicalUri(pathname: string): string {
  // The API's paths are ids and names: the usual case needs no segment decoded or encoded.
  const encoded = PLAIN_PATH.test(pathname)
    ? pathname
    : pathname
        .split("/")
        .map((segment) => encodeRfc3986(decodeLeniently(segment)))
        .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/**
 * The query sorted by name, then by value, each encoded by RFC 3986. Parsed from the raw
 * query string: unlike `URLSearchParams`, a `+` stays a plus, not a space.
 */
export function canonicalQuery(search: string): string {
  if (search === "" || search === "?") return "";
  return search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const equals = pair.includes("=") ? pair.indexOf("=") : pair.length;
      return [decodeLeniently(pair.slice(0, equals)), decodeLeniently(pair.slice(equals + 1))] as const;
    })
    .sort(([nameA, valueA], [nameB, valueB]) =>
      nameA === nameB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : nameA < nameB ? -1 : 1,
    )
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join("&");
}

/** `20191115T033655Z`: the basic ISO 8601 format `X-Sdk-Date` uses. */
export function sdkDate(date: Date): string {
  const iso = date.toISOString(); // 2019-11-15T03:36:55.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

export interface CanonicalInput {
  method: string;
  url: URL;
  /** The headers to sign, by lower-case name. */
  headers: ReadonlyMap<string, string>;
  /** Lower-case hex SHA-256 of the exact body bytes (see `hashPayload`). */
  payloadHash: string;
}

/** The canonical request: method, URI, query, headers, signed header names and payload hash. */
export function canonicalRequest({ method, url, headers, payloadHash }: CanonicalInput): string {
  const names = [...headers.keys()].sort();
  return [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    names.map((name) => `${name}:${headers.get(name)?.trim()}\n`).join(""),
    names.join(";"),
    payloadHash,
  ].join("\n");
}

/** The hex signature of a canonical request, signed at `date` (`X-Sdk-Date` form). */
export async function signature(canonical: string, date: string, secretKey: string): Promise<string> {
  return hmacSha256Hex(secretKey, `${ALGORITHM}\n${date}\n${await sha256Hex(canonical)}`);
}

/** What `signHeaders` signs: the request's parts, with headers it may change. */
export interface SigningInput {
  method: string;
  url: URL;
  headers: Headers;
  /** Bytes as Web Crypto takes them: not a view of a `SharedArrayBuffer`. */
  body: string | Uint8Array<ArrayBuffer> | undefined;
}

/** SHA-256 hex of the body bytes (a string as its UTF-8); the fixed empty hash for no body. */
export async function hashPayload(body: SigningInput["body"]): Promise<string> {
  return body?.length ? sha256Hex(body) : (emptyBodyHash ??= await sha256Hex(""));
}

/**
 * Signs in place: sets `X-Sdk-Date`, `X-Security-Token` (temporary credentials) and
 * `Authorization` on `input.headers`, replacing any Authorization there. Every other header
 * there is signed, and `host`. A caller that has the payload hash already (a retry of one
 * call) passes it as `payloadHash`; an `X-Sdk-Content-Sha256` header, as the reference
 * signers take it, comes before both.
 */
export async function signHeaders(
  input: SigningInput,
  credentials: AkSkCredentials,
  options: { date: Date; payloadHash?: string },
): Promise<void> {
  const { url, headers } = input;
  const date = sdkDate(options.date);
  headers.set("x-sdk-date", date);
  if (credentials.securityToken !== undefined) headers.set("x-security-token", credentials.securityToken);

  // Host and every header are signed, but the Authorization that is replaced at the end. A host
  // header, where a runtime lets one be set, is what is sent: it wins over the URL's.
  const toSign = new Map([["host", url.host], ...headers]);
  toSign.delete("authorization");
  const payloadHash = toSign.get("x-sdk-content-sha256") ?? options.payloadHash ?? (await hashPayload(input.body));
  const canonical = canonicalRequest({ ...input, headers: toSign, payloadHash });
  const names = [...toSign.keys()].sort().join(";");
  const signed = await signature(canonical, date, credentials.secretKey);
  headers.set("authorization", `${ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${names}, Signature=${signed}`);
}

/**
 * Signs a request with an access key and secret key. Returns a new `Request` that carries
 * `X-Sdk-Date` and `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`
 * (and `X-Security-Token` for temporary credentials). Every header of the request is
 * signed, with `host` and `x-sdk-date` always among them. The original is left untouched.
 */
export async function signRequest(request: Request, credentials: AkSkCredentials, options: SignOptions = {}): Promise<Request> {
  const headers = new Headers(request.headers);
  // A clone is read so that the original keeps its body.
  const body = request.body === null ? undefined : new Uint8Array(await request.clone().arrayBuffer());
  await signHeaders({ method: request.method, url: new URL(request.url), headers, body }, credentials, { date: options.date ?? new Date() });
  return new Request(request, { headers, body: body ?? null });
}
