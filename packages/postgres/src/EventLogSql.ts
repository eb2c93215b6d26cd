import { Codec, DomainEvent, EventLog, type EventFilter, type NewEvent } from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { DateTime, Effect, Schema } from "effect"
import { EventRow } from "./rows.js"
import { type Fragment, fragment, inList, run, runDecoded, where } from "./sql.js"

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

// Appends are serialised by a lock held until the writing transaction ends, so a sequence is taken only after every
// earlier one has committed or rolled back: sequence order is commit order, and the log stays gap-free. A reader that
// has seen N can never later meet a newly committed event below N.
/** The channel on which committed appends are announced (their last sequence). */
export const EVENTS_CHANNEL = "agency_crm_events"

const lockSql = "SELECT pg_advisory_xact_lock(7245091)"
const insertSql = `INSERT INTO events (sequence, occurredAt, actorId, type, entityType, entityId, clientId, projectId, assigneeId, changes)
  VALUES ((SELECT COALESCE(MAX(sequence), 0) + 1 FROM events), ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence`

/** The event log as an append-only table; appends join the caller's transaction. */
export const makeEventLog = (sql: SqlClient.SqlClient) =>
  EventLog.of({
    append: (events: ReadonlyArray<NewEvent>) =>
      Effect.zipRight(
        events.length === 0 ? Effect.void : Effect.asVoid(run(sql, "events.lock", lockSql)),
        Effect.forEach(events, (event) =>
          Effect.map(
            run(sql, "events.append", insertSql, [
              DateTime.toEpochMillis(event.occurredAt),
              event.actorId,
              event.type,
              event.entityType,
              event.entityId,
              event.clientId,
              event.projectId,
              event.assigneeId,
              JSON.stringify(event.changes)
            ]),
            (rows) => makeEvent({ ...event, sequence: Number(rows[0]?.["sequence"]) })
          )
        ).pipe(
          // Delivered when (and only if) the transaction commits, to every server listening (see `notifications`).
          Effect.tap((appended) =>
            appended.length === 0
              ? Effect.void
              : run(sql, "events.notify", "SELECT pg_notify(?, ?)", [
                  EVENTS_CHANNEL,
                  String(appended[appended.length - 1]!.sequence)
                ])
          )
        )
      ),
    readAfter: (after, limit, filter) => {
      const condition = where([fragment("sequence > ?", after), ...conditions(filter)])
      return runDecoded(
        sql,
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
      return runDecoded(
        sql,
        EventRow,
        "events.readBefore",
        `SELECT * FROM events WHERE ${condition.text} ORDER BY sequence DESC LIMIT ?`,
        [...condition.params, limit]
      )
    },
    latestSequence: Effect.map(
      runDecoded(
        sql,
        Schema.Struct({ n: Schema.Number }),
        "events.latest",
        "SELECT COALESCE(MAX(sequence), 0) AS n FROM events"
      ),
      (rows) => rows[0]?.n ?? 0
    )
  })
