import { expect, it } from "vitest";
import { expectSuccess } from "./assertions.js";
import { wireBody } from "./wire.js";
import { examplesOf } from "./spec.js";

/** A request that breaks one documented constraint: a title, the input, and the field it concerns. */
export type BrokenCase<Input> = [title: string, input: Input, field: string];

/** Paging and sorting inputs that each break one documented limit of the list operations. */
export function brokenPaging(maxLimit = 1000): BrokenCase<Record<string, unknown>>[] {
  return [
    [`limit ${maxLimit + 1}`, { limit: maxLimit + 1 }, "limit"],
    ["limit -1", { limit: -1 }, "limit"],
    ["limit 2.5", { limit: 2.5 }, "limit"],
    ["offset -1", { offset: -1 }, "offset"],
    ["the sort_key name", { sort_key: "name" }, "sort_key"],
    ["the sort_dir up", { sort_dir: "up" }, "sort_dir"],
  ];
}

/** Paging and sorting inputs at their documented limits. */
export function validPaging(maxLimit = 1000): [string, Record<string, unknown>][] {
  return [
    ["limit 0", { limit: 0 }],
    [`limit ${maxLimit}`, { limit: maxLimit }],
    ["offset 0", { offset: 0 }],
    ["sort_key updated_at, ascending", { sort_key: "updated_at", sort_dir: "asc" }],
  ];
}

interface Outcome {
  response: Response;
  data?: unknown;
}

/**
 * One test per named example of the operation's 200 response: asked for with
 * `Prefer: example=<name>`, the mock serves exactly that example, valid against the spec.
 */
export function itServesEachExample(
  operationId: string,
  call: (headers: Record<string, string>) => Promise<Outcome>,
): void {
  it.each([...examplesOf(operationId, 200)])("serves the documented example %s on request", async (name, value) => {
    const outcome = await call({ Prefer: `example=${name}` });
    expectSuccess(operationId, outcome);
    expect(wireBody(outcome.response)).toEqual(value);
  });
}
