import type { AkSkCredentials } from "./auth/signing.js";
import { checkToken, HEADER_SAFE, type TokenProvider } from "./auth/token.js";
import { describeValue, VpcepConfigError } from "./errors.js";
import { REGIONS, isRegion, type Region } from "./regions.js";
import { DEFAULT_RETRY, DEFAULT_TIMEOUT, type RetryOptions, type RetryPolicy, type TimeoutOptions } from "./retry.js";
import type { Logger } from "./transport/log.js";
import type { FetchFunction } from "./transport/policy.js";

interface CommonOptions {
  /** The project that owns the resources; bound once, used in every path. */
  projectId: string;
  /** The `fetch` to send requests with; defaults to the global `fetch`. */
  fetch?: FetchFunction;
  /** Retries of failed calls; GET, PUT and DELETE only, unless `retryPost`. */
  retry?: RetryOptions;
  /** Time limits of one attempt and of a whole call. */
  timeout?: TimeoutOptions;
  /** Throw a `VpcepApiError` on an HTTP error status instead of returning `{ error }`. */
  throwOnError?: boolean;
  /** Receives a line per response and per retry; never headers or credentials. */
  logger?: Logger;
}

type AuthOptions =
  | {
      /** An IAM token for the project (sent as `X-Auth-Token`), or a function that returns one. */
      token: string | TokenProvider;
      credentials?: never;
    }
  | {
      /** An access key and secret key; each request is signed (`SDK-HMAC-SHA256`). */
      credentials: AkSkCredentials;
      token?: never;
    };

type TargetOptions =
  | {
      /** An Open Telekom Cloud region: `"eu-de"` or `"eu-nl"`. */
      region: Region;
      baseUrl?: never;
    }
  | {
      /**
       * The API root to use instead of a region's host, e.g. a contract mock at
       * `http://127.0.0.1:4010`. A path is kept: `https://proxy/vpcep` calls
       * `https://proxy/vpcep/v1/{project_id}/...`.
       */
      baseUrl: string | URL;
      region?: never;
    };

/** Options of `createVpcepClient`: a `region` or a `baseUrl`, and a `token` or `credentials`. */
export type VpcepClientOptions = CommonOptions & AuthOptions & TargetOptions;

export type ResolvedAuth = { token: string | TokenProvider } | { credentials: AkSkCredentials };

export interface ResolvedOptions {
  /** The API root without a trailing slash, e.g. `https://vpcep.eu-de.otc.t-systems.com`. */
  apiRoot: string;
  projectId: string;
  auth: ResolvedAuth;
  fetch: FetchFunction;
  retry: RetryPolicy;
  timeout: Required<TimeoutOptions>;
  throwOnError: boolean;
  logger: Logger | undefined;
}

const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An optional option of a simple type, e.g. `throwOnError`. */
function checkType(option: string, value: unknown, type: "boolean" | "function"): void {
  if (value !== undefined && typeof value !== type) throw new VpcepConfigError(option, `must be a ${type}; got ${describeValue(value)}`);
}

