/** The API versions (no credentials needed): v1, and v2 as the reference lists it. */
import { notFound } from "../errors.js";
import type { Call, Handler, Reply } from "../world.js";

const VERSIONS = [
  { id: "v1", updated: "2018-09-30T00:00:00Z" },
  { id: "v2", updated: "2020-03-30T00:00:00Z" },
];

function versionView(call: Call, version: { id: string; updated: string }): Record<string, unknown> {
  return {
    id: version.id,
    version: "",
    min_version: "",
    status: "CURRENT",
    updated: version.updated,
    links: [{ href: `${call.baseUrl}/${version.id}`, type: "application/json", rel: "self" }],
  };
}

export const listVersions: Handler = (_world, call): Reply => ({
  status: 200,
  body: { versions: VERSIONS.map((version) => versionView(call, version)) },
});

export const getVersion: Handler = (_world, call): Reply => {
  const version = VERSIONS.find((candidate) => candidate.id === call.path["version"]);
  if (version === undefined) throw notFound("version", call.path["version"] ?? "");
  return { status: 200, body: { version: versionView(call, version) } };
};
