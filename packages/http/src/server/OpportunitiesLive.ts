import { Opportunities } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { conditional, withEtag } from "./conditional.js"
import { crudHandlers } from "./crudHandlers.js"

/** Handlers of the opportunities group. */
export const OpportunitiesLive = HttpApiBuilder.group(CrmApi, "opportunities", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const opportunities = yield* Opportunities
      return crudHandlers(handlers, opportunities)
        .handle("move", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => opportunities.move(path.id, payload, options)),
            withEtag
          )
        )
        .handle("resume", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => opportunities.resume(path.id, payload, options)),
            withEtag
          )
        )
        .handle("reopen", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => opportunities.reopen(path.id, payload, options)),
            withEtag
          )
        )
        .handle("win", ({ headers, path, payload }) =>
          Effect.tap(
            conditional(headers, (options) => opportunities.win(path.id, payload, options)),
            (won) => withEtag(won.opportunity)
          )
        )
        .handle("history", ({ path, urlParams }) => opportunities.history(path.id, urlParams))
        .handle("pipeline", ({ urlParams }) => opportunities.pipeline(urlParams))
    }),
    compiledResponses
  )
)
