import { Cursor, EntityType, HistoryPage, MAX_LIMIT } from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { IntParam } from "./params.js"

/** Paging parameters of a timeline. */
export const TimelineParams = Schema.Struct({
  limit: Schema.optional(IntParam(1, MAX_LIMIT)),
  cursor: Schema.optional(Cursor)
})

/** The change history of any entity, read from the event log. */
export const HistoryApi = HttpApiGroup.make("history")
  .add(
    HttpApiEndpoint.get("history", "/history/:entityType/:entityId")
      .setPath(Schema.Struct({ entityType: EntityType, entityId: Schema.String.pipe(Schema.maxLength(100)) }))
      .setUrlParams(TimelineParams)
      .addSuccess(HistoryPage)
      .annotate(OpenApi.Summary, "Change history of an entity")
      .annotate(OpenApi.Description, "Every recorded change, newest first; it outlives the entity.")
  )
  .middleware(Authentication)
  .annotate(OpenApi.Description, "The recorded change history of any entity, from the event log.")
