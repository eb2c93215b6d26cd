import { Clients, Timeline } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { archiveHandlers, crudHandlers } from "./crudHandlers.js"

/** Handlers of the clients group. */
export const ClientsLive = HttpApiBuilder.group(CrmApi, "clients", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const clients = yield* Clients
      const timeline = yield* Timeline
      return archiveHandlers(crudHandlers(handlers, clients), clients).handle("timeline", ({ path, urlParams }) =>
        timeline.client(path.id, urlParams)
      )
    }),
    compiledResponses
  )
)
