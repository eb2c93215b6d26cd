import { Interactions } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the interactions group. */
export const InteractionsLive = HttpApiBuilder.group(CrmApi, "interactions", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const interactions = yield* Interactions
      return handlers
        .handle("list", ({ urlParams }) => interactions.list(urlParams))
        .handle("create", ({ payload }) =>
          Effect.tap(interactions.log(payload), (logged) => withEtag(logged.interaction))
        )
        .handle("get", ({ path }) => Effect.flatMap(interactions.get(path.id), withEtag))
        .handle("update", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => interactions.update(path.id, payload, options)),
            withEtag
          )
        )
        .handle("remove", ({ headers, path }) =>
          conditional(headers, (options) => interactions.remove(path.id, options))
        )
    }),
    compiledResponses
  )
)
