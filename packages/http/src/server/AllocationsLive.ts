import { Allocations } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"

/** Handlers of the allocations group. */
export const AllocationsLive = HttpApiBuilder.group(CrmApi, "allocations", (handlers) =>
  Effect.map(
    Effect.map(Allocations, (allocations) => crudHandlers(handlers, allocations)),
    compiledResponses
  )
)
