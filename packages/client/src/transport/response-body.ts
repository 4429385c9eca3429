import { errorCodeAndMessage, VpcepNetworkError, VpcepResponseError } from "../errors.js";
import { quoteInt64Fields } from "../precision.js";
import type { Attempt } from "./policy.js";

/** Not parsed: an error body, or a body that is not JSON. */
const UNPARSED: unique symbol = Symbol("unparsed");

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

  constructor(answer: Response, read: BodyRead, parsed: unknown, attempts: number) {
    const empty = read.byteLength === 0 || NULL_BODY_STATUSES.has(answer.status);
    super(null, { status: answer.status, statusText: answer.statusText, headers: wholeBodyHeaders(answer.headers, empty ? 0 : read.byteLength) });
    this.#url = answer.url;
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
    return (this.#streamed ??= new Response(this.#used ? usedUp() : read.byteLength === 0 ? null : (read.bytes ?? read.text)));
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
    this.#used = true;
    return this.#read.text;
  }

  override async json(): Promise<unknown> {
    if (this.#parsed === UNPARSED || this.#streamed !== undefined || this.#used) return JSON.parse(await this.text());
    this.#used = true;
    return this.#parsed;
  }

  override clone(): ReadResponse {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    return new ReadResponse(this, this.#read, this.#parsed, this.attempts);
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
export function documentsNoSuccessBody(method: string, url: string): boolean {
  if (method === "DELETE") return true;
  return method === "POST" && /\/tags\/action\/?(?:\?|$)/.test(url);
}

const decoder = new TextDecoder();

/**
 * Reads the answer's body whole, within the attempt. A success must bring JSON where its
 * operation documents a body: an empty, blank or broken one is a `VpcepResponseError`,
 * which the retry decision treats like a failed attempt. The body is decoded and parsed
 * once; its bytes are kept as they came unless an int64 field had to be quoted.
 */
export async function readBody(answer: Response, attempt: Attempt): Promise<ReadResponse> {
  const { call } = attempt;
  if (answer.status < 200 || answer.status > 599) throw new VpcepResponseError(call.facts, answer.status, "a status outside 200-599", attempt.number);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = answer.body === null ? new Uint8Array() : new Uint8Array(await answer.arrayBuffer());
  } catch (error) {
    // The connection broke, or the attempt's signal ended it, while the body came in.
    throw new VpcepNetworkError(call.facts, attempt.number, error);
  }
  const decoded = decoder.decode(bytes);
  const text = quoteInt64Fields(decoded);
  // The quotes added are ASCII: one byte each.
  const body: BodyRead = { text, byteLength: bytes.byteLength + text.length - decoded.length, bytes: text === decoded ? bytes : undefined };
  if (!answer.ok || answer.status === 204) return new ReadResponse(answer, body, UNPARSED, attempt.number);
  if (text.trim() === "") {
    if (documentsNoSuccessBody(call.method, attempt.request.url)) return new ReadResponse(answer, body, UNPARSED, attempt.number);
    throw new VpcepResponseError(call.facts, answer.status, "an empty body", attempt.number);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VpcepResponseError(call.facts, answer.status, "a body that is not valid JSON", attempt.number);
  }
  return new ReadResponse(answer, body, parsed, attempt.number);
}
