import { ClientId, PluginStatus, ProjectId, TeamMemberId } from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { ServiceUnavailable, TooManyRequests } from "./errors.js"
import { IntParam } from "./params.js"

/** What `GET /health` reports. */
export const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  version: Schema.String,
  storage: Schema.Struct({ status: Schema.Literal("ok"), latestSequence: Schema.Int })
})

/** Health of the server and its storage; needs no identity. */
export const HealthApi = HttpApiGroup.make("health")
  .add(
    HttpApiEndpoint.get("health", "/health")
      .addSuccess(Health)
      .addError(ServiceUnavailable)
      .annotate(OpenApi.Summary, "Server version and storage status")
      .annotate(OpenApi.Description, "Answers 200 when the storage answers, 503 otherwise. Needs no API key.")
  )
  .annotate(OpenApi.Description, "Whether the server and its storage are up.")

/** `GET /events` parameters: where to start and what to follow. */
export const EventParams = Schema.Struct({
  after: Schema.optional(IntParam(0, Number.MAX_SAFE_INTEGER)),
  projectId: Schema.optional(ProjectId),
  clientId: Schema.optional(ClientId),
  assigneeId: Schema.optional(TeamMemberId)
})

/** Live updates as Server-Sent Events. */
export const EventsApi = HttpApiGroup.make("events")
  .add(
    HttpApiEndpoint.get("stream", "/events")
      .setUrlParams(EventParams)
      .setHeaders(Schema.Struct({ "last-event-id": Schema.optional(Schema.String) }))
      .addError(TooManyRequests, { status: 429 })
      .addSuccess(Schema.String.pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: "text/event-stream" })))
      .annotate(OpenApi.Summary, "Stream committed events (Server-Sent Events)")
      .annotate(
        OpenApi.Description,
        "Each event is `id: <sequence>`, `event: <type>`, `data: <DomainEvent JSON>`. Resume with `Last-Event-ID` " +
          "(or `after`) without gaps; filter by project, client or assignee. Events of entities the key may not read " +
          "(API keys, for all but admins) are left out. Open streams are limited per API key and in all (429 past " +
          "the limit); a client that reads too slowly is disconnected, and resumes with `Last-Event-ID`."
      )
  )
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Live updates: every committed change, as Server-Sent Events.")

/** The plugins the server runs and how their consumers are doing (admins only). */
export const PluginsApi = HttpApiGroup.make("plugins")
  .add(
    HttpApiEndpoint.get("status", "/plugins")
      .addSuccess(Schema.Array(PluginStatus))
      .annotate(OpenApi.Summary, "The server's plugins and their consumers")
      .annotate(
        OpenApi.Description,
        "Each plugin in the order of the server's list, its checks, and for each consumer its position in the event " +
          "log, its lag, whether it is retrying an event, and its last error."
      )
  )
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Plugins")
  .annotate(OpenApi.Description, "The plugins the server runs, and how far each consumer is behind.")
