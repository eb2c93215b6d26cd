import { Reviews } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the reviews group. */
export const ReviewsLive = HttpApiBuilder.group(CrmApi, "reviews", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const reviews = yield* Reviews
      return handlers
        .handle("list", ({ urlParams }) => reviews.list(urlParams))
        .handle("create", ({ payload }) => Effect.flatMap(reviews.record(payload), withEtag))
        .handle("get", ({ path }) => Effect.flatMap(reviews.get(path.id), withEtag))
        .handle("update", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => reviews.update(path.id, payload, options)),
            withEtag
          )
        )
        .handle("remove", ({ headers, path }) => conditional(headers, (options) => reviews.remove(path.id, options)))
    }),
    compiledResponses
  )
)
