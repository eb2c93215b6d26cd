import { HttpApiBuilder, HttpApiScalar, HttpMiddleware } from "@effect/platform"
import { Layer } from "effect"
import { CrmApi } from "../api/Api.js"
import { ApiKeysLive } from "./ApiKeysLive.js"
import { AuthenticationLive } from "./AuthenticationLive.js"
import type { AuthThrottleOptions } from "./authThrottle.js"
import { bootstrapAdmin, type BootstrapOptions } from "./bootstrap.js"
import { bodyLimit, DEFAULT_MAX_BODY_BYTES } from "./bodyLimit.js"
import { ClientsLive } from "./ClientsLive.js"
import { ContactsLive } from "./ContactsLive.js"
import { InteractionsLive } from "./InteractionsLive.js"
import { ProjectsLive } from "./ProjectsLive.js"
import { HistoryLive, SearchLive, TrackingLive } from "./ReadsLive.js"
import { ResourcesLive } from "./ResourcesLive.js"
import { ReviewsLive } from "./ReviewsLive.js"
import { EventsLive, HealthLive } from "./SystemLive.js"
import { TasksLive } from "./TasksLive.js"
import { TeamLive } from "./TeamLive.js"

/** The API implemented on the core services. */
export const ApiLive = (throttle: AuthThrottleOptions = {}) =>
  HttpApiBuilder.api(CrmApi).pipe(
    Layer.provide([
      TeamLive,
      ApiKeysLive,
      ClientsLive,
      ContactsLive,
      ProjectsLive,
      TasksLive,
      ResourcesLive,
      InteractionsLive,
      ReviewsLive,
      TrackingLive,
      HistoryLive,
      SearchLive,
      EventsLive,
      HealthLive
    ]),
    Layer.provide(AuthenticationLive(throttle))
  )

/** Options of the HTTP server layer. */
export interface ServerOptions {
  /** Largest request body accepted, in bytes (413 above). Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /** Throttling of failed authentications per client address (429 above the limit). */
  readonly authThrottle?: AuthThrottleOptions | undefined
  /** Log every request (method, URL, status, duration) through Effect's logger. Default off. */
  readonly logRequests?: boolean | undefined
  /** The first-start admin (when the store has none); `false` skips it. */
  readonly bootstrap?: BootstrapOptions | false | undefined
}

/** Serves the API, `/openapi.json` and the interactive `/docs` (assets inlined: works offline); on a store
 * without an admin, creates one first (see `bootstrapAdmin`). Needs the core services and an `HttpServer`. */
export const layer = (options: ServerOptions = {}) =>
  HttpApiBuilder.serve((app) => {
    const limited = bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)(app)
    return options.logRequests === true ? HttpMiddleware.logger(limited) : limited
  }).pipe(
    Layer.provide(HttpApiScalar.layer({ path: "/docs", scalar: { withDefaultFonts: false } })),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" })),
    Layer.provide(ApiLive(options.authThrottle)),
    // Before serving: the first request may already need the admin.
    Layer.provide(options.bootstrap === false ? Layer.empty : Layer.effectDiscard(bootstrapAdmin(options.bootstrap)))
  )

export { bootstrapAdmin, BOOTSTRAP_KEY_VARIABLE, type BootstrapOptions } from "./bootstrap.js"
export type { AuthThrottleOptions } from "./authThrottle.js"
