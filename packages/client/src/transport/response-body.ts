import { VpcepNetworkError, VpcepResponseError } from "../errors.js";
import { quoteInt64Fields } from "../precision.js";
import type { Attempt } from "./policy.js";

/** Not parsed: an error body, or a body that is not JSON. */
const UNPARSED: unique symbol = Symbol("unparsed");

/**
 * A response whose body the transport has read whole, within the attempt: the attempt's
 * limits covered it, and nothing is left to stall. It is a complete `Response` over the
 * bytes as read (int64 fields quoted, see `quoteInt64Fields`): `text()`, `json()`,
 * `arrayBuffer()`, `blob()`, `bytes()`, the `body` stream and `clone()` all work, and a
 * body can be read once. `json()` answers with the value the transport parsed when it
 * checked the body, so that a body is parsed once.
 *
 * The body is held in memory and becomes a stream only if `body` is read: on Node 20,
 * building a `Response` over bytes (its stream) costs about 10 µs, more than the rest
 * of the client's work on a call.
 */
export class ReadResponse extends Response {
  /** How many attempts the call took, this one included. */
  readonly attempts: number;
  readonly #url: string;
  readonly #body: BodyRead;
  readonly #parsed: unknown;
  /** The body as a stream, once someone asked for `body`; from then on it is the body. */
  #streamed: Response | undefined;
  #read = false;

  constructor(answer: Response, body: BodyRead, parsed: unknown, attempts: number) {
    const empty = body.byteLength === 0 || NULL_BODY_STATUSES.has(answer.status);
    super(null, { status: answer.status, statusText: answer.statusText, headers: wholeBodyHeaders(answer.headers, empty ? 0 : body.byteLength) });
    this.#url = answer.url;
    this.#body = empty ? NO_BODY : body;
    this.#parsed = parsed;
    this.attempts = attempts;
  }

  /** The bytes of the body; encoded only if the text had to change and someone asks for bytes. */
  get #bytes(): Uint8Array<ArrayBuffer> {
    return (this.#body.bytes ??= encoder.encode(this.#body.text));
  }

  /** The URL the answer came from (a constructed `Response` has none of its own). */
  override get url(): string {
    return this.#url;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#body.byteLength === 0) return null;
    this.#streamed ??= new Response(this.#read ? streamUsedUp() : this.#bytes);
    return this.#streamed.body as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  override get bodyUsed(): boolean {
    return this.#streamed === undefined ? this.#read : this.#streamed.bodyUsed;
  }

  /** Marks the body read: a second read fails as it does on any `Response`. */
  #take(): void {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.#read = true;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#streamed !== undefined) return this.#streamed.arrayBuffer();
    this.#take();
    return this.#bytes.slice().buffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#streamed !== undefined) return new Uint8Array(await this.#streamed.arrayBuffer());
    this.#take();
    return this.#bytes.slice();
  }

  override async blob(): Promise<Blob> {
    if (this.#streamed !== undefined) return this.#streamed.blob();
    this.#take();
    return new Blob([this.#bytes], { type: this.headers.get("content-type") ?? "" });
  }

  override async text(): Promise<string> {
    if (this.#streamed !== undefined) return this.#streamed.text();
    this.#take();
    return this.#body.text;
  }

  override async json(): Promise<unknown> {
    if (this.#streamed !== undefined || this.#parsed === UNPARSED) return JSON.parse(await this.text());
    this.#take();
    return this.#parsed;
  }

  override async formData(): Promise<FormData> {
    this.body; // the stream, so that the body counts as read however formData ends
    return (this.#streamed ?? new Response(null)).formData();
  }

  override clone(): ReadResponse {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    return new ReadResponse(this, this.#body, this.#parsed, this.attempts);
  }

  /** The error code of an error body, if it is JSON and has one; for the retry decision. */
  serviceErrorCode(): string | undefined {
    if (!this.#body.text.includes("error")) return undefined;
    try {
      const body = JSON.parse(this.#body.text) as { error_code?: unknown; error?: { code?: unknown } };
      const code = body.error_code ?? body.error?.code;
      return typeof code === "string" ? code : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A body as read: its text, and its length and bytes as they will be delivered. */
export interface BodyRead {
  readonly text: string;
  readonly byteLength: number;
  /** The bytes as they came, when the text is what they decode to; else encoded on demand. */
  bytes: Uint8Array<ArrayBuffer> | undefined;
}

const NO_BODY: BodyRead = { text: "", byteLength: 0, bytes: new Uint8Array() };

/** A stream that is already read, for `body` asked for after the bytes were taken. */
function streamUsedUp(): ReadableStream<Uint8Array> {
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
const encoder = new TextEncoder();

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
