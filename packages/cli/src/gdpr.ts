import {
  type AnyAggregate,
  aggregateOf,
  ContactId,
  DomainEvent,
  type EntityType,
  EventLog,
  forEachMatching,
  type RepositoryPorts,
  repositoryIn
} from "@agency-crm/core"
import { Args, Command } from "@effect/cli"
import { Console, DateTime, Effect, Option, Schema } from "effect"
import { databaseOption, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { openStore } from "./store.js"

const encodeEvent = Schema.encodeSync(DomainEvent)

/** Every entity of `aggregate` matching `filter`, encoded as the API shows it. */
const allOf = (aggregate: AnyAggregate, filter: object) =>
  Effect.gen(function* () {
    const repository = repositoryIn(yield* Effect.context<RepositoryPorts>(), aggregate)
    const encode = Schema.encodeSync(aggregate.schema as Schema.Schema<any, any, never>)
    const out: Array<unknown> = []
    yield* forEachMatching(aggregate.list, aggregate.defaultSort.by, filter, repository.list, (batch) =>
      Effect.sync(() => {
        for (const entity of batch) out.push(encode(entity))
      })
    )
    return out
  })

/** The recorded history of one entity, oldest first. */
const historyOf = (entityType: EntityType, entityId: string) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const events: Array<unknown> = []
    let after = 0
    for (;;) {
      const batch = yield* log.readAfter(after, 200, { entityType, entityId })
      for (const event of batch) events.push(encodeEvent(event))
      const last = batch[batch.length - 1]
      if (last === undefined) return events
      after = last.sequence
    }
  })

/** Everything the CRM holds about one person (a contact): the contact, the interactions with them, the
 * opportunities where they are the contact, and the history of their record, as one JSON document. */
export const gdprExportDocument = (contactId: ContactId) =>
  Effect.gen(function* () {
    const contacts = repositoryIn(yield* Effect.context<RepositoryPorts>(), aggregateOf.contact)
    const found = yield* contacts.findById(contactId)
    if (Option.isNone(found)) return yield* new CommandFailed({ message: `no contact ${contactId}` })
    return {
      exportedAt: DateTime.formatIso(yield* DateTime.now),
      contact: Schema.encodeSync(aggregateOf.contact.schema as Schema.Schema<any, any, never>)(found.value),
      interactions: yield* allOf(aggregateOf.interaction, { contactId }),
      opportunities: yield* allOf(aggregateOf.opportunity, { contactId }),
      history: yield* historyOf("contact", contactId)
    }
  })

const contactArg = Args.text({ name: "contact" }).pipe(Args.withDescription("The contact's id"))

/** `agency-crm gdpr export <contact>`: the person's data as one JSON document, on stdout. */
const gdprExport = Command.make("export", { database: databaseOption, contact: contactArg }, ({ contact, database }) =>
  Effect.scoped(
    Effect.gen(function* () {
      const id = yield* Schema.decodeUnknown(ContactId)(contact).pipe(
        Effect.mapError(() => new CommandFailed({ message: `${contact} is not a contact id` }))
      )
      const context = yield* openStore(targetOf(database))
      const document = yield* gdprExportDocument(id).pipe(
        Effect.provide(context),
        Effect.catchTag("StorageError", (error) => Effect.fail(new CommandFailed({ message: error.message })))
      )
      yield* Console.log(JSON.stringify(document, null, 2))
    })
  )
).pipe(
  Command.withDescription(
    "Everything the CRM holds about a contact (record, interactions, opportunities, history), as JSON"
  )
)

/** `agency-crm gdpr …`: a person's right to their data. */
export const gdpr = Command.make("gdpr").pipe(
  Command.withDescription("A person's data: export it (erasure is to come)"),
  Command.withSubcommands([gdprExport])
)
