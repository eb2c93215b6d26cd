/** @agency-crm/http/client: the typed client of the Agency CRM HTTP API (no server code). */
import { type HttpApiGroup, HttpApiClient, HttpClient, HttpClientRequest } from "@effect/platform"
import type { Effect } from "effect"
import { apiWith } from "./api/pluginApi.js"

export { CrmApi } from "./api/Api.js"
export { apiWith, type ApiWith } from "./api/pluginApi.js"
/** Building blocks of plugins' endpoint definitions. */
export * as PluginApiKit from "./api/pluginKit.js"
export * from "./api/errors.js"

/** Options of the typed client. */
export interface ClientOptions<Groups extends ReadonlyArray<HttpApiGroup.HttpApiGroup.Any> = readonly []> {
  /** The endpoint groups of the server's plugins to call (each plugin exports its group): they appear in the
   * client, typed, only when listed here. */
  readonly plugins?: Groups | undefined
  /** Where the server is, e.g. `http://localhost:3000`; omit when the `HttpClient` already targets it. */
  readonly baseUrl?: string | undefined
  /** The API key the requests authenticate with (`Authorization: Bearer <key>`). */
  readonly apiKey?: string | undefined
}

/** Makes the typed client over the `HttpClient` in context. */
export const make = <const Groups extends ReadonlyArray<HttpApiGroup.HttpApiGroup.Any> = readonly []>(
  options: ClientOptions<Groups> = {}
) =>
  HttpApiClient.make(apiWith(options.plugins ?? ([] as unknown as Groups)), {
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    transformClient: (client) =>
      options.apiKey === undefined
        ? client
        : HttpClient.mapRequest(client, HttpClientRequest.bearerToken(options.apiKey))
  })

/** The type of the client `make` returns (with the groups of `Groups`, plugins' endpoints). */
export type Client<Groups extends ReadonlyArray<HttpApiGroup.HttpApiGroup.Any> = readonly []> = Effect.Effect.Success<
  ReturnType<typeof make<Groups>>
>
