import { errorCodeAndMessage, VpcepNetworkError, VpcepResponseError } from "../errors.js";
import { quoteInt64Fields } from "../precision.js";
import type { Attempt } from "./policy.js";

/** Not parsed: an error body, or a body that is not JSON. */
const UNPARSED: unique symbol = Symbol("unparsed");
/** What `json()` answers for a body that is not JSON where the operation documents none. */
const NOT_JSON_AND_NONE_EXPECTED: unique symbol = Symbol("no JSON expected");

/**
 * A response whose body the transport has read whole, within the attempt: the attempt's
 * limits covered it, and nothing is left to stall. It is a complete `Response` over the
 * body as read (int64 fields quoted, see `quoteInt64Fields`), readable once as any is.
 * `text()` and `json()` answer from memory, `json()` with the value the transport parsed
 * when it checked the body, so that a body is parsed once. The other ways to read it
 * (`body`, `blob()`, `arrayBuffer()`, ...) go through a `Response` over the bytes, built
 * when first needed: on Node 20 building one, with its stream, costs about 10 µs, more
 * than the rest of the client's work on a call.
 */
export class ReadResponse extends Response {
  /** How many attempts the call took, this one included. */
  readonly attempts: number;
  readonly #url: string;
  readonly #read: BodyRead;
  readonly #parsed: unknown;
  #streamed: Response | undefined;
  #used = false;

  /** `url`: where the answer came from; a custom fetch's constructed `Response` has none, and then it is the request's. */
  constructor(answer: Response, read: BodyRead, parsed: unknown, attempts: number, url = answer.url) {
    const empty = read.byteLength === 0 || NULL_BODY_STATUSES.has(answer.status);
    super(null, { status: answer.status, statusText: answer.statusText, headers: wholeBodyHeaders(answer.headers, empty ? 0 : read.byteLength) });
    this.#url = url;
    this.#read = empty ? { text: "", byteLength: 0, bytes: undefined } : read;
    this.#parsed = parsed;
    this.attempts = attempts;
  }

  /** The URL the answer came from (a constructed `Response` has none of its own). */
  override get url(): string {
    return this.#url;
  }

  /** The body as a `Response` of its own, from the first read that needs its stream on. */
  #stream(): Response {
    const read = this.#read;
    // After text() or json(), the body is used up: so is the stream's.
    const body = this.#used ? usedUp() : read.byteLength === 0 ? null : (read.bytes ?? read.text);
    return (this.#streamed ??= new Response(body, { headers: this.headers }));
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#read.byteLength === 0 ? null : (this.#stream().body as ReadableStream<Uint8Array<ArrayBuffer>>);
  }

  override get bodyUsed(): boolean {
    return this.#streamed?.bodyUsed ?? this.#used;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#stream().arrayBuffer();
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.#stream().arrayBuffer());
  }

  override blob(): Promise<Blob> {
    return this.#stream().blob();
  }

  override formData(): Promise<FormData> {
    return this.#stream().formData();
  }

