import { Reviews } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"

/** Handlers of the reviews group. */
export const ReviewsLive = HttpApiBuilder.group(CrmApi, "reviews", (handlers) =>
  Effect.map(
    Effect.map(Reviews, (reviews) => crudHandlers(handlers, { ...reviews, create: reviews.record })),
    compiledResponses
  )
)
