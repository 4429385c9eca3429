import { VpcepConfigError } from "./errors.js";
import { REGIONS, isRegion, type Region } from "./regions.js";

/** A `fetch` that the client calls with a fully built `Request`. */
export type FetchFunction = (request: Request) => Promise<Response>;

interface CommonOptions {
  /** The project that owns the resources; bound once, used in every path. */
  projectId: string;
  /** An IAM token scoped to that project, sent as `X-Auth-Token`. */
  token: string;
  /** The `fetch` to send requests with; defaults to the global `fetch`. */
  fetch?: FetchFunction;
}

/** Options of `createVpcepClient`: a `region` or a `baseUrl`, never both. */
export type VpcepClientOptions = CommonOptions &
  (
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
      }
  );

export interface ResolvedOptions {
  /** The API root without a trailing slash, e.g. `https://vpcep.eu-de.otc.t-systems.com`. */
  apiRoot: string;
  projectId: string;
  token: string;
  fetch: FetchFunction;
}

const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
// A header value must not contain control characters or surrounding white space.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  return typeof value;
}

function resolveApiRoot(options: Record<string, unknown>): string {
  const { region, baseUrl } = options;
  if (region !== undefined && baseUrl !== undefined) {
    throw new VpcepConfigError("region", 'give either "region" or "baseUrl", not both');
  }
  if (region !== undefined) {
    if (!isRegion(region)) {
      const known = Object.keys(REGIONS).map((name) => `"${name}"`).join(", ");
      throw new VpcepConfigError("region", `must be one of ${known}; got ${describe(region)}`);
    }
    return REGIONS[region];
  }
  if (baseUrl === undefined) {
    throw new VpcepConfigError("region", 'give a "region" (e.g. "eu-de") or a "baseUrl"');
  }
  if (typeof baseUrl !== "string" && !(baseUrl instanceof URL)) {
    throw new VpcepConfigError("baseUrl", `must be a URL string or a URL; got ${describe(baseUrl)}`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new VpcepConfigError("baseUrl", `must be an absolute http(s) URL; got ${describe(String(baseUrl))}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new VpcepConfigError("baseUrl", `must use http or https; got "${url.protocol}"`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new VpcepConfigError("baseUrl", "must not contain credentials, a query or a fragment");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** Checks the options of `createVpcepClient`, throwing a `VpcepConfigError` that names the first bad one. */
export function resolveOptions(options: VpcepClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new VpcepConfigError("options", `must be an object; got ${describe(options)}`);
  }
  const raw = options as unknown as Record<string, unknown>;
  const apiRoot = resolveApiRoot(raw);

  const { projectId, token, fetch: customFetch } = raw;
  if (typeof projectId !== "string" || !PROJECT_ID.test(projectId)) {
    throw new VpcepConfigError(
      "projectId",
      `must be 1 to 64 letters, digits, "-" or "_"; got ${describe(projectId)}`,
    );
  }
  // The token is a secret: the messages say what is wrong with it, never what it is.
  if (typeof token !== "string" || token.length === 0) {
    throw new VpcepConfigError("token", `must be a non-empty string; got ${typeof token === "string" ? "an empty string" : describe(token)}`);
  }
  if (!HEADER_SAFE.test(token)) {
    throw new VpcepConfigError("token", "must be printable ASCII without surrounding white space (it is sent as a header)");
  }
  if (customFetch !== undefined && typeof customFetch !== "function") {
    throw new VpcepConfigError("fetch", `must be a function; got ${describe(customFetch)}`);
  }
  if (customFetch === undefined && typeof globalThis.fetch !== "function") {
    throw new VpcepConfigError("fetch", "no global fetch in this runtime; pass one");
  }
  return {
    apiRoot,
    projectId,
    token,
    fetch: (customFetch as FetchFunction | undefined) ?? ((request) => globalThis.fetch(request)),
  };
}
