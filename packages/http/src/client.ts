/** @agency-crm/http/client: the typed client of the Agency CRM HTTP API (no server code). */
import { HttpApiClient, HttpClient, HttpClientRequest } from "@effect/platform"
import type { Effect } from "effect"
import { CrmApi } from "./api/Api.js"

export { CrmApi } from "./api/Api.js"
export * from "./api/errors.js"

/** Options of the typed client. */
export interface ClientOptions {
  /** Where the server is, e.g. `http://localhost:3000`; omit when the `HttpClient` already targets it. */
  readonly baseUrl?: string | undefined
  /** The API key the requests authenticate with (`Authorization: Bearer <key>`). */
  readonly apiKey?: string | undefined
}

/** Makes the typed client over the `HttpClient` in context. */
export const make = (options: ClientOptions = {}) =>
  HttpApiClient.make(CrmApi, {
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    transformClient: (client) =>
      options.apiKey === undefined
        ? client
        : HttpClient.mapRequest(client, HttpClientRequest.bearerToken(options.apiKey))
  })

/** The type of the client `make` returns. */
export type Client = Effect.Effect.Success<ReturnType<typeof make>>
