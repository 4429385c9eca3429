import type { AkSkCredentials } from "@otc-vpcep/client";

/**
 * What the suite runs against. By default the contract mock, started by the global
 * setup. With VPCEP_BASE_URL, any VPCEP endpoint: a region, or a validating proxy
 * (`vpcep-mock proxy`) in front of one.
 */
export type Target =
  | { kind: "mock"; url: string }
  | {
      kind: "remote";
      url: string;
      projectId: string;
      auth: { token: string } | { credentials: AkSkCredentials };
      /** VPCEP_ALLOW_WRITES=1: create (and always delete) resources. */
      allowWrites: boolean;
    };

export type RemoteTarget = Extract<Target, { kind: "remote" }>;

/** The remote target the environment names, or undefined to use the mock; throws on incomplete settings. */
export function remoteTargetFromEnv(env: Record<string, string | undefined>): RemoteTarget | undefined {
  const url = env["VPCEP_BASE_URL"];
  if (url === undefined || url === "") return undefined;
  const missing = (name: string) => new Error(`VPCEP_BASE_URL is set, so ${name} must be set too`);
  try {
    new URL(url);
  } catch {
    throw new Error(`VPCEP_BASE_URL must be an absolute URL; got ${JSON.stringify(url)}`);
  }
  const projectId = env["VPCEP_PROJECT_ID"];
  if (projectId === undefined || projectId === "") throw missing("VPCEP_PROJECT_ID");
  const token = env["VPCEP_TOKEN"];
  const accessKey = env["VPCEP_ACCESS_KEY"];
  const secretKey = env["VPCEP_SECRET_KEY"];
  const securityToken = env["VPCEP_SECURITY_TOKEN"];
  let auth: RemoteTarget["auth"];
  if (token !== undefined && token !== "") auth = { token };
  else if (accessKey && secretKey) {
    auth = { credentials: { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) } };
  } else throw missing("VPCEP_TOKEN, or VPCEP_ACCESS_KEY and VPCEP_SECRET_KEY,");
  const writes = env["VPCEP_ALLOW_WRITES"];
  if (writes !== undefined && writes !== "" && writes !== "0" && writes !== "1") {
    throw new Error(`VPCEP_ALLOW_WRITES must be 1 (writes allowed) or 0; got ${JSON.stringify(writes)}`);
  }
  return { kind: "remote", url: url.replace(/\/+$/, ""), projectId, auth, allowWrites: writes === "1" };
}
