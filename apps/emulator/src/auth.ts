/**
 * Authentication as the API gateway does it: an `X-Auth-Token` (any, or one of a
 * configured list), or an AK/SK request signed with `SDK-HMAC-SHA256` and verified with
 * the configured secret key, its `X-Sdk-Date` within 15 minutes of the emulator clock.
 * Failures are the gateway's 401; no message quotes a token, key or signature.
 */
import { canonicalQuery, canonicalUri } from "@otc-vpcep/client";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { unauthorized, type ApiFailure } from "./errors.js";

const ALGORITHM = "SDK-HMAC-SHA256";
const MAX_SKEW_MS = 15 * 60 * 1000;
const EMPTY_BODY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface AuthConfig {
  /** Accepted tokens; `undefined` accepts any non-empty token. */
  tokens: ReadonlySet<string> | undefined;
  /** Secret keys by access key. */
  accessKeys: ReadonlyMap<string, string>;
}

export interface SignedRequest {
  method: string;
  /** The path as sent, percent-encoded, without the query. */
  pathname: string;
  /** The query as sent, without `?`. */
  search: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The canonical request over the headers named in `signedHeaders` (lower-case). */
export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  // The header stands for the body's hash only when the signature covers it: an unsigned one could come from anyone.
  const declared = signedHeaders.includes("x-sdk-content-sha256") ? headerValue(request.headers, "x-sdk-content-sha256") : undefined;
  const payloadHash =
    declared ??
    (request.body.length === 0 ? EMPTY_BODY_HASH : createHash("sha256").update(request.body).digest("hex"));
  return [
    request.method.toUpperCase(),
    canonicalUri(request.pathname),
    canonicalQuery(request.search),
    signedHeaders.map((name) => `${name}:${(headerValue(request.headers, name) ?? "").trim()}\n`).join(""),
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

export function signCanonical(canonical: string, sdkDate: string, secretKey: string): string {
  const stringToSign = `${ALGORITHM}\n${sdkDate}\n${createHash("sha256").update(canonical).digest("hex")}`;
  return createHmac("sha256", secretKey).update(stringToSign).digest("hex");
}

/** `20191115T033655Z` → ms since the epoch, or `undefined` if malformed. */
export function parseSdkDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? ms : undefined;
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex` → its parts. */
export function parseAuthorization(value: string): { accessKey: string; signedHeaders: string[]; signature: string } | undefined {
  if (!value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(",")) {
    const equals = part.indexOf("=");
    if (equals === -1) return undefined;
    fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const accessKey = fields.get("Access");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (accessKey === undefined || accessKey === "" || signedHeaders === undefined || signature === undefined) return undefined;
  return { accessKey, signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()), signature };
}

/** Checks the request's credentials; returns the 401 to answer, or `undefined` when they hold. */
export function authenticate(request: SignedRequest, config: AuthConfig, nowMs: number): ApiFailure | undefined {
  const authorization = headerValue(request.headers, "authorization");
  if (authorization !== undefined && authorization !== "") {
    const parsed = parseAuthorization(authorization);
    if (parsed === undefined) return unauthorized(`the Authorization header is not of the form "${ALGORITHM} Access=..., SignedHeaders=..., Signature=..."`);
    const secretKey = config.accessKeys.get(parsed.accessKey);
    if (secretKey === undefined) return unauthorized("the access key is not known");
    if (!parsed.signedHeaders.includes("x-sdk-date")) return unauthorized("X-Sdk-Date must be among the signed headers");
    const sdkDate = headerValue(request.headers, "x-sdk-date") ?? "";
    const dateMs = parseSdkDate(sdkDate);
    if (dateMs === undefined) return unauthorized("X-Sdk-Date must be a UTC time of the form YYYYMMDDTHHMMSSZ");
    if (Math.abs(dateMs - nowMs) > MAX_SKEW_MS) return unauthorized("X-Sdk-Date is more than 15 minutes away from the server's clock");
    const missing = parsed.signedHeaders.find((name) => headerValue(request.headers, name) === undefined);
    if (missing !== undefined) return unauthorized(`the signed header "${missing}" is not in the request`);
    const expected = Buffer.from(signCanonical(canonicalRequest(request, parsed.signedHeaders), sdkDate, secretKey), "utf8");
    const given = Buffer.from(parsed.signature.toLowerCase(), "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return unauthorized("the signature does not match the request");
    return undefined;
  }
  const token = headerValue(request.headers, "x-auth-token");
  if (token === undefined || token.trim() === "") return unauthorized("no X-Auth-Token and no AK/SK signature");
  if (config.tokens !== undefined && !config.tokens.has(token)) return unauthorized("the X-Auth-Token is not valid");
  return undefined;
}
