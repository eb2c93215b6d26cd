import { Effect, Option, Schema } from "effect"
import type { AnyAggregate } from "../aggregate/Aggregate.js"
import { aggregateOf, repositoryIn, type RepositoryPorts } from "../aggregate/registry.js"
import type { Contact, ContactId } from "../domain/Contact.js"
import type { EntityType } from "../domain/EntityType.js"
import { NotFound } from "../domain/Errors.js"
import { CONTACT_PERSONAL_FIELDS, ERASED, ERASED_CONTACT_NAME, ErasureReport } from "../domain/PersonalData.js"
import type { DomainEvent, EventType, FieldChange } from "../events/DomainEvent.js"
import { PersonalDataDocument } from "../events/PersonalDataDocument.js"
import { draft } from "../events/drafts.js"
import { Erasure, type EventRewrite } from "../ports/Erasure.js"
import { EventLog } from "../ports/EventLog.js"
import { Access } from "./Access.js"
import { modelOf } from "./entityWrites.js"
import { allMatching } from "./paging.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

// Shorter values (initials, a two-digit phone extension) would erase unrelated text wherever they occur.
const MIN_NEEDLE_LENGTH = 3

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Replaces, in any case, every occurrence of the values and every whole-word occurrence of the words, in every
 * string of a JSON-like value. */
const scrubberOf = (values: ReadonlyArray<string>, words: ReadonlyArray<string>) => {
  const alternatives = [
    ...values.map((value) => ({ length: value.length, source: escape(value) })),
    ...words.map((word) => ({ length: word.length, source: `(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])` }))
  ].sort((a, b) => b.length - a.length)
  if (alternatives.length === 0) return <A>(value: A): A => value
  const pattern = new RegExp(alternatives.map((a) => a.source).join("|"), "giu")
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(pattern, ERASED)
    if (Array.isArray(value)) return value.map(scrub)
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrub(inner)]))
    }
    return value
  }
  return scrub as <A>(value: A) => A
}

