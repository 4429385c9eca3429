import openapiFetch, { type Client, type Middleware } from "openapi-fetch";
import { akSkAuthenticator } from "./auth/aksk.js";
import type { Authenticator } from "./auth/authenticator.js";
import { tokenAuthenticator } from "./auth/token.js";
import { errorBodyOf, VpcepApiError, withoutQuery } from "./errors.js";
import { bindOperations, type VpcepOperations } from "./operations.js";
import { resolveOptions, type ResolvedOptions, type VpcepClientOptions } from "./options.js";
import { bindCollectors, bindPaginators, type Collectors, type Paginators } from "./paging.js";
import type { ProjectPaths, RootPaths } from "./paths.js";
import { createTransport } from "./transport/index.js";
import { CallRequest } from "./transport/call.js";
import { attemptsOf } from "./transport/response-body.js";
import { bindWaiters, type Waiters } from "./waiters.js";

/**
 * openapi-fetch's `createClient`. Its CommonJS build exports it as `exports.default`, and our
 * CommonJS build (dist/index.cjs) imports that with Node's interop, where the default import is
 * the whole `module.exports`: there the function is one level deeper. packages/consumer-test
 * runs that build.
 */
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function"
    ? openapiFetch
    : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

/**
 * A VPCEP client bound to one project: a method per operation (`createEndpoint`, ...),
 * iterators over lists (`paginate`, `collectAll`), waiters for the asynchronous creates and
 * deletes (`waitFor`), and openapi-fetch's generic `GET`/`POST`/... over the project-scoped paths.
 */
export type VpcepClient<Throw extends boolean = false> = VpcepOperations<Throw> &
  Client<ProjectPaths> & {
    /** The project every call is made in. */
    readonly projectId: string;
    /** The URL that paths are appended to, e.g. `https://vpcep.eu-de.otc.t-systems.com/v1/{project_id}`. */
    readonly baseUrl: string;
    /** Every item of a list, page after page: `for await (const endpoint of vpcep.paginate.listEndpoints())`. */
    readonly paginate: Paginators;
    /** Every item of a list, in an array. */
    readonly collectAll: Collectors;
    /** Waits for a create or a delete to finish. */
    readonly waitFor: Waiters;
  };

// `describeEndpointService` takes its two mutually exclusive query parameters as one
// object parameter; on the wire they are plain `name=value` pairs (form, exploded).
const querySerializer = { object: { style: "form", explode: true } } as const;

function authenticator(options: ResolvedOptions): Authenticator {
  return "credentials" in options.auth
    ? akSkAuthenticator(options.auth.credentials, options.projectId)
    : tokenAuthenticator(options.auth.token);
}

/** Turns every HTTP error status into a thrown `VpcepApiError`. */
const throwOnErrorStatus: Middleware = {
  async onResponse({ request, response }) {
    if (response.ok) return undefined;
    const body = errorBodyOf(await response.text());
    throw new VpcepApiError(response, body, { method: request.method, url: withoutQuery(request.url) }, attemptsOf(response));
  },
};

/**
 * Creates a VPCEP client bound to one project.
 *
 * ```ts
 * const vpcep = createVpcepClient({ region: "eu-de", projectId, token });
 * const { data, error } = await vpcep.createEndpoint({ vpc_id, endpoint_service_id });
 * ```
 *
 * @throws {VpcepConfigError} when an option is missing or invalid.
 */
export function createVpcepClient(options: VpcepClientOptions & { throwOnError: true }): VpcepClient<true>;
export function createVpcepClient(options: VpcepClientOptions): VpcepClient<false>;
export function createVpcepClient(options: VpcepClientOptions): VpcepClient<boolean> {
  const resolved = resolveOptions(options);
  const fetch = createTransport({
    apiRoot: resolved.apiRoot,
    fetch: resolved.fetch,
    auth: authenticator(resolved),
    retry: resolved.retry,
    timeout: resolved.timeout,
    logger: resolved.logger,
    clock: { now: () => performance.now(), wallTime: Date.now, random: Math.random },
  });
  const baseUrl = `${resolved.apiRoot}/v1/${encodeURIComponent(resolved.projectId)}`;
  const project = createClient<ProjectPaths>({ baseUrl, fetch, querySerializer, Request: CallRequest });
  const root = createClient<RootPaths>({ baseUrl: resolved.apiRoot, fetch, Request: CallRequest });
  if (resolved.throwOnError) {
    project.use(throwOnErrorStatus);
    root.use(throwOnErrorStatus);
  }
  // With throwOnError the middleware throws on every error status, so results are
  // successes only: the types of VpcepOperations<true> say so.
  const operations = bindOperations(project, root) as VpcepOperations<boolean>;
  const paginate = bindPaginators(operations);
  return {
    ...project,
    // Middleware sees every call, the API root's (listVersions, getVersion) too. openapi-fetch
    // checks each one as it adds it: checked first on a client of its own, all are added or none.
    use: (...middleware: Middleware[]) => {
      createClient<RootPaths>().use(...middleware);
      project.use(...middleware);
      root.use(...middleware);
    },
    eject: (...middleware: Middleware[]) => {
      project.eject(...middleware);
      root.eject(...middleware);
    },
    ...operations,
    projectId: resolved.projectId,
    baseUrl,
    paginate,
    collectAll: bindCollectors(paginate),
    waitFor: bindWaiters(operations),
  } as VpcepClient<boolean>;
}
