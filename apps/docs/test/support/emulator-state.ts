// The state the docs' samples and guides run against in the emulator: every ID that a TypeScript
// sample, a curl sample (the spec's examples) or a guide names exists, in the state the program
// expects. The resources are made through the API, as a user would make them, in the emulator the
// state is for; then they are given the IDs of the docs (the emulator makes new UUIDs, the docs use
// fixed ones) by renaming them in a snapshot, which `restore()` takes back. Tests restore it before
// every program, so that nothing one program does reaches the next.
import { createVpcepClient } from "@otc-vpcep/client";
import { derivedDomain, startEmulator, type EmulatorState, type RunningEmulator } from "@otc-vpcep/emulator";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** The project of every sample and guide. */
export const PROJECT = "6e9dfd51d1124e8d8498dce894923a0d";
/** A partner's project, in another account, whose endpoint waits for the billing service's approval. */
export const PARTNER_PROJECT = "0c5e8f2a9b7d4e61a3f0b2c4d6e8f0a1";
export const PARTNER_DOMAIN = derivedDomain(PARTNER_PROJECT);

/** The IDs the docs use, and what they are in the state. */
export const IDS = {
  /** Service "billing" (`eu-de.billing.4189…`), approval required, the partner whitelisted, tagged owner=team-a. */
  billingService: "4189d3c2-8882-4871-a3c2-d380272eed83",
  /** Service "orders", no approval: the service the create samples connect to. */
  ordersService: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
  /** Endpoint to "orders" in VPC 84758cf5, accepted, with an IP and DNS names (the spec uses one ID for both). */
  endpoint: "4189d3c2-8882-4871-a3c2-d380272eed83",
  /** Endpoint to "orders", accepted: the Lifecycles guide waits for it. */
  acceptedEndpoint: "705290f3-0d00-41f2-aedc-71f09844e879",
  /** Endpoint to "orders", deleted just now: `deleting` until the next request, then gone (404). */
  deletingEndpoint: "492c776f-2e5d-4e05-a0a4-8a7f4d6e5c2b",
  /** The partner's endpoint to "billing", `pendingAcceptance`. */
  partnerEndpoint: "1f0c8a3e-7b2d-4e65-9c1a-3d5e7f9a0b12",
} as const;

export const VPC = "84758cf5-9c62-43ae-a778-3dbd8370c0a4";
export const SUBNET = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de";

/**
 * Makes the docs' state in `emulator` and returns it as a snapshot to `restore()`. Leaves the
 * emulator with its transition mode set to `immediate`, in which a pending change completes at the
 * next request: a program's first read already sees it.
 */
export async function buildDocsState(emulator: RunningEmulator): Promise<EmulatorState> {
  emulator.reset();
  emulator.setTransitions("immediate");
  const ours = createVpcepClient({ baseUrl: emulator.url, projectId: PROJECT, token: "docs", throwOnError: true });
  const partner = createVpcepClient({ baseUrl: emulator.url, projectId: PARTNER_PROJECT, token: "partner", throwOnError: true });

  const { data: billing } = await ours.createEndpointService({
    port_id: "2b7e4c1d-9a3f-4e8b-b6d2-5c0f1a9e7d34",
    vpc_id: "4189d3c2-8882-4871-a3c2-d380272eed80",
    server_type: "VM",
    service_name: "billing",
    approval_enabled: true,
    ports: [{ client_port: 443, server_port: 8443, protocol: "TCP" }],
    tags: [{ key: "owner", value: "team-a" }],
    description: "Billing API",
  });
  const { data: orders } = await ours.createEndpointService({
    port_id: "7d1a3f5b-2c4e-4a6b-8d0f-9e1c3a5b7d92",
    vpc_id: VPC,
    server_type: "VM",
    service_name: "orders",
    approval_enabled: false,
    ports: [{ client_port: 80, server_port: 8080, protocol: "TCP" }],
    tags: [{ key: "owner", value: "team-b" }],
  });
  await ours.updateServicePermissions(billing.id!, { action: "add", permissions: [`iam:domain::${PARTNER_DOMAIN}`] });

  const toOrders = { endpoint_service_id: orders.id!, vpc_id: VPC, subnet_id: SUBNET };
  const { data: endpoint } = await ours.createEndpoint({ ...toOrders, enable_dns: true, tags: [{ key: "owner", value: "team-a" }] });
  const { data: accepted } = await ours.createEndpoint(toOrders);
  const { data: deleting } = await ours.createEndpoint(toOrders);
  const { data: waiting } = await partner.createEndpoint({
    endpoint_service_id: billing.id!,
    vpc_id: "3f6c9a2e-5b8d-4c1f-a7e0-2d4b6f8a0c13",
    subnet_id: "8e2a4c6f-1b3d-4f5a-9c7e-0a2c4e6b8d15",
  });
  // The last request: its delete is still pending in the snapshot, and completes at the next one.
  await ours.deleteEndpoint(deleting.id!);

  const renames: Array<[string, string]> = [
    [billing.id!, IDS.billingService],
    [orders.id!, IDS.ordersService],
    [endpoint.id!, IDS.endpoint],
    [accepted.id!, IDS.acceptedEndpoint],
    [deleting.id!, IDS.deletingEndpoint],
    [waiting.id!, IDS.partnerEndpoint],
  ];
  let text = JSON.stringify(emulator.snapshot());
  for (const [made, docs] of renames) text = text.split(made).join(docs);
  const state = JSON.parse(text) as EmulatorState;
  emulator.restore(state);
  return state;
}

/**
 * For a test file: a strict emulator that completes pending changes at the next request
 * ("immediate"), the docs' state built on it once, and that state restored before each test.
 */
export function emulatorWithDocsState(): { readonly emulator: RunningEmulator; readonly state: EmulatorState } {
  const docs = {} as { emulator: RunningEmulator; state: EmulatorState };
  beforeAll(async () => {
    docs.emulator = await startEmulator({ strict: true, transitions: "immediate" });
    docs.state = await buildDocsState(docs.emulator);
  });
  afterAll(async () => {
    await docs.emulator?.stop();
  });
  beforeEach(() => {
    docs.emulator.restore(docs.state);
  });
  return docs;
}
