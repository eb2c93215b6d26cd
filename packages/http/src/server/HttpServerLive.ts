import { type Actor, Idempotency, PluginHost, Plugins, type ProvidesOf } from "@agency-crm/core"
import { HttpApiBuilder, HttpApiScalar, type HttpApp } from "@effect/platform"
import { Effect, Layer } from "effect"
import { CrmApi } from "../api/Api.js"
import type { Authentication } from "../api/Authentication.js"
import { apiWith } from "../api/pluginApi.js"
import { groupsOf, type HandlersRequire, type ServerPlugin } from "./HttpPlugin.js"
import { ApiKeysLive } from "./ApiKeysLive.js"
import { AuthenticationLive } from "./AuthenticationLive.js"
import type { AuthThrottleOptions } from "./authThrottle.js"
import { bootstrapAdmin, type BootstrapOptions } from "./bootstrap.js"
import { ClientsLive } from "./ClientsLive.js"
import { ConditionalWrites } from "./conditional.js"
import { ContactsLive } from "./ContactsLive.js"
import { apiErrors, requestLogging } from "./errorHandling.js"
import { idempotent, type IdempotencyOptions } from "./idempotency.js"
import { InteractionsLive } from "./InteractionsLive.js"
import { OpportunitiesLive } from "./OpportunitiesLive.js"
import { PlainLive } from "./PlainLive.js"
import { ProjectsLive } from "./ProjectsLive.js"
import { HistoryLive, SearchLive, TrackingLive } from "./ReadsLive.js"
import { AllocationsLive } from "./AllocationsLive.js"
import { requestGuard, type RequestLimits } from "./requestGuard.js"
import { streamedBodyRoutes } from "./streamedBodies.js"
import { ReportsLive } from "./ReportsLive.js"
import { ReviewsLive } from "./ReviewsLive.js"
import type { EventStreamOptions } from "./eventStreams.js"
import { DataLive } from "./DataLive.js"
import { siteRoutes, type SiteOptions } from "./site.js"
import { EventsLive, HealthLive, PluginsLive } from "./SystemLive.js"
import { TasksLive } from "./TasksLive.js"
import { TeamLive } from "./TeamLive.js"

const pluginHandlers = (plugins: ReadonlyArray<ServerPlugin>) =>
  plugins.flatMap((plugin) => ("endpoints" in plugin ? [plugin.endpoints.handlers] : [])) as unknown as ReadonlyArray<
    Layer.Layer<never>
  >

/** The API implemented on the core services, with the endpoints of `options.plugins` (whose services it needs). */
export const ApiLive = (options: ServerOptions<ReadonlyArray<ServerPlugin>> = {}) =>
  // Typed as the core API: the plugins' groups are served by their own handler layers, provided here.
  HttpApiBuilder.api(apiWith(groupsOf(options.plugins ?? [])) as unknown as typeof CrmApi).pipe(
    Layer.provide(Layer.mergeAll(Layer.empty, ...pluginHandlers(options.plugins ?? []))),
    Layer.provide([
      TeamLive,
      ApiKeysLive,
      ClientsLive,
      ContactsLive,
      ProjectsLive,
      TasksLive,
      AllocationsLive,
      InteractionsLive,
      OpportunitiesLive,
      ReviewsLive,
      TrackingLive,
      ReportsLive,
      HistoryLive,
      SearchLive,
      EventsLive(options.eventStreams),
      HealthLive,
      PluginsLive,
      DataLive(options),
      PlainLive
    ]),
    Layer.provide(AuthenticationLive(options.authThrottle)),
    Layer.provide(Layer.succeed(ConditionalWrites, { requireIfMatch: options.requireIfMatch === true }))
  )

/** The API-level middleware, innermost first: idempotent POSTs, then error shaping and recording (which must
 * see the idempotency's own errors too). */
const ApiMiddlewareLive = (options: ServerOptions<ReadonlyArray<ServerPlugin>>) =>
  HttpApiBuilder.middleware(
    CrmApi,
    Effect.map(
      Idempotency,
      (idempotency) => (app) => apiErrors(idempotent(idempotency, options.idempotency)(app)) as HttpApp.Default<never>
    )
  )

