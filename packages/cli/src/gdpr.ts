import { ContactId, PersonalData, PersonalDataDocument } from "@agency-crm/core"
import { Args, Command } from "@effect/cli"
import { Console, Effect, Schema } from "effect"
import { databaseOption, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { openStore } from "./store.js"

const contactArg = Args.text({ name: "contact" }).pipe(Args.withDescription("The contact's id"))

const encodeDocument = Schema.encodeSync(PersonalDataDocument)

/** Runs `use` on the person's data service over `database`, for one valid contact id. */
const withPersonalData = <A>(
  database: string,
  contact: string,
  use: (service: PersonalData, id: ContactId) => Effect.Effect<A, { readonly message: string }, any>
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const id = yield* Schema.decodeUnknown(ContactId)(contact).pipe(
        Effect.mapError(() => new CommandFailed({ message: `${contact} is not a contact id` }))
      )
      const context = yield* openStore(targetOf(database))
      return yield* Effect.flatMap(PersonalData, (service) => use(service, id)).pipe(
        Effect.provide(context),
        Effect.mapError((error) => new CommandFailed({ message: error.message }))
      ) as Effect.Effect<A, CommandFailed>
    })
  )

/** `agency-crm gdpr export <contact>`: the person's data as one JSON document, on stdout. */
const gdprExport = Command.make("export", { database: databaseOption, contact: contactArg }, ({ contact, database }) =>
  Effect.flatMap(
    withPersonalData(database, contact, (service, id) => service.exportDocument(id)),
    (document) => Console.log(JSON.stringify(encodeDocument(document), null, 2))
  )
).pipe(
  Command.withDescription(
    "Everything the CRM holds about a contact (record, interactions, opportunities, history), as JSON"
  )
)

/** `agency-crm gdpr erase <contact>`: the person's data erased from the records, the history and the files. */
const gdprErase = Command.make("erase", { database: databaseOption, contact: contactArg }, ({ contact, database }) =>
  Effect.gen(function* () {
    const report = yield* withPersonalData(database, contact, (service, id) => service.erase(id))
    const records = Object.entries(report.redactedRecords)
      .map(([entity, count]) => `${count} ${entity}`)
      .join(", ")
    yield* Console.error(
      [
        `erased ${report.erasedFields.length === 0 ? "nothing (already erased)" : report.erasedFields.join(", ")} of contact ${report.contactId}`,
        `mentions replaced in: ${records}`,
        `history: ${report.rewrittenEvents} events rewritten; ${report.forgottenResponses} stored responses deleted`,
        `files: ${report.purgeDetail}`
      ].join("\n")
    )
    if (!report.purged) yield* Console.error("note: the purge is not complete (see above)")
  })
).pipe(
  Command.withDescription(
    "Erase a contact's personal data from their record, the records that mention them, the history and the database files"
  )
)

/** `agency-crm gdpr …`: a person's right to their data and to be forgotten. */
export const gdpr = Command.make("gdpr").pipe(
  Command.withDescription("A person's data: export it, or erase it"),
  Command.withSubcommands([gdprExport, gdprErase])
)
