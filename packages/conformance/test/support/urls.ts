/** URLs of the suite's targets, for requests the client would not send. */
import { inject } from "vitest";

/** The project of the contract mock's requests. */
export const projectId = "6e9dfd51d1124e8d8498dce894923a0d";

/** The URL of a project-scoped path on the suite's target. */
export function targetUrl(path: string): string {
  const target = inject("target");
  return `${target.url}/v1/${target.projectId}${path}`;
}

/** The mock's URL of a path at the host root, such as the versions. */
export function rootUrl(path: string): string {
  return `${inject("mockUrl")}${path}`;
}

/** The mock's URL of a project-scoped path. */
export function mockUrl(path: string): string {
  return `${inject("mockUrl")}/v1/${projectId}${path}`;
}