function resolveApiRoot(options: Record<string, unknown>): string {
  const { region, baseUrl } = options;
  if (region !== undefined && baseUrl !== undefined) {
    throw new VpcepConfigError("region", 'give either "region" or "baseUrl", not both');
  }
  if (region !== undefined) {
    if (!isRegion(region)) {
      const known = Object.keys(REGIONS).map((name) => `"${name}"`).join(", ");
      throw new VpcepConfigError("region", `must be one of ${known}; got ${describeValue(region)}`);
    }
    return REGIONS[region];
  }
  if (baseUrl === undefined) {
    throw new VpcepConfigError("region", 'give a "region" (e.g. "eu-de") or a "baseUrl"');
  }
  if (typeof baseUrl !== "string" && !(baseUrl instanceof URL)) {
    throw new VpcepConfigError("baseUrl", `must be a URL string or a URL; got ${describeValue(baseUrl)}`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not quoted: a URL that does not parse may still hold a password or a token.
    throw new VpcepConfigError("baseUrl", "must be an absolute http(s) URL, such as https://vpcep.eu-de.otc.t-systems.com");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new VpcepConfigError("baseUrl", `must use http or https; got "${url.protocol}"`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new VpcepConfigError("baseUrl", "must not contain credentials, a query or a fragment");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function resolveAuth(options: Record<string, unknown>): ResolvedAuth {
  const { token, credentials } = options;
  if (token !== undefined && credentials !== undefined) {
    throw new VpcepConfigError("token", 'give either "token" or "credentials", not both');
  }
  if (credentials !== undefined) {
    if (typeof credentials !== "object" || credentials === null) {
      throw new VpcepConfigError("credentials", `must be an object with accessKey and secretKey; got ${describeValue(credentials)}`);
    }
    // The secret key and the security token are secrets: their rules are stated, never their values.
    const { accessKey, secretKey, securityToken } = credentials as Record<string, unknown>;
    if (typeof accessKey !== "string" || !HEADER_SAFE.test(accessKey)) {
      throw new VpcepConfigError("credentials.accessKey", "must be a non-empty string of printable ASCII");
    }
    if (typeof secretKey !== "string" || secretKey.length === 0) {
      throw new VpcepConfigError("credentials.secretKey", "must be a non-empty string");
    }
    if (securityToken !== undefined && (typeof securityToken !== "string" || !HEADER_SAFE.test(securityToken))) {
      throw new VpcepConfigError("credentials.securityToken", "must be a non-empty string of printable ASCII when given");
    }
    return { credentials: { accessKey, secretKey, ...(securityToken === undefined ? {} : { securityToken }) } };
  }
  if (token === undefined) {
    throw new VpcepConfigError("token", 'give a "token" (an IAM token or a function returning one) or AK/SK "credentials"');
  }
  if (typeof token === "function") return { token: token as TokenProvider };
  return { token: checkToken(token) };
}

function wholeNumber(option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new VpcepConfigError(option, `must be an integer from ${min} to ${max}; got ${describeValue(value)}`);
  }
  return value;
}

function optionsObject(option: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null) throw new VpcepConfigError(option, `must be an object; got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

function resolveRetry(value: unknown): RetryPolicy {
  const retry = optionsObject("retry", value);
  const day = 86_400_000;
  checkType("retry.retryPost", retry["retryPost"], "boolean");
  return {
    maxAttempts: wholeNumber("retry.maxAttempts", retry["maxAttempts"], 1, 20, DEFAULT_RETRY.maxAttempts),
    baseDelayMs: wholeNumber("retry.baseDelayMs", retry["baseDelayMs"], 0, day, DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: wholeNumber("retry.maxDelayMs", retry["maxDelayMs"], 0, day, DEFAULT_RETRY.maxDelayMs),
    maxRetryAfterMs: wholeNumber("retry.maxRetryAfterMs", retry["maxRetryAfterMs"], 0, day, DEFAULT_RETRY.maxRetryAfterMs),
    retryPost: (retry["retryPost"] as boolean | undefined) ?? DEFAULT_RETRY.retryPost,
  };
}

function resolveTimeout(value: unknown): Required<TimeoutOptions> {
  const timeout = optionsObject("timeout", value);
  const day = 86_400_000;
  return {
    attemptMs: wholeNumber("timeout.attemptMs", timeout["attemptMs"], 1, day, DEFAULT_TIMEOUT.attemptMs),
    totalMs: wholeNumber("timeout.totalMs", timeout["totalMs"], 1, day, DEFAULT_TIMEOUT.totalMs),
  };
}

/** Checks the options of `createVpcepClient`, throwing a `VpcepConfigError` that names the first bad one. */
export function resolveOptions(options: VpcepClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new VpcepConfigError("options", `must be an object; got ${describeValue(options)}`);
  }
  const raw = options as unknown as Record<string, unknown>;
  const apiRoot = resolveApiRoot(raw);
  const { projectId, fetch: customFetch, throwOnError, logger } = raw;
  if (typeof projectId !== "string" || !PROJECT_ID.test(projectId)) {
    throw new VpcepConfigError("projectId", `must be 1 to 64 letters, digits, "-" or "_"; got ${describeValue(projectId)}`);
  }
  const auth = resolveAuth(raw);
  checkType("fetch", customFetch, "function");
  if (customFetch === undefined && typeof globalThis.fetch !== "function") {
    throw new VpcepConfigError("fetch", "no global fetch in this runtime; pass one");
  }
  checkType("throwOnError", throwOnError, "boolean");
  checkType("logger", logger, "function");
  return {
    apiRoot,
    projectId,
    auth,
    fetch: (customFetch as FetchFunction | undefined) ?? ((request, init) => globalThis.fetch(request, init)),
    retry: resolveRetry(raw["retry"]),
    timeout: resolveTimeout(raw["timeout"]),
    throwOnError: throwOnError === true,
    logger: logger as Logger | undefined,
  };
}
