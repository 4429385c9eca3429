/**
 * Checks what Prism cannot take: a request target that is not a path (`//`, which a URL
 * parser reads as a host) or whose escapes do not decode (Prism's router throws an uncaught
 * URIError on `%FF`, see docs/adr/0011), a `Content-Type` header that is not a media type
 * (Prism's body parsing throws on `/`), a body that is not
 * UTF-8 or not JSON or nested too deep, a body too large. Each refusal is the service's
 * `400 EndPoint.0002`, naming the field and the rule.
 */
import type { IncomingMessage } from "node:http";
import { matchingRoutes, rawSegments, type Route } from "./routes.js";
import { parameterError } from "./service-errors.js";

/** The largest request body read, as Prism's own server allows. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The deepest nesting of arrays and objects in a JSON body; the spec's bodies need four. */
export const MAX_JSON_DEPTH = 64;

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** `"%FF"` and its neighbourhood, short enough for a message. */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

const ESCAPE_RULE = "must be percent-encoded UTF-8 (every % followed by two hex digits, the bytes valid UTF-8)";

/** The field a path segment is: the path parameter of the best matching operation, or its position. */
function segmentField(routes: readonly Route[], segments: readonly string[], index: number, method: string): string {
  for (const candidates of [matchingRoutes(routes, segments, method), matchingRoutes(routes, segments)]) {
    for (const route of candidates) {
      const segment = route.segments[index];
      if (segment !== undefined && typeof segment !== "string") return `path parameter "${segment.param}"`;
    }
  }
  return `path segment ${index + 1}`;
}

/**
 * The origin form of a request target: an absolute-form one (`http://host/v1/...?...`, RFC 9112
 * section 3.2.2, as a client sends to a proxy) without its scheme and host; any other as it is.
 */
export function originForm(target: string): string {
  const absolute = /^https?:\/\/[^/?#@]+/i.exec(target);
  if (absolute === null) return target;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

const TARGET_RULE = 'must be a path that starts with a single "/" (origin-form, e.g. /v1/{project_id}/vpc-endpoints)';

/**
 * The path and query of a request target, read as a path even where a URL parser would read
 * a host (`//host/x`), or a refusal for a target that is no path: one that starts with two
 * slashes (or backslashes, which URLs take for slashes).
 */
export function parseTarget(target: string): URL {
  const path = target.startsWith("/") ? target : `/${target}`;
  const refused = parameterError(`request target (${shown(target)}) ${TARGET_RULE}.`);
  if (/^[/\\]{2}/.test(path)) throw refused;
  let url: URL;
  try {
    url = new URL(path, "http://mock.invalid");
  } catch {
    throw refused;
  }
  if (url.host !== "mock.invalid") throw refused;
  return url;
}

// RFC 9110's media type: `type/subtype`, then parameters `; name=value` (a token or a quoted string).
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~\\x80-\\xff]|\\\\[\\t -~\\x80-\\xff])*"';
const PARAMETERS = `(?:[ \\t]*;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*`;
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}${PARAMETERS}$`);
const MEDIA_TYPE_RULE = "type/subtype (e.g. application/json), each parameter after it name=value";

/**
 * Refuses a `Content-Type` header that is not a media type (Prism's body parsing throws on `/`).
 * An absent or empty header passes. `Accept` is not checked: the service answers JSON whatever
 * it says, and so does the mock (Prism does not see it, see handler.ts).
 */
export function checkHeaders(request: IncomingMessage): void {
  const contentType = request.headers["content-type"];
  if (contentType !== undefined && contentType.trim() !== "" && !MEDIA_TYPE.test(contentType.trim())) {
    throw parameterError(`header "Content-Type" (${shown(contentType)}) must be a media type: ${MEDIA_TYPE_RULE}.`);
  }
}

/**
 * Refuses a request target (path and query) with an escape that does not decode.
 * Returns nothing when every part decodes.
 */
export function checkTarget(target: string, routes: readonly Route[], method: string): void {
  const queryStart = target.indexOf("?");
  const pathname = queryStart < 0 ? target : target.slice(0, queryStart);
  const query = queryStart < 0 ? "" : target.slice(queryStart + 1).split("#")[0] ?? "";
  const segments = rawSegments(pathname);
  const bad = segments.findIndex((segment) => !decodes(segment));
  if (bad >= 0) {
    throw parameterError(`${segmentField(routes, segments, bad, method)} (${shown(segments[bad] ?? "")}) ${ESCAPE_RULE}.`);
  }
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const name = (equals < 0 ? pair : pair.slice(0, equals)).replace(/\+/g, " ");
    const value = equals < 0 ? "" : pair.slice(equals + 1).replace(/\+/g, " ");
    if (!decodes(name)) throw parameterError(`query parameter name ${shown(name)} ${ESCAPE_RULE}.`);
    if (!decodes(value)) {
      throw parameterError(`query parameter "${decodeURIComponent(name)}" (${shown(value)}) ${ESCAPE_RULE}.`);
    }
  }
}

/**
 * How deep arrays and objects nest in a JSON text, counted without parsing it (so that a
 * text nested 100,000 levels deep costs one pass and no stack). Brackets inside strings
 * do not count.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Whether Prism would read a body: one is announced (a length other than 0, or chunked). */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  if (length === "0") return false;
  return length !== undefined || request.headers["transfer-encoding"] !== undefined;
}

function isJson(request: IncomingMessage): boolean {
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[^/]+\+json$/.test(type);
}

/** Reads the request's body: at most MAX_BODY_BYTES, or a refusal. */
function readBytes(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners("data");
        request.resume();
        reject(parameterError(`body must be at most ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}

export interface RequestBody {
  /** What Prism validates: parsed JSON, text, or null when there is none. */
  parsed: unknown;
  /** The bytes as sent, for the proxy to forward. */
  raw: Buffer | undefined;
}

/**
 * The request's body as Prism's server reads it (JSON when the content type says so,
 * text otherwise, null when none is announced), or a refusal: not UTF-8, not JSON,
 * nested deeper than MAX_JSON_DEPTH, larger than MAX_BODY_BYTES.
 */
export async function readBody(request: IncomingMessage): Promise<RequestBody> {
  if (!hasBody(request)) {
    request.resume();
    return { parsed: null, raw: undefined };
  }
  const raw = await readBytes(request);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw parameterError("body must be valid UTF-8.");
  }
  if (!isJson(request)) return { parsed: text, raw };
  if (text.trim() === "") return { parsed: null, raw };
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw parameterError(`body must not nest arrays and objects deeper than ${MAX_JSON_DEPTH} levels; it nests ${depth}.`);
  try {
    return { parsed: JSON.parse(text) as unknown, raw };
  } catch (error) {
    throw parameterError(`body must be valid JSON: ${(error as Error).message}.`);
  }
}

