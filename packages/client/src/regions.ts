/** The Open Telekom Cloud regions that offer VPCEP, with their API hosts. */
export const REGIONS = {
  "eu-de": "https://vpcep.eu-de.otc.t-systems.com",
  "eu-nl": "https://vpcep.eu-nl.otc.t-systems.com",
} as const;

/** A region the client can address by name. */
export type Region = keyof typeof REGIONS;

export function isRegion(value: unknown): value is Region {
  return typeof value === "string" && Object.hasOwn(REGIONS, value);
}
