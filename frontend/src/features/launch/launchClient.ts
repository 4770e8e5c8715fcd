import { ApiError, toProblem } from "../../api/problem";
import { currentLanguage } from "../../i18n";
import { authorizedFetch } from "../auth/tokens";

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * A console call to `/api/v1{path}`, signed in like every other (`authorizedFetch`) and in the
 * console's language. It stands in for the typed client until the schema has these routes.
 */
export async function consoleCall<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const request = new Request(`${window.location.origin}/api/v1${path}`, {
    method,
    headers: {
      Accept: "application/json",
      "Accept-Language": currentLanguage(),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await authorizedFetch(request);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(toProblem(json, response.status));
  return json as T;
}
