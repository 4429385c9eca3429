import { VpcepRedirectError } from "../errors.js";
import type { Attempt } from "./policy.js";

/**
 * Refuses a redirect. The API never redirects, so one comes from something in between,
 * and following it would hand the credentials (and a create's body) to its target. The
 * request asks `fetch` not to follow (`redirect: "manual"`); the redirect arrives here as
 * a 3xx, or, in browsers, as an opaque redirect whose target is hidden.
 */
export function refuseRedirect(answer: Response, attempt: Attempt): Response {
  const redirect = answer.type === "opaqueredirect" || (answer.status >= 300 && answer.status < 400 && answer.status !== 304);
  // A custom fetch that dropped `redirect: "manual"` has followed one: its answer is not the service's.
  const followed = answer.redirected || (answer.url !== "" && answer.url !== attempt.request.url && !sameOrigin(answer.url, attempt.request.url));
  if (!redirect && !followed) return answer;
  void answer.body?.cancel().catch(() => {});
  const location = followed ? answer.url : answer.headers.get("location");
  throw new VpcepRedirectError(attempt.call.facts, answer.status, location === null ? undefined : target(location, attempt.request.url));
}

function sameOrigin(url: string, other: string): boolean {
  return new URL(url).origin === new URL(other).origin;
}

/** Where a `Location` points, resolved against the request, without user info, query or fragment. */
function target(location: string, base: string): string {
  try {
    const url = new URL(location, base);
    url.username = url.password = url.search = url.hash = "";
    return url.href;
  } catch {
    return "an unreadable location";
  }
}
