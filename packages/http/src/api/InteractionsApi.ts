import { OpenApi } from "@effect/platform"
import { Interaction, interactionAggregate, LogInteractionInput, Task, UpdateInteractionInput } from "@agency-crm/core"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup, Statuses } from "./crud.js"

/** A logged interaction and the follow-up task created from it, if any. */
export const LoggedInteraction = Schema.Struct({ interaction: Interaction, followUpTask: Schema.NullOr(Task) })

/** The log of client communications. */
export const InteractionsApi = crudGroup("interactions", interactionAggregate, {
  entity: Interaction,
  created: LoggedInteraction,
  create: LogInteractionInput,
  update: UpdateInteractionInput,
  errors: { create: [Statuses.RuleViolated], update: [Statuses.RuleViolated] }
})
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Every communication with a client: meetings, calls, e-mails, messages, notes and feedback."
  )