  override async text(): Promise<string> {
    if (this.#streamed !== undefined || this.#used) return this.#stream().text();
    // An empty body can be read again and again, as a Response's null body can.
    this.#used = this.#read.byteLength > 0;
    return this.#read.text;
  }

  override async json(): Promise<unknown> {
    if (this.#parsed === UNPARSED || this.#streamed !== undefined || this.#used) return JSON.parse(await this.text());
    this.#used = true;
    return this.#parsed === NOT_JSON_AND_NONE_EXPECTED ? undefined : this.#parsed;
  }

  override clone(): ReadResponse {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    // The copy parses its own value: a middleware that changes what it read leaves the caller's alone.
    return new ReadResponse(this, this.#read, UNPARSED, this.attempts);
  }

  /** The body's text as read, whether or not the body has been read since. */
  bodyText(): string {
    return this.#read.text;
  }

  /** The service's error code, from either error body; for the retry decision. */
  serviceErrorCode(): string | undefined {
    try {
      return errorCodeAndMessage(JSON.parse(this.#read.text)).code;
    } catch {
      return undefined;
    }
  }
}

/** A body as read: its text, and its length and bytes as they will be delivered. */
export interface BodyRead {
  readonly text: string;
  readonly byteLength: number;
  /** The bytes as they came, when the text is what they decode to (else the text is the body). */
  readonly bytes: Uint8Array<ArrayBuffer> | undefined;
}

/** A stream that is already read. */
function usedUp(): ReadableStream<Uint8Array> {
  const stream = new ReadableStream<Uint8Array>();
  void stream.cancel();
  return stream;
}

/** How many attempts the call that got `response` took: 1 for a response the transport did not read. */
export function attemptsOf(response: Response): number {
  return response instanceof ReadResponse ? response.attempts : 1;
}

/** Statuses whose responses carry no body by definition. */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

/**
 * The answer's headers, now describing the body as read: whole and decoded. The length is
 * what openapi-fetch reads to call `json()` (without one it reads `text()` and parses it again).
 */
function wholeBodyHeaders(headers: Headers, length: number): Headers {
  const described = headers.get("content-length") === String(length) && !headers.has("content-encoding") && !headers.has("transfer-encoding");
  if (described) return headers;
  const whole = new Headers(headers);
  whole.delete("content-encoding");
  whole.delete("transfer-encoding");
  whole.set("content-length", String(length));
  return whole;
}

/**
 * The operations whose success has no body: the deletes, and the tag updates
 * (`POST /{resource_type}/{resource_id}/tags/action`). A test keeps this equal to the spec.
 */
export function documentsNoSuccessBody(method: string, request: { readonly url: string }): boolean {
  if (method === "DELETE") return true;
  // The URL only for a POST: reading a Request's URL costs a serialisation.
  return method === "POST" && /\/tags\/action\/?(?:\?|$)/.test(request.url);
}

const decoder = new TextDecoder();

/**
 * Reads the answer's body whole, within the attempt. A success must bring a JSON object
 * where its operation documents a body (each documents one): an empty, blank or broken
 * body, or JSON that is no object (`null`, `42`), is a `VpcepResponseError`,
 * which the retry decision treats like a failed attempt. Where the operation documents no
 * body (a delete), whatever comes is kept, and `json()` answers undefined for text that is
 * not JSON. The body is decoded and parsed once.
 */
export async function readBody(answer: Response, attempt: Attempt): Promise<ReadResponse> {
  const { call } = attempt;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = answer.body === null ? new Uint8Array() : new Uint8Array(await answer.arrayBuffer());
  } catch (error) {
    // The connection broke, or the attempt's signal ended it, while the body came in.
    throw new VpcepNetworkError(call.facts, attempt.number, error);
  }
  // A body that ignored the signal may come after the attempt gave up: nothing may act on it.
  if (attempt.signal.aborted) throw attempt.signal.reason;
  const read = decodeOnce(bytes);
  const url = answer.url || attempt.request.url;
  if (!answer.ok || answer.status === 204) return new ReadResponse(answer, read, UNPARSED, attempt.number, url);
  if (documentsNoSuccessBody(call.method, attempt.request)) return new ReadResponse(answer, read, parsedIfJson(read.text), attempt.number, url);
  const parsed = parsedIfJson(read.text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    const got = read.text.trim() === "" ? "an empty body" : parsed === NOT_JSON_AND_NONE_EXPECTED ? "a body that is not valid JSON" : "JSON that is no object";
    throw new VpcepResponseError(call.facts, answer.status, got, attempt.number);
  }
  return new ReadResponse(answer, read, parsed, attempt.number, url);
}

function parsedIfJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON_AND_NONE_EXPECTED;
  }
}

/**
 * The body's text, decoded once, with int64 fields quoted; its bytes stay as they came
 * unless the quoting changed the text. Then the length is the bytes' and the quotes' (one
 * byte each), less a byte-order mark the decoding dropped; the rare body with bytes that
 * are not UTF-8 is encoded again, since those decode to a character of another length.
 */
function decodeOnce(bytes: Uint8Array<ArrayBuffer>): BodyRead {
  const decoded = decoder.decode(bytes);
  const text = quoteInt64Fields(decoded);
  if (text === decoded) return { text, byteLength: bytes.byteLength, bytes };
  if (decoded.includes("\uFFFD")) {
    const encoded = new TextEncoder().encode(text);
    return { text, byteLength: encoded.byteLength, bytes: encoded };
  }
  const byteOrderMark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text, byteLength: bytes.byteLength - byteOrderMark + text.length - decoded.length, bytes: undefined };
}
