import createClient, { type Middleware } from "openapi-fetch";
import { authorizedFetch } from "../features/auth/tokens";
import { currentLanguage } from "../i18n";
import { ApiError, toProblem } from "./problem";
import type { paths } from "./schema";

/** Asks for answers in the console's language: the server writes its refusals and row errors in it. */
export const inConsoleLanguage: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", currentLanguage());
    return request;
  },
};

/** The API client every feature uses: typed from the OpenAPI document, signed in through `authorizedFetch`. */
export const api = createClient<paths>({ baseUrl: "", fetch: authorizedFetch });
api.use(inConsoleLanguage);

/** For pages reached from an email without an account (`/api/v1/public/…`): never sends a session's token. */
export const publicApi = createClient<paths>({ baseUrl: "" });
publicApi.use(inConsoleLanguage);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; a problem document becomes an `ApiError`. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response.status));
  if (data === undefined) throw new ApiError(toProblem(null, response.status));
  return data;
}

/** For answers without a body (204): resolves when the call succeeded. */
export async function unwrapEmpty(call: Promise<Answer<unknown>>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response.status));
}
