import { Resources } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the resources group. */
export const ResourcesLive = HttpApiBuilder.group(CrmApi, "resources", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const resources = yield* Resources
      return handlers
        .handle("list", ({ urlParams }) => resources.list(urlParams))
        .handle("create", ({ payload }) => Effect.flatMap(resources.allocate(payload), withEtag))
        .handle("get", ({ path }) => Effect.flatMap(resources.get(path.id), withEtag))
        .handle("update", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => resources.update(path.id, payload, options)),
            withEtag
          )
        )
        .handle("remove", ({ headers, path }) => conditional(headers, (options) => resources.remove(path.id, options)))
    }),
    compiledResponses
  )
)
