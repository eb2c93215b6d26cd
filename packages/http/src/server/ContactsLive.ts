import { Contacts } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"

/** Handlers of the contacts group. */
export const ContactsLive = HttpApiBuilder.group(CrmApi, "contacts", (handlers) =>
  Effect.map(
    Effect.map(Contacts, (contacts) => crudHandlers(handlers, contacts)),
    compiledResponses
  )
)
