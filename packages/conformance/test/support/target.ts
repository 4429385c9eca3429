import type { AkSkCredentials, WaitOptions } from "@otc-vpcep/client";

export type Auth = { token: string } | { credentials: AkSkCredentials };

/** The resources of yours that the writes build on: a VPC, a subnet in it, and a backend port. */
export interface Infrastructure {
  vpcId: string;
  subnetId: string;
  portId: string;
  serverType: "LB" | "VM";
}

/** A project of another account, to connect an endpoint to your service from. */
export interface Consumer {
  projectId: string;
  /** The account (domain) of the project, as the service's whitelist names it. */
  domainId: string;
  auth: Auth;
  vpcId: string;
  subnetId: string;
}

/** A target that keeps what it is told: the emulator, a region, or a validating proxy in front of one. */
export interface StatefulTarget {
  kind: "emulator" | "remote";
  url: string;
  projectId: string;
  auth: Auth;
  /** Create (and always delete) resources: always on the emulator, VPCEP_ALLOW_WRITES=1 elsewhere. */
  allowWrites: boolean;
  /** What the writes build on; undefined when a setting is missing (`missing` names them). */
  infrastructure: Infrastructure | undefined;
  /** The second account of the two-account tests; undefined when a setting is missing. */
  consumer: Consumer | undefined;
  /** The settings still missing for the writes, by name. */
  missing: { infrastructure: string[]; consumer: string[] };
  /** How the waiters poll: seconds apart on a cloud, milliseconds on the emulator. */
  wait: WaitOptions;
}

/**
 * What `live/` runs against: the emulator (started by the global setup), or, with
 * VPCEP_BASE_URL, any VPCEP endpoint: a region, or a validating proxy (`vpcep-mock proxy`)
 * in front of one. The suites that check the contract mock's examples use the mock itself.
 */
export type Target = StatefulTarget;

export type RemoteTarget = StatefulTarget & { kind: "remote" };

/** Polling of a real cloud, where creates take one to two minutes. */
export const CLOUD_WAIT: WaitOptions = { timeoutMs: 600_000, initialDelayMs: 5_000, maxDelayMs: 20_000 };

/** The settings among `names` that are empty. */
function unset(env: Record<string, string | undefined>, names: string[]): string[] {
  return names.filter((name) => (env[name] ?? "") === "");
}

/** Token, or AK/SK, from the variables with the prefix (`VPCEP_` or `VPCEP_CONSUMER_`); undefined when neither is set. */
function authFromEnv(env: Record<string, string | undefined>, prefix: string): Auth | undefined {
  const token = env[`${prefix}TOKEN`];
  const accessKey = env[`${prefix}ACCESS_KEY`];
  const secretKey = env[`${prefix}SECRET_KEY`];
  const securityToken = env[`${prefix}SECURITY_TOKEN`];
  if (token !== undefined && token !== "") return { token };
  if (accessKey && secretKey) return { credentials: { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) } };
  return undefined;
}

/** The remote target the environment names, or undefined to use the mock and the emulator; throws on incomplete settings. */
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
  const auth = authFromEnv(env, "VPCEP_");
  if (auth === undefined) throw missing("VPCEP_TOKEN, or VPCEP_ACCESS_KEY and VPCEP_SECRET_KEY,");
  const writes = env["VPCEP_ALLOW_WRITES"];
  if (writes !== undefined && writes !== "" && writes !== "0" && writes !== "1") {
    throw new Error(`VPCEP_ALLOW_WRITES must be 1 (writes allowed) or 0; got ${JSON.stringify(writes)}`);
  }
  const serverType = env["VPCEP_SERVER_TYPE"] ?? "VM";
  if (serverType !== "LB" && serverType !== "VM") {
    throw new Error(`VPCEP_SERVER_TYPE must be LB or VM; got ${JSON.stringify(serverType)}`);
  }
  const infrastructureMissing = unset(env, ["VPCEP_VPC_ID", "VPCEP_SUBNET_ID", "VPCEP_PORT_ID"]);
  const consumerAuth = authFromEnv(env, "VPCEP_CONSUMER_");
  const consumerMissing = [
    ...unset(env, ["VPCEP_CONSUMER_PROJECT_ID", "VPCEP_CONSUMER_DOMAIN_ID", "VPCEP_CONSUMER_VPC_ID", "VPCEP_CONSUMER_SUBNET_ID"]),
    ...(consumerAuth === undefined ? ["VPCEP_CONSUMER_TOKEN (or VPCEP_CONSUMER_ACCESS_KEY and VPCEP_CONSUMER_SECRET_KEY)"] : []),
  ];
  return {
    kind: "remote",
    url: url.replace(/\/+$/, ""),
    projectId,
    auth,
    allowWrites: writes === "1",
    infrastructure:
      infrastructureMissing.length > 0
        ? undefined
        : { vpcId: env["VPCEP_VPC_ID"]!, subnetId: env["VPCEP_SUBNET_ID"]!, portId: env["VPCEP_PORT_ID"]!, serverType },
    consumer:
      consumerMissing.length > 0 || consumerAuth === undefined
        ? undefined
        : {
            projectId: env["VPCEP_CONSUMER_PROJECT_ID"]!,
            domainId: env["VPCEP_CONSUMER_DOMAIN_ID"]!,
            auth: consumerAuth,
            vpcId: env["VPCEP_CONSUMER_VPC_ID"]!,
            subnetId: env["VPCEP_CONSUMER_SUBNET_ID"]!,
          },
    missing: { infrastructure: infrastructureMissing, consumer: consumerMissing },
    wait: CLOUD_WAIT,
  };
}
