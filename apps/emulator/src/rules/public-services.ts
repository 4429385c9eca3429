/**
 * The operator's public services (reference 5.4), seeded in every emulator: those of its
 * region (`com.t-systems.otc.{region}.*`) are listed by `listPublicEndpointServices`, found
 * by `describeEndpointService`, and open to every account's endpoints (gateway ones for
 * OBS, interface ones for DNS and APIG), as a region's endpoint shows only its own.
 */

export interface PublicService {
  id: string;
  service_name: string;
  service_type: "gateway" | "interface";
  owner: string;
  is_charge: boolean;
  createdMs: number;
  updatedMs: number;
  seq: number;
}

const SEEDED_AT = Date.UTC(2019, 2, 11, 8, 0, 0);

const seeds: [string, string, "gateway" | "interface"][] = [
  ["b0e22f6f-26f4-461c-b140-d873464d4fa0", "com.t-systems.otc.eu-de.obs", "gateway"],
  ["9b3f1e2d-6c7a-4d8e-9f0a-1b2c3d4e5f60", "com.t-systems.otc.eu-de.dns", "interface"],
  ["3c1b7a52-5e0d-4f2b-8a61-7d9e0c4b2a10", "com.t-systems.otc.eu-de.apig", "interface"],
  ["6a4e2c18-9b7d-4e3f-a052-1c8d7e6f5b20", "com.t-systems.otc.eu-nl.obs", "gateway"],
  ["8d2f4b6a-1c3e-4a5b-9d7f-2e4c6a8b0d30", "com.t-systems.otc.eu-nl.obs-internet", "gateway"],
  ["5e7a9c1b-3d5f-4b7a-8c9e-4f6a8c0e2b40", "com.t-systems.otc.eu-nl.dns", "interface"],
];

export const PUBLIC_SERVICES: readonly PublicService[] = seeds.map(([id, service_name, service_type], index) => ({
  id,
  service_name,
  service_type,
  owner: "OTC",
  is_charge: false,
  createdMs: SEEDED_AT,
  updatedMs: SEEDED_AT,
  seq: index,
}));

/** The public services of a region, e.g. `eu-de`; none for a region the operator list does not name. */
export function publicServicesOf(region: string): readonly PublicService[] {
  return PUBLIC_SERVICES.filter((service) => service.service_name.startsWith(`com.t-systems.otc.${region}.`));
}

export function publicServiceById(region: string, id: string): PublicService | undefined {
  return publicServicesOf(region).find((service) => service.id === id);
}

/** What a gateway endpoint to OBS allows when no `policy_statement` is given (reference 7.14). */
export const DEFAULT_POLICY = [{ Effect: "Allow", Action: ["obs:*:*"], Resource: ["obs:*:*:*:*/*", "obs:*:*:*:*"] }];
