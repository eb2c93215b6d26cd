import { HttpApiBuilder, HttpApiScalar } from "@effect/platform"
import { Layer } from "effect"
import { CrmApi } from "../api/Api.js"
import { ActorFromHeaderLive } from "./ActorFromHeaderLive.js"
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
export const ApiLive = HttpApiBuilder.api(CrmApi).pipe(
  Layer.provide([
    TeamLive,
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
  Layer.provide(ActorFromHeaderLive)
)

/** Options of the HTTP server layer. */
export interface ServerOptions {
  /** Largest request body accepted, in bytes (413 above). Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
}

/** Serves the API, `/openapi.json` and the interactive `/docs` (assets inlined: works offline). Needs the
 * core services and an `HttpServer`. */
export const layer = (options: ServerOptions = {}) =>
  HttpApiBuilder.serve(bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)).pipe(
    Layer.provide(HttpApiScalar.layer({ path: "/docs", scalar: { withDefaultFonts: false } })),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" })),
    Layer.provide(ApiLive)
  )
