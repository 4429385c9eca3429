import { afterEach, expect } from "vitest";
import { wireViolations } from "./wire.js";

// Every response that came through recordingFetch was checked against the spec; a test
// during which one broke it fails, whatever it asserted itself.
afterEach(() => {
  const found = wireViolations.splice(0);
  expect(found, "responses that break the spec").toEqual([]);
});
