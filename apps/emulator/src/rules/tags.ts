/**
 * Tags: stored on services and endpoints (at most 20, keys unique), changed with
 * `updateResourceTags`, searched with `listResourcesByTags` and summed up by
 * `listProjectTags`.
 */
import { ApiFailure, Codes, badRequest, endpointNotFound, notFound } from "../errors.js";
import type { EndpointRecord, ServiceRecord, TagRecord } from "../state.js";
import type { Call, Handler, Reply, World } from "../world.js";
import { sortRecords } from "./listing.js";

export const MAX_TAGS = 20;

interface TagFilter {
  key: string;
  values: string[];
}

/** Checks the tags of a create: keys unique. */
export function checkNewTags(tags: readonly { key?: string | undefined; value?: string | undefined }[] | undefined): TagRecord[] {
  const result: TagRecord[] = [];
  for (const tag of tags ?? []) {
    const key = tag.key ?? "";
    if (key === "") throw badRequest(Codes.tagEmpty, "The tag cannot be empty: a tag needs a key.");
    if (result.some((existing) => existing.key === key)) {
      throw badRequest(Codes.tagKeyDuplicated, `The tag key cannot be duplicated: "${key}" is given more than once.`);
    }
    result.push({ key, value: tag.value ?? "" });
  }
  if (result.length > MAX_TAGS) throw badRequest(Codes.tooManyTags, `The maximum number of tags has been reached: at most ${MAX_TAGS} per resource.`);
  return result;
}

function resourcesOf(world: World, call: Call): (ServiceRecord | EndpointRecord)[] {
  const type = call.path["resource_type"];
  const source = type === "endpoint_service" ? world.store.services : world.store.endpoints;
  return [...source.values()].filter((record) => record.project_id === call.projectId);
}

function nameOf(record: ServiceRecord | EndpointRecord): string {
  return "port_id" in record ? record.service_name : record.id;
}

function matchesFilter(tags: readonly TagRecord[], filter: TagFilter): boolean {
  return tags.some((tag) => tag.key === filter.key && (filter.values.length === 0 || filter.values.includes(tag.value)));
}

/** The reference's semantics: `tags` all hold, `tags_any` one holds, `not_tags` not all hold, `not_tags_any` none holds. */
function selected(record: ServiceRecord | EndpointRecord, body: Record<string, unknown>): boolean {
  const list = (key: string) => (Array.isArray(body[key]) ? (body[key] as TagFilter[]) : undefined);
  const tags = list("tags");
  const tagsAny = list("tags_any");
  const notTags = list("not_tags");
  const notTagsAny = list("not_tags_any");
  const matches = Array.isArray(body["matches"]) ? (body["matches"] as { key: string; value: string }[]) : [];
  if (tags !== undefined && tags.length > 0 && !tags.every((filter) => matchesFilter(record.tags, filter))) return false;
  if (tagsAny !== undefined && tagsAny.length > 0 && !tagsAny.some((filter) => matchesFilter(record.tags, filter))) return false;
  if (notTags !== undefined && notTags.length > 0 && notTags.every((filter) => matchesFilter(record.tags, filter))) return false;
  if (notTagsAny !== undefined && notTagsAny.some((filter) => matchesFilter(record.tags, filter))) return false;
  return matches.every((match) => match.key !== "resource_name" || nameOf(record).toLowerCase().includes(match.value.toLowerCase()));
}

function checkFilterKeys(body: Record<string, unknown>): void {
  for (const key of ["tags", "tags_any", "not_tags", "not_tags_any"]) {
    const filters = body[key];
    if (!Array.isArray(filters)) continue;
    const seen = new Set<string>();
    for (const filter of filters as TagFilter[]) {
      if (seen.has(filter.key)) throw badRequest(Codes.tagKeyDuplicated, `The tag key cannot be duplicated: "${filter.key}" is given twice in "${key}".`);
      seen.add(filter.key);
    }
  }
}

export const listResourcesByTags: Handler = (world, call): Reply => {
  const body = call.body as Record<string, unknown>;
  checkFilterKeys(body);
  const found = sortRecords(
    resourcesOf(world, call).filter((record) => selected(record, body)),
    {},
  );
  if (body["action"] === "count") return { status: 200, body: { total_count: found.length } };
  const limit = Number(body["limit"] ?? "1000");
  const offset = Number(body["offset"] ?? "0");
  return {
    status: 200,
    body: {
      resources: found.slice(offset, offset + limit).map((record) => ({
        resource_id: record.id,
        resource_name: nameOf(record),
        tags: record.tags.map((tag) => ({ ...tag })),
        resource_detail: null,
      })),
      total_count: found.length,
    },
  };
};

export const updateResourceTags: Handler = (world, call): Reply => {
  const id = call.path["resource_id"] ?? "";
  const record = resourcesOf(world, call).find((candidate) => candidate.id === id);
  if (record === undefined) throw call.path["resource_type"] === "endpoint" ? endpointNotFound(id) : notFound("endpoint service", id);
  const body = call.body as { action: "create" | "delete"; tags: { key: string; value?: string }[] };
  const keys = new Set<string>();
  for (const tag of body.tags) {
    if (keys.has(tag.key)) throw badRequest(Codes.tagKeyDuplicated, `The tag key cannot be duplicated: "${tag.key}" is given more than once.`);
    keys.add(tag.key);
  }
  if (body.action === "create") {
    const next = record.tags.filter((tag) => !keys.has(tag.key));
    for (const tag of body.tags) next.push({ key: tag.key, value: tag.value ?? "" });
    if (next.length > MAX_TAGS) {
      throw new ApiFailure(400, Codes.tooManyTags, `The maximum number of tags has been reached: the resource would have ${next.length}, at most ${MAX_TAGS}.`);
    }
    record.tags = next;
  } else {
    record.tags = record.tags.filter((tag) => !body.tags.some((gone) => gone.key === tag.key && (gone.value === undefined || gone.value === tag.value)));
  }
  world.store.changed();
  return { status: 204 };
};

export const listProjectTags: Handler = (world, call): Reply => {
  const byKey = new Map<string, string[]>();
  for (const record of resourcesOf(world, call)) {
    for (const tag of record.tags) {
      const values = byKey.get(tag.key) ?? [];
      if (!values.includes(tag.value)) values.push(tag.value);
      byKey.set(tag.key, values);
    }
  }
  return { status: 200, body: { tags: [...byKey].map(([key, values]) => ({ key, values })) } };
};
