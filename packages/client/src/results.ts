import { errorBodyOf, VpcepApiError, withoutQuery } from "./errors.js";
import { attemptsOf, ReadResponse } from "./transport/response-body.js";

/**
 * The data of a successful result, or the `VpcepApiError` its error response stands for,
 * with the body as the service sent it (as a client made with `throwOnError` has it).
 */
export function dataOrThrow<Data>(
  result: { data?: Data; error?: unknown; response: Response },
  method: string,
): Data {
  const { response } = result;
  if (response.ok) return result.data as Data;
  const body = response instanceof ReadResponse ? errorBodyOf(response.bodyText()) : result.error;
  throw new VpcepApiError(response, body, { method, url: withoutQuery(response.url) }, attemptsOf(response));
}
