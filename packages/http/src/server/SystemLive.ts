import { Access, Actor, EventFeed, EventLog, invalidField, PluginHost, type ValidationFailed } from "@agency-crm/core"
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { ServiceUnavailable } from "../api/errors.js"
import { VERSION } from "../version.js"
import { type EventStreamOptions, makeEventStreams } from "./eventStreams.js"

/** Handlers of the health group. */
export const HealthLive = HttpApiBuilder.group(CrmApi, "health", (handlers) =>
  Effect.map(
    Effect.map(EventLog, (log) =>
      handlers.handle("health", () =>
        log.latestSequence.pipe(
          Effect.map((latestSequence) => ({
            status: "ok" as const,
            version: VERSION,
            storage: { status: "ok" as const, latestSequence }
          })),
          Effect.catchTag("StorageError", (error) =>
            Effect.fail(new ServiceUnavailable({ message: `storage unavailable: ${error.message}` }))
          )
        )
      )
    ),
    compiledResponses
  )
)

/** Handlers of the events group: the event log as Server-Sent Events, each stream fed by the shared tail. */
export const EventsLive = (options: EventStreamOptions = {}) =>
  HttpApiBuilder.group(CrmApi, "events", (handlers) =>
    Effect.gen(function* () {
      const feed = yield* EventFeed
      const log = yield* EventLog
      const access = yield* Access
      const streams = yield* makeEventStreams(options)
      return handlers.handleRaw("stream", ({ headers, urlParams }) =>
        Effect.gen(function* () {
          // Refused before the response starts; the subscription applies the actor's read permissions.
          yield* access.require("crm.read")
          const actor = yield* Actor
          const lastEventId = yield* parseLastEventId(headers["last-event-id"])
          // Resume after Last-Event-ID, else after `after`, else from now on.
          const after = lastEventId ?? urlParams.after ?? (yield* log.latestSequence)
          // Held for as long as the response: the request's scope closes when the stream ends.
          const stream = yield* streams.openStream(actor)
          const filter = {
            projectId: urlParams.projectId,
            clientId: urlParams.clientId,
            assigneeId: urlParams.assigneeId
          }
          yield* Effect.forkScoped(Effect.ignore(feed.subscribe(after, filter, stream.sink)))
          // A Node stream the platform pipes to the connection; the feed writes into it (see eventStreams.ts).
          return HttpServerResponse.raw(stream.body, {
            headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no" }
          })
        })
      )
    })
  )

/** Reads `Last-Event-ID`: a sequence in decimal digits; anything else is a 400 on the header. */
const parseLastEventId = (header: string | undefined): Effect.Effect<number | undefined, ValidationFailed> => {
  if (header === undefined || header === "") return Effect.succeed(undefined)
  return /^\d{1,15}$/.test(header)
    ? Effect.succeed(Number(header))
    : Effect.fail(invalidField("last-event-id", "must be the id of an event received, in decimal digits"))
}

/** The plugins' status, for admins: the permission that manages the server's credentials. */
export const PluginsLive = HttpApiBuilder.group(CrmApi, "plugins", (handlers) =>
  Effect.map(Effect.all([Access, PluginHost]), ([access, host]) =>
    handlers.handle("status", () => Effect.zipRight(access.require("api_key.manage"), host.status))
  )
)
