/**
 * SHA-256 and HMAC-SHA256 for request signing, by node:crypto: the Node build's stand-in
 * for `hashing.ts`, with the same exports. It answers synchronously, a few microseconds a
 * call where Web Crypto takes a trip to the thread pool; signing awaits either.
 */
import { createHash, createHmac } from "node:crypto";

export const implementation = "node:crypto";

/** Lower-case hex SHA-256 of the UTF-8 of a string, or of bytes. */
export function sha256Hex(data: string | Uint8Array<ArrayBuffer>): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Lower-case hex HMAC-SHA256 of the UTF-8 of `message`, keyed with the UTF-8 of `secretKey`. */
export function hmacSha256Hex(secretKey: string, message: string): string {
  return createHmac("sha256", secretKey).update(message).digest("hex");
}
