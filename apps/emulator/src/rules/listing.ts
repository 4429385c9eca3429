/** Sorting and paging of lists, as every list operation of the API does it. */

export interface Listable {
  createdMs: number;
  updatedMs: number;
  seq: number;
}

export interface PageQuery {
  limit?: unknown;
  offset?: unknown;
  sort_key?: unknown;
  sort_dir?: unknown;
}

/** Sorted by `sort_key` (`created_at` by default) in `sort_dir` (`desc` by default), creation order breaking ties. */
export function sortRecords<T extends Listable>(items: T[], query: PageQuery): T[] {
  const byUpdate = query.sort_key === "updated_at";
  const direction = query.sort_dir === "asc" ? 1 : -1;
  return items.sort((a, b) => {
    const difference = byUpdate ? a.updatedMs - b.updatedMs : a.createdMs - b.createdMs;
    return direction * (difference !== 0 ? difference : a.seq - b.seq);
  });
}

/** The page that `limit` (10 by default; 0 gives none) and `offset` (0 by default) select. */
export function pageOf<T>(items: readonly T[], query: PageQuery): T[] {
  const limit = typeof query.limit === "number" ? query.limit : 10;
  const offset = typeof query.offset === "number" ? query.offset : 0;
  return items.slice(offset, offset + limit);
}

/** Case-insensitive "contains", as the API's fuzzy name filters match. */
export function fuzzy(value: string, filter: unknown): boolean {
  return typeof filter !== "string" || value.toLowerCase().includes(filter.toLowerCase());
}

export function exact(value: string | undefined, filter: unknown): boolean {
  return typeof filter !== "string" || value === filter;
}
