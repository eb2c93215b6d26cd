import { OpenApi } from "@effect/platform"
import {
  Interaction,
  InteractionId,
  LogInteractionInput,
  ReferencedEntityMissing,
  RuleViolated,
  Task,
  UpdateInteractionInput
} from "@agency-crm/core"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup } from "./crud.js"
import { InteractionParams } from "./queries.js"

/** A logged interaction and the follow-up task created from it, if any. */
export const LoggedInteraction = Schema.Struct({ interaction: Interaction, followUpTask: Schema.NullOr(Task) })

/** The log of client communications. */
export const InteractionsApi = crudGroup("interactions", {
  path: "/interactions",
  noun: "interaction",
  plural: "interactions",
  entity: Interaction,
  created: LoggedInteraction,
  id: InteractionId,
  params: InteractionParams,
  create: LogInteractionInput,
  update: UpdateInteractionInput
})
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Every communication with a client: meetings, calls, e-mails, messages, notes and feedback."
  )