/** Options of the HTTP server layer. */
export interface ServerOptions<P extends ReadonlyArray<ServerPlugin> = readonly []> extends RequestLimits {
  /** The CRM's plugins, started with the server (see `Plugins.layer`); the endpoints of those that have some are
   * served, and shown in the OpenAPI document and the docs page. */
  readonly plugins?: P | undefined
  /** Throttling of failed authentications per client address (429 above the limit). */
  readonly authThrottle?: AuthThrottleOptions | undefined
  /** Log every request (method, URL, status) through Effect's logger at the info level. Default off; responses
   * of status 500 and above are logged at the error level, with their cause, either way. */
  readonly logRequests?: boolean | undefined
  /** Limits of the live event streams (`GET /events`): open streams per API key and in all, buffering, keep-alive. */
  readonly eventStreams?: EventStreamOptions | undefined
  /** How `Idempotency-Key` answers are kept (how long). */
  readonly idempotency?: IdempotencyOptions | undefined
  /** Refuse writes to existing entities (PATCH, DELETE, transitions) that carry no `If-Match`, with 428, so no
   * client can overwrite a change it has not seen. Default off. */
  readonly requireIfMatch?: boolean | undefined
  /** The first-start admin (when the store has none); `false` skips it. */
  readonly bootstrap?: BootstrapOptions | false | undefined
  /** A built single-page app to serve at `/` (see `siteRoutes`). */
  readonly site?: SiteOptions | undefined
}

const serve = (options: ServerOptions<ReadonlyArray<ServerPlugin>>) => {
  const streamed = streamedBodyRoutes(apiWith(groupsOf(options.plugins ?? [])))
  return HttpApiBuilder.serve((app) =>
    requestLogging(options.logRequests === true)(requestGuard(options, streamed)(app))
  ).pipe(
    Layer.provide(HttpApiScalar.layer({ path: "/docs", scalar: { withDefaultFonts: false } })),
    Layer.provide(options.site === undefined ? Layer.empty : siteRoutes(options.site)),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" })),
    Layer.provide(ApiMiddlewareLive(options)),
    Layer.provide(ApiLive(options)),
    // Before serving: the first request may already need the admin.
    Layer.provide(options.bootstrap === false ? Layer.empty : Layer.effectDiscard(bootstrapAdmin(options.bootstrap)))
  )
}

/** Serves the API, `/openapi.json` and the interactive `/docs` (assets inlined: works offline), with the plugins of
 * `options.plugins` started (their services and a `PluginHost` are in the layer's output); on a store without an
 * admin, creates one first (see `bootstrapAdmin`). Needs the core services, the storage ports and an `HttpServer`. */
export const layer = <const P extends ReadonlyArray<ServerPlugin> = []>(
  options: ServerOptions<P> = {}
): Layer.Layer<
  ProvidesOf<P[number]> | PluginHost,
  Layer.Layer.Error<ReturnType<typeof serve>> | Layer.Layer.Error<ReturnType<typeof Plugins.layer<P>>>,
  | Exclude<Layer.Layer.Context<ReturnType<typeof serve>>, ProvidesOf<P[number]> | PluginHost>
  | Layer.Layer.Context<ReturnType<typeof Plugins.layer<P>>>
  // The actor comes with each request, from the authentication middleware.
  | Exclude<HandlersRequire<P[number]>, ProvidesOf<P[number]> | Authentication | Actor>
> => serve(options).pipe(Layer.provideMerge(Plugins.layer(options.plugins ?? ([] as unknown as P)))) as any

export { bootstrapAdmin, BOOTSTRAP_KEY_VARIABLE, type BootstrapOptions } from "./bootstrap.js"
export type { SiteOptions } from "./site.js"
export type { AuthThrottleOptions } from "./authThrottle.js"
export type { EventStreamOptions } from "./eventStreams.js"
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, type IdempotencyOptions } from "./idempotency.js"
export { CSV_MEDIA_TYPE } from "../api/DataApi.js"
export {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  JSON_MEDIA_TYPE,
  type RequestLimits
} from "./requestGuard.js"
