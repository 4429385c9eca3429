import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentsBody, operationIds, responseKeyFor, schemaViolations } from "./support/spec.js";

// Bodies the service really sent, as public SDK fixtures and the official reference (its
// current, older and Swiss versions) print them; see fixtures/real/README.md. The spec's
// policy, "requests strict, responses tolerant", holds only if every one validates.
interface RealBody {
  file: string;
  operationId: string;
  status: number;
  source: { repository: string; commit: string; path: string; locator: string };
  fixups: string[];
  body: unknown;
}

const folder = new URL("./fixtures/real/", import.meta.url);
const bodies: RealBody[] = readdirSync(folder)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, folder), "utf8")) as Omit<RealBody, "file">) }));

/**
 * The response a real status is read against: the documented one, or for a success
 * status the operation does not document (gophertelekomcloud's fixtures answer creates
 * with 201, the reference says 200) the operation's documented success, as the client
 * takes any 2xx for success.
 */
function responseKey(operationId: string, status: number): string | undefined {
  const documented = responseKeyFor(operationId, status);
  if (documented !== undefined || status < 200 || status > 299) return documented;
  return ["200", "204"].find((key) => responseKeyFor(operationId, Number(key)) === key);
}

describe("the real bodies", () => {
  it("are at least 30, from at least three independent repositories", () => {
    expect(bodies.length).toBeGreaterThanOrEqual(30);
    expect(new Set(bodies.map((real) => real.source.repository)).size).toBeGreaterThanOrEqual(3);
  });

  it.each(bodies)("$file names its operation, status and source", (real) => {
    expect(operationIds()).toContain(real.operationId);
    expect(real.status).toBeGreaterThanOrEqual(200);
    expect(real.status).toBeLessThan(600);
    expect(real.source.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
    expect(real.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(real.source.path).not.toBe("");
    expect(real.source.locator).not.toBe("");
    expect(Array.isArray(real.fixups)).toBe(true);
  });

  it.each(bodies)("$file ($operationId $status) is valid against the bundled spec", (real) => {
    const key = responseKey(real.operationId, real.status);
    expect(key, `${real.operationId} documents no response for ${real.status}`).toBeDefined();
    if (real.body === null) {
      expect(documentsBody(real.operationId, Number(key)), "a body is documented, the source has none").toBe(false);
      return;
    }
    expect(schemaViolations(real.operationId, key!, real.body)).toEqual([]);
  });
});
