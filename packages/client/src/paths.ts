import type { paths } from "@otc-vpcep/types";
import type { Int64AsString } from "./precision.js";

/** Every project-scoped path of the API starts with this; the client fills it in once. */
type ProjectPrefix = "/v1/{project_id}";

type WithoutProjectId<Parameters> = Parameters extends { path: infer PathParameters }
  ? Omit<Parameters, "path"> &
      (keyof Omit<PathParameters, "project_id"> extends never
        ? { path?: never }
        : { path: Omit<PathParameters, "project_id"> })
  : Parameters;

type ScopedOperation<Operation> = Operation extends { parameters: infer Parameters; responses: infer Responses }
  ? Omit<Operation, "parameters" | "responses"> & {
      parameters: WithoutProjectId<Parameters>;
      responses: Int64AsString<Responses>;
    }
  : Operation;

type ScopedPathItem<PathItem> = {
  [Key in keyof PathItem]: Key extends "parameters"
    ? WithoutProjectId<PathItem[Key]>
    : ScopedOperation<PathItem[Key]>;
};

/**
 * The API's project-scoped paths as the client sees them: `/v1/{project_id}` is
 * dropped from each path and `project_id` from its parameters, because the client
 * binds the project once, at construction. `/v1/{project_id}/vpc-endpoints` is
 * called as `/vpc-endpoints`. Responses carry int64 fields (`marker_id`) as strings.
 */
export type ProjectPaths = {
  [Path in keyof paths as Path extends `${ProjectPrefix}${infer Rest}` ? Rest : never]: ScopedPathItem<
    paths[Path]
  >;
};

/** The paths at the root of the host, outside any project: the API versions. */
export type RootPaths = {
  [Path in keyof paths as Path extends `${ProjectPrefix}${string}` ? never : Path]: paths[Path];
};
