/** The emulator's options, checked once, with their defaults. */
import { createHash } from "node:crypto";
import { CLOCK_RULE, DEFAULT_TRANSITIONS, checkTransitions, outOfRange, type ClockKind, type TransitionMode } from "./clock.js";
import { FIRST_MARKER } from "./state.js";
import type { Quotas } from "./world.js";

/** One answered request, as `onResponse` sees it. */
export interface Exchange {
  method: string;
  /** The path, without the query. */
  path: string;
  /** The spec operation, when the path is one. */
  operationId: string | undefined;
  status: number;
  /** Why the response breaks the spec, when it does (checked with `strict` or `onResponse`). */
  violation: string | undefined;
}

export interface EmulatorOptions {
  /** TCP port to listen on; 0 or none picks a free one. */
  port?: number;
  /** Address to listen on; `127.0.0.1` by default. */
  host?: string;
  /** The region whose names the emulator gives (`{region}.{name}.{id}`); `eu-de` by default. */
  region?: string;
  /** When transitions complete: `"immediate"`, `"reads:N"`, `"ms:N"` (default `"ms:1000"`). */
  transitions?: string | TransitionMode;
  /** `"real"` (default): real time plus what `advance()` adds; `"manual"`: time moves only with `advance()`. */
  clock?: ClockKind;
  /** Where the manual clock starts; now by default. */
  startTime?: Date | number | string;
  /** Check every response against the spec and answer a violation as a 500 naming it. Off by default. */
  strict?: boolean;
  /** Accepted `X-Auth-Token` values; any non-empty token when omitted. */
  tokens?: readonly string[];
  /** AK/SK pairs, secret key by access key, for requests signed with `SDK-HMAC-SHA256`. */
  accessKeys?: Readonly<Record<string, string>>;
  /** The account (domain id) of each project; a project not listed gets a domain of its own, derived from its id. */
  projects?: Readonly<Record<string, string>>;
  /** Per account (domain), over all its projects: how many services (default 20) and endpoints (default 50) it may have. */
  quotas?: Partial<Quotas>;
  /** A JSON file to load the state from at start and to write every change to, before answering. */
  stateFile?: string;
  /**
   * The `marker_id` of the first endpoint, as decimal digits (or a bigint); the next ones count up.
   * Default `"9007199254740993"` (2^53 + 1): above what a JavaScript number holds exactly, as the
   * service's values can be. Tools that check int64 as a safe integer need a smaller one.
   */
  firstMarkerId?: string | bigint;
  /** The largest request body accepted, in bytes; 1 MiB by default. */
  maxBodyBytes?: number;
  /** The OpenAPI file to serve; the bundled VPCEP description by default. */
  spec?: string;
  /** Called with every answered request. */
  onResponse?: (exchange: Exchange) => void;
  /** Receives the emulator's log lines (spec violations, failures to persist, unexpected errors). Silent by default. */
  onLog?: (line: string) => void;
}

