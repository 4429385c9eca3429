/**
 * AK/SK request signing, algorithm `SDK-HMAC-SHA256`, as the Open Telekom Cloud and
 * Huawei Cloud API gateways verify it. Web Crypto only, so it runs in Node 20+ and browsers.
 */

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

/** The SHA-256 of no bytes: the payload hash of every request without a body. */
const EMPTY_BODY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Bytes as Web Crypto takes them. */
type Bytes = ArrayBuffer | Uint8Array<ArrayBuffer>;
const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(bytes)) out += byte.toString(16).padStart(2, "0");
  return out;
}

async function sha256Hex(data: Bytes): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", data));
}

/** RFC 3986 encoding: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX`, upper-case. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `/a b/c` → `/a%20b/c/`: each segment decoded then encoded, always ending with `/`. */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
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
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query === "") return "";
  return query
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? "" : pair.slice(equals + 1);
      return [decodeLeniently(name), decodeLeniently(value)] as const;
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
  /** The exact body bytes. */
  body: Bytes;
}

/** The canonical request: method, URI, query, headers, signed header names and payload hash. */
export async function canonicalRequest({ method, url, headers, body }: CanonicalInput): Promise<string> {
  const names = [...headers.keys()].sort();
  const payloadHash = headers.get("x-sdk-content-sha256") ?? (body.byteLength === 0 ? EMPTY_BODY_HASH : await sha256Hex(body));
  return [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    names.map((name) => `${name}:${headers.get(name)?.trim()}\n`).join(""),
    names.join(";"),
    payloadHash,
  ].join("\n");
}

// Importing an HMAC key is the costly step; each key is imported once per secret.
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 16;

function hmacKey(secretKey: string): Promise<CryptoKey> {
  let key = keys.get(secretKey);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", encoder.encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(secretKey, key);
  }
  return key;
}

/** The hex signature of a canonical request, signed at `date` (`X-Sdk-Date` form). */
export async function signature(canonical: string, date: string, secretKey: string): Promise<string> {
  const stringToSign = `${ALGORITHM}\n${date}\n${await sha256Hex(encoder.encode(canonical))}`;
  return hex(await crypto.subtle.sign("HMAC", await hmacKey(secretKey), encoder.encode(stringToSign)));
}

/**
 * Signs a request with an access key and secret key. Returns a new `Request` that carries
 * `X-Sdk-Date` and `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`
 * (and `X-Security-Token` for temporary credentials). Every header of the request is
 * signed, with `host` and `x-sdk-date` always among them. The original is left untouched.
 */
export async function signRequest(request: Request, credentials: AkSkCredentials, options: SignOptions = {}): Promise<Request> {
  const url = new URL(request.url);
  const date = sdkDate(options.date ?? new Date());
  const headers = new Headers(request.headers);
  headers.delete("authorization");
  headers.set("X-Sdk-Date", date);
  if (credentials.securityToken !== undefined) headers.set("X-Security-Token", credentials.securityToken);

  const toSign = new Map<string, string>([["host", url.host]]);
  headers.forEach((value, name) => toSign.set(name, value));
  const body = request.body === null ? new Uint8Array() : await request.clone().arrayBuffer();
  const canonical = await canonicalRequest({ method: request.method, url, headers: toSign, body });
  const names = [...toSign.keys()].sort().join(";");
  // Web Crypto hashes and signs off the main thread: the new request is built meanwhile,
  // and gets its Authorization header once the signature is there.
  const signing = signature(canonical, date, credentials.secretKey);
  const signed = new Request(request, request.body === null ? { headers } : { headers, body });
  signed.headers.set("Authorization", `${ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${names}, Signature=${await signing}`);
  return signed;
}
