import { Contacts } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the contacts group. */
export const ContactsLive = HttpApiBuilder.group(CrmApi, "contacts", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const contacts = yield* Contacts
      return handlers
        .handle("list", ({ urlParams }) => contacts.list(urlParams))
        .handle("create", ({ payload }) => Effect.flatMap(contacts.create(payload), withEtag))
        .handle("get", ({ path }) => Effect.flatMap(contacts.get(path.id), withEtag))
        .handle("update", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => contacts.update(path.id, payload, options)),
            withEtag
          )
        )
        .handle("remove", ({ headers, path }) => conditional(headers, (options) => contacts.remove(path.id, options)))
    }),
    compiledResponses
  )
)
