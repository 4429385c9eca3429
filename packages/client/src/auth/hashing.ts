/**
 * SHA-256 and HMAC-SHA256 for request signing, by Web Crypto: the default, for browsers,
 * Deno, Bun and workers. The Node build puts `hashing.node.ts` in its place.
 */

export const implementation = "web-crypto";

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(bytes)) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** Lower-case hex SHA-256 of the UTF-8 of a string, or of bytes. */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", typeof data === "string" ? encoder.encode(data) : data));
}

// Importing an HMAC key is the costly step of Web Crypto: a key is imported once per secret,
// and the few kept are dropped together past 16 secrets.
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 16;

function hmacKey(secretKey: string): Promise<CryptoKey> {
  let key = keys.get(secretKey);
  if (key === undefined) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secretKey, key);
  }
  return key;
}

/** Lower-case hex HMAC-SHA256 of the UTF-8 of `message`, keyed with the UTF-8 of `secretKey`. */
export async function hmacSha256Hex(secretKey: string, message: string): Promise<string> {
  return hex(await crypto.subtle.sign("HMAC", await hmacKey(secretKey), encoder.encode(message)));
}
