import { Access, Actor, DomainEvent, EventFeed, EventLog } from "@agency-crm/core"
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect, Schema, Stream } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { ServiceUnavailable } from "../api/errors.js"
import { VERSION } from "../version.js"

const encodeEvent = Schema.encodeSync(DomainEvent)

/** One Server-Sent Event: its id is the log sequence, so `Last-Event-ID` resumes exactly after it. */
export const formatEvent = (event: DomainEvent): string =>
  `id: ${event.sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(encodeEvent(event))}\n\n`

/** A comment line that keeps proxies from closing an idle stream. */
const KEEPALIVE = ": keepalive\n\n"

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

/** Handlers of the events group: the event log as Server-Sent Events. */
export const EventsLive = HttpApiBuilder.group(CrmApi, "events", (handlers) =>
  Effect.gen(function* () {
    const feed = yield* EventFeed
    const log = yield* EventLog
    const access = yield* Access
    return handlers.handleRaw("stream", ({ headers, urlParams }) =>
      Effect.gen(function* () {
        // Refuse before the response starts; the stream checks again, as the actor it carries.
        yield* access.require("crm.read")
        const actor = yield* Actor
        const lastEventId = Number(headers["last-event-id"])
        // Resume after Last-Event-ID, else after `after`, else from now on.
        const after =
          Number.isInteger(lastEventId) && lastEventId >= 0
            ? lastEventId
            : (urlParams.after ?? (yield* Effect.orDie(log.latestSequence)))
        const events = feed
          .stream(after, {
            projectId: urlParams.projectId,
            clientId: urlParams.clientId,
            assigneeId: urlParams.assigneeId
          })
          .pipe(Stream.provideService(Actor, actor), Stream.map(formatEvent), Stream.orDie)
        const keepalive = Stream.tick("15 seconds").pipe(Stream.map(() => KEEPALIVE))
        const body = Stream.make(": connected\n\n").pipe(
          Stream.concat(Stream.merge(events, keepalive, { haltStrategy: "either" })),
          Stream.encodeText
        )
        return HttpServerResponse.stream(body, {
          contentType: "text/event-stream",
          headers: { "cache-control": "no-cache", "x-accel-buffering": "no" }
        })
      })
    )
  })
)
