import { VpcepApiError, withoutQuery } from "./errors.js";
import { attemptsOf } from "./transport/response-body.js";

/** The data of a successful result, or the `VpcepApiError` its error response stands for. */
export function dataOrThrow<Data>(
  result: { data?: Data; error?: unknown; response: Response },
  method: string,
): Data {
  if (result.response.ok) return result.data as Data;
  throw new VpcepApiError(result.response, result.error, { method, url: withoutQuery(result.response.url) }, attemptsOf(result.response));
}
