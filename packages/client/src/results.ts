import { VpcepApiError } from "./errors.js";

/** The data of a successful result, or the `VpcepApiError` its error response stands for. */
export function dataOrThrow<Data>(
  result: { data?: Data; error?: unknown; response: Response },
  method: string,
): Data {
  if (result.response.ok) return result.data as Data;
  const url = result.response.url.split("?")[0] ?? "";
  throw new VpcepApiError(result.response, result.error, { method, url });
}
