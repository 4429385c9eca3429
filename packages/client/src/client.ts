import createClient, { type Client } from "openapi-fetch";
import { bindOperations, type VpcepOperations } from "./operations.js";
import { resolveOptions, type VpcepClientOptions } from "./options.js";
import type { ProjectPaths, RootPaths } from "./paths.js";
import { withToken } from "./transport.js";

/**
 * A VPCEP client bound to one project: a method per operation (`createEndpoint`, ...)
 * and openapi-fetch's generic `GET`/`POST`/... over the project-scoped paths.
 */
export type VpcepClient = VpcepOperations &
  Client<ProjectPaths> & {
    /** The project every call is made in. */
    readonly projectId: string;
    /** The URL that paths are appended to, e.g. `https://vpcep.eu-de.otc.t-systems.com/v1/{project_id}`. */
    readonly baseUrl: string;
  };

// `describeEndpointService` takes its two mutually exclusive query parameters as one
// object parameter; on the wire they are plain `name=value` pairs (form, exploded).
const querySerializer = { object: { style: "form", explode: true } } as const;

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
export function createVpcepClient(options: VpcepClientOptions): VpcepClient {
  const resolved = resolveOptions(options);
  const fetch = withToken(resolved.fetch, resolved.token);
  const baseUrl = `${resolved.apiRoot}/v1/${encodeURIComponent(resolved.projectId)}`;
  const project = createClient<ProjectPaths>({ baseUrl, fetch, querySerializer });
  const root = createClient<RootPaths>({ baseUrl: resolved.apiRoot, fetch });
  return { ...project, ...bindOperations(project, root), projectId: resolved.projectId, baseUrl };
}
