import { Clients, Timeline } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the clients group. */
export const ClientsLive = HttpApiBuilder.group(CrmApi, "clients", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const clients = yield* Clients
      const timeline = yield* Timeline
      return crudHandlers(handlers, clients)
        .handle("archive", ({ headers, path }) =>
          Effect.flatMap(
            conditional(headers, (options) => clients.archive(path.id, options)),
            withEtag
          )
        )
        .handle("restore", ({ headers, path }) =>
          Effect.flatMap(
            conditional(headers, (options) => clients.restore(path.id, options)),
            withEtag
          )
        )
        .handle("timeline", ({ path, urlParams }) => timeline.client(path.id, urlParams))
    }),
    compiledResponses
  )
)
