import { Codec, DomainEvent, EventLog, type EventFilter, type NewEvent, type StorageError } from "@agency-crm/core"
import { DateTime, Effect, Schema } from "effect"
import { EventRow } from "./rows.js"
import { type Db, type Fragment, fragment, inList, where } from "./sql.js"

const conditions = (f: EventFilter): Array<Fragment> => {
  const out: Array<Fragment> = []
  if (f.clientId !== undefined) out.push(fragment("clientId = ?", f.clientId))
  if (f.projectId !== undefined) out.push(fragment("projectId = ?", f.projectId))
  if (f.assigneeId !== undefined) out.push(fragment("assigneeId = ?", f.assigneeId))
  if (f.entityType !== undefined) out.push(fragment("entityType = ?", f.entityType))
  if (f.entityId !== undefined) out.push(fragment("entityId = ?", f.entityId))
  if (f.excludeEntityTypes !== undefined && f.excludeEntityTypes.length > 0) {
    const kept = inList("entityType", f.excludeEntityTypes)
    out.push(fragment(`NOT (${kept.text})`))
  }
  return out
}

const makeEvent = Codec.constructor(DomainEvent)

/** The columns of an appended event, in `eventColumns` order. */
export const eventValues = (event: NewEvent) => [
  DateTime.toEpochMillis(event.occurredAt),
  event.actorId,
  event.type,
  event.entityType,
  event.entityId,
  event.clientId,
  event.projectId,
  event.assigneeId,
  JSON.stringify(event.changes)
]

/** The columns `eventValues` fills. */
export const eventColumns = "occurredAt, actorId, type, entityType, entityId, clientId, projectId, assigneeId, changes"

/** An appended event with the sequence its row got. */
export const appendedEvent = (event: NewEvent, sequence: unknown): DomainEvent =>
  makeEvent({ ...event, sequence: Number(sequence) })

/** The event log as an append-only table: the reads every adapter shares, and the adapter's own append (how a
 * sequence is taken is where they differ); appends join the caller's transaction. */
export const makeEventLog = (
  db: Db,
  append: (events: ReadonlyArray<NewEvent>) => Effect.Effect<ReadonlyArray<DomainEvent>, StorageError>
) =>
  EventLog.of({
    append,
    readAfter: (after, limit, filter) => {
      const condition = where([fragment("sequence > ?", after), ...conditions(filter)])
      return db.runDecoded(
        EventRow,
        "events.readAfter",
        `SELECT * FROM events WHERE ${condition.text} ORDER BY sequence ASC LIMIT ?`,
        [...condition.params, limit]
      )
    },
    readBefore: (before, limit, filter) => {
      const condition = where(
        before === null ? conditions(filter) : [fragment("sequence < ?", before), ...conditions(filter)]
      )
      return db.runDecoded(
        EventRow,
        "events.readBefore",
        `SELECT * FROM events WHERE ${condition.text} ORDER BY sequence DESC LIMIT ?`,
        [...condition.params, limit]
      )
    },
    latestSequence: Effect.map(
      db.runDecoded(
        Schema.Struct({ n: Schema.Number }),
        "events.latest",
        "SELECT COALESCE(MAX(sequence), 0) AS n FROM events"
      ),
      (rows) => rows[0]?.n ?? 0
    )
  })