/** Thrown when the options are invalid, the state file cannot be used, or the emulator cannot listen. */
export class EmulatorError extends Error {
  override readonly name = "EmulatorError";
  /** `EADDRINUSE` when the port is taken; `ESTATEFILE` when the state file is refused. */
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

export interface ResolvedOptions {
  port: number;
  host: string;
  region: string;
  transitions: TransitionMode;
  clock: ClockKind;
  startTime: number;
  strict: boolean;
  tokens: ReadonlySet<string> | undefined;
  accessKeys: ReadonlyMap<string, string>;
  projects: ReadonlyMap<string, string>;
  quotas: Quotas;
  stateFile: string | undefined;
  maxBodyBytes: number;
  firstMarkerId: bigint;
  spec: string | undefined;
  onResponse: ((exchange: Exchange) => void) | undefined;
  onLog: (line: string) => void;
}

/** The domain of a project not configured: 32 hex digits derived from its id, the same on every run. */
export function derivedDomain(projectId: string): string {
  return createHash("sha256").update(`otc-vpcep-emulator:${projectId}`).digest("hex").slice(0, 32);
}

function fail(option: string, rule: string, got?: unknown): never {
  throw new EmulatorError(`Invalid emulator option "${option}": ${rule}${got === undefined ? "" : `; got ${JSON.stringify(got)}`}`);
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function stringMap(option: string, value: unknown, secret: boolean): Map<string, string> {
  if (value === undefined) return new Map();
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(option, "must be an object of strings");
  const map = new Map<string, string>();
  for (const [key, entry] of Object.entries(value)) {
    if (key === "" || typeof entry !== "string" || entry === "") {
      fail(option, `every key and value must be a non-empty string${secret ? "" : ` (at ${JSON.stringify(key)})`}`);
    }
    map.set(key, entry);
  }
  return map;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const { port = 0, host = "127.0.0.1", region = "eu-de", strict = false, maxBodyBytes = 1024 * 1024 } = options;
  if (!isInteger(port, 0, 65_535)) fail("port", "must be an integer from 0 to 65535", port);
  if (typeof host !== "string" || host === "") fail("host", "must be a non-empty string", host);
  if (typeof region !== "string" || !/^[a-z0-9-]{1,32}$/.test(region)) fail("region", "must be a region name such as eu-de", region);
  if (typeof strict !== "boolean") fail("strict", "must be a boolean", strict);
  if (!isInteger(maxBodyBytes, 1, 64 * 1024 * 1024)) fail("maxBodyBytes", "must be an integer from 1 to 67108864", maxBodyBytes);
  let transitions: TransitionMode = DEFAULT_TRANSITIONS;
  if (options.transitions !== undefined) {
    try {
      transitions = checkTransitions(options.transitions);
    } catch (error) {
      fail("transitions", (error as Error).message.replace(/^Invalid transitions .*?: must be/, "must be"), options.transitions);
    }
  }
  const clock = options.clock ?? "real";
  if (clock !== "real" && clock !== "manual") fail("clock", 'must be "real" or "manual"', clock);
  const start = options.startTime === undefined ? Date.now() : new Date(options.startTime).getTime();
  if (!Number.isFinite(start)) fail("startTime", "must be a Date, an epoch in ms or an ISO 8601 time", String(options.startTime));
  if (outOfRange(start) !== undefined) fail("startTime", `must be a time the clock may show (${CLOCK_RULE})`, new Date(start).toISOString());
  if (options.tokens !== undefined && (!Array.isArray(options.tokens) || options.tokens.some((token) => typeof token !== "string" || token === ""))) {
    fail("tokens", "must be an array of non-empty strings");
  }
  const quotas = { endpoint_service: options.quotas?.endpoint_service ?? 20, endpoint: options.quotas?.endpoint ?? 50 };
  for (const [name, value] of Object.entries(quotas)) if (!isInteger(value, 0, 1_000_000)) fail(`quotas.${name}`, "must be an integer from 0 to 1000000", value);
  if (options.stateFile !== undefined && (typeof options.stateFile !== "string" || options.stateFile === "")) fail("stateFile", "must be a file path");
  const marker = options.firstMarkerId ?? FIRST_MARKER;
  const markerText = typeof marker === "bigint" ? marker.toString() : marker;
  if (typeof markerText !== "string" || !/^\d{1,19}$/.test(markerText) || BigInt(markerText) < 1n || BigInt(markerText) > 2n ** 62n) {
    fail("firstMarkerId", "must be decimal digits (or a bigint) from 1 to 2^62", String(marker));
  }
  if (options.spec !== undefined && (typeof options.spec !== "string" || options.spec === "")) fail("spec", "must be a file path");
  if (options.onResponse !== undefined && typeof options.onResponse !== "function") fail("onResponse", "must be a function");
  if (options.onLog !== undefined && typeof options.onLog !== "function") fail("onLog", "must be a function");
  return {
    port,
    host,
    region,
    transitions,
    clock,
    startTime: start,
    strict,
    tokens: options.tokens === undefined ? undefined : new Set(options.tokens),
    accessKeys: stringMap("accessKeys", options.accessKeys, true),
    projects: stringMap("projects", options.projects, false),
    quotas,
    stateFile: options.stateFile,
    maxBodyBytes,
    firstMarkerId: BigInt(markerText),
    spec: options.spec,
    onResponse: options.onResponse,
    onLog: options.onLog ?? (() => {}),
  };
}
