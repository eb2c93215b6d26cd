import { Interactions } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"

/** Handlers of the interactions group. */
export const InteractionsLive = HttpApiBuilder.group(CrmApi, "interactions", (handlers) =>
  Effect.map(
    Effect.map(Interactions, (interactions) =>
      crudHandlers(
        handlers,
        { ...interactions, create: interactions.log },
        { createdEntity: (logged) => logged.interaction }
      )
    ),
    compiledResponses
  )
)