/** A person's right to their data and to be forgotten, for the people the CRM holds: contacts. */
export class PersonalData extends Effect.Service<PersonalData>()("@agency-crm/core/PersonalData", {
  dependencies: [UnitOfWork.Default, Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const uow = yield* UnitOfWork
    const log = yield* EventLog
    const erasure = yield* Erasure
    const context = yield* Effect.context<RepositoryPorts>()
    const repositoryOf = (aggregate: AnyAggregate) => repositoryIn(context, aggregate)
    const contacts = repositoryOf(aggregateOf.contact)

    const findContact = (id: ContactId) =>
      Effect.flatMap(contacts.findById(id), (found) =>
        Option.isSome(found) ? Effect.succeed(found.value as Contact) : Effect.fail(NotFound.of("contact", id))
      )

    const allOf = (aggregate: AnyAggregate, filter: object) =>
      allMatching(aggregate.list, aggregate.defaultSort.by, filter, repositoryOf(aggregate).list)

    /** Every recorded event of one entity, oldest first. */
    const historyOf = (entityType: EntityType, entityId: string) =>
      Effect.gen(function* () {
        const events: Array<DomainEvent> = []
        let after = 0
        for (;;) {
          const batch = yield* log.readAfter(after, 200, { entityType, entityId })
          events.push(...batch)
          const last = batch[batch.length - 1]
          if (last === undefined) return events
          after = last.sequence
        }
      })

    /** The records that speak of a contact: interactions with them, opportunities where they are the contact, and
     * the tasks those started. */
    const linkedTo = (id: ContactId) =>
      Effect.gen(function* () {
        const interactions = yield* allOf(aggregateOf.interaction, { contactId: id })
        const opportunities = yield* allOf(aggregateOf.opportunity, { contactId: id })
        const tasks = new Map<string, unknown>()
        for (const interaction of interactions) {
          for (const task of yield* allOf(aggregateOf.task, { originInteractionId: interaction.id })) {
            tasks.set(task.id, task)
          }
        }
        for (const opportunity of opportunities) {
          for (const task of yield* allOf(aggregateOf.task, { opportunityId: opportunity.id })) {
            tasks.set(task.id, task)
          }
        }
        return [
          { aggregate: aggregateOf.interaction as AnyAggregate, rows: interactions as ReadonlyArray<unknown> },
          { aggregate: aggregateOf.opportunity as AnyAggregate, rows: opportunities as ReadonlyArray<unknown> },
          { aggregate: aggregateOf.task as AnyAggregate, rows: [...tasks.values()] }
        ]
      })

    /** Everything the CRM holds about a contact, as one document. */
    const exportDocument = Effect.fn("PersonalData.exportDocument")(function* (id: ContactId) {
      const contact = yield* findContact(id)
      return new PersonalDataDocument({
        exportedAt: yield* now,
        contact,
        interactions: (yield* allOf(aggregateOf.interaction, { contactId: id })) as never,
        opportunities: (yield* allOf(aggregateOf.opportunity, { contactId: id })) as never,
        history: yield* historyOf("contact", id)
      })
    })

    /**
     * Erases a contact's personal data: their fields (the record stays, named "Erased contact"), every mention of
     * those values in the records linked to them, and every trace of both in the recorded history, in one write;
     * the erasure is recorded as `contact.erased`, naming the fields, not their values. Then the store purges what
     * its files still hold of the old values.
     */
    const erase = Effect.fn("PersonalData.erase")(function* (id: ContactId) {
      const written = yield* uow
        .write(
          Effect.gen(function* () {
            const contact = yield* findContact(id)
            const fields = contact as unknown as Record<string, unknown>
            const held = CONTACT_PERSONAL_FIELDS.filter((field) => {
              const value = fields[field]
              return typeof value === "string" && value !== "" && !(field === "name" && value === ERASED_CONTACT_NAME)
            })
            const needles = [
              ...new Set(
                held.map((field) => (fields[field] as string).trim()).filter((v) => v.length >= MIN_NEEDLE_LENGTH)
              )
            ]
            // People are mentioned by a part of their name too ("Called Ana", "Gómez wants a quote").
            const nameWords = held.includes("name")
              ? (fields["name"] as string).split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w.length >= MIN_NEEDLE_LENGTH)
              : []
            const scrub = scrubberOf(needles, nameWords)
            const at = yield* now
            const redactedRecords: Record<string, number> = {}
            const rewrites: Array<EventRewrite> = []

            // The contact itself, and its history: each personal value reads as erased.
            const contactModel = modelOf(aggregateOf.contact)
            if (held.length > 0) {
              const erased = contactModel.make({
                ...contact,
                name: ERASED_CONTACT_NAME,
                email: null,
                phone: null,
                position: null,
                notes: null,
                version: contact.version + 1,
                updatedAt: at
              })
              yield* contacts.update(erased)
              const changes: Array<FieldChange> = held.map((field) => ({
                field,
                before: ERASED,
                after: (erased as unknown as Record<string, unknown>)[field] ?? null
              }))
              yield* uow.record([
                draft("contact.erased" as EventType, "contact", id, aggregateOf.contact.eventRefs(erased), changes)
              ])
            }
            const personal = new Set<string>(CONTACT_PERSONAL_FIELDS)
            for (const event of yield* historyOf("contact", id)) {
              const changes = event.changes.map((change) =>
                personal.has(change.field)
                  ? {
                      field: change.field,
                      before: change.before === null ? null : ERASED,
                      after: change.after === null || change.after === ERASED_CONTACT_NAME ? change.after : ERASED
                    }
                  : scrub(change)
              )
              if (JSON.stringify(changes) !== JSON.stringify(event.changes)) {
                rewrites.push({ sequence: event.sequence, changes })
              }
            }

            // The records that mention the person: each mention replaced, the change recorded without the old text.
            for (const { aggregate, rows } of yield* linkedTo(id)) {
              const model = modelOf(aggregate)
              const encode = Schema.encodeSync(aggregate.schema as Schema.Schema<any, any, never>)
              const decode = Schema.decodeUnknownSync(aggregate.schema as Schema.Schema<any, any, never>)
              let count = 0
              for (const row of rows as ReadonlyArray<{ readonly id: string; readonly version: number }>) {
                const encoded = encode(row) as Record<string, unknown>
                const scrubbed = scrub(encoded)
                if (JSON.stringify(scrubbed) !== JSON.stringify(encoded)) {
                  const next = model.make({
                    ...decode({ ...scrubbed, id: encoded["id"] }),
                    version: row.version + 1,
                    updatedAt: at
                  })
                  yield* repositoryOf(aggregate).update(next)
                  const changes = model
                    .changes(row, next)
                    .map((change) => ({ field: change.field, before: ERASED, after: change.after }))
                  yield* uow.record([
                    draft(
                      `${aggregate.name}.updated` as EventType,
                      aggregate.name as EntityType,
                      row.id,
                      aggregate.eventRefs(next),
                      changes
                    )
                  ])
                  count++
                }
                for (const event of yield* historyOf(aggregate.name as EntityType, row.id)) {
                  const changes = scrub(event.changes)
                  if (JSON.stringify(changes) !== JSON.stringify(event.changes)) {
                    rewrites.push({ sequence: event.sequence, changes })
                  }
                }
              }
              redactedRecords[aggregate.name] = count
            }
            yield* erasure.rewriteChanges(rewrites)
            const forgottenResponses = yield* erasure.forgetResponses(needles)
            return { erasedFields: held, redactedRecords, rewrittenEvents: rewrites.length, forgottenResponses }
          })
        )
        .pipe(
          // Every row rewritten was read in this same transaction: it cannot have moved on.
          Effect.catchTag("VersionConflict", Effect.die)
        )
      const purge = yield* erasure.purge
      return new ErasureReport({
        contactId: id,
        ...written,
        purged: purge.complete,
        purgeDetail: purge.detail
      })
    })

    return access.guard("PersonalData", { exportDocument, erase })
  })
}) {}
