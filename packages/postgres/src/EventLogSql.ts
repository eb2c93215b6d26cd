import type { NewEvent } from "@agency-crm/core"
import { appendedEvent, type Db, eventColumns, eventValues, makeEventLog } from "@agency-crm/sql"
import { Effect } from "effect"

/** The channel on which committed appends are announced (their last sequence). */
export const EVENTS_CHANNEL = "agency_crm_events"

// Appends are serialised by a lock held until the writing transaction ends, so a sequence is taken only after every
// earlier one has committed or rolled back: sequence order is commit order, and the log stays gap-free. A reader that
// has seen N can never later meet a newly committed event below N.
const lockSql = "SELECT pg_advisory_xact_lock(7245091)"
const insertSql = `INSERT INTO events (sequence, ${eventColumns})
  VALUES ((SELECT COALESCE(MAX(sequence), 0) + 1 FROM events), ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence`

/** The event log: the shared reads, and appends numbered under the lock and announced with NOTIFY. */
export const makePostgresEventLog = (db: Db) =>
  makeEventLog(db, (events: ReadonlyArray<NewEvent>) =>
    events.length === 0
      ? Effect.succeed([])
      : Effect.zipRight(
          db.run("events.lock", lockSql),
          Effect.forEach(events, (event) =>
            Effect.map(db.run("events.append", insertSql, eventValues(event)), (rows) =>
              appendedEvent(event, rows[0]?.["sequence"])
            )
          )
        ).pipe(
          // Delivered when (and only if) the transaction commits, to every server listening (see `notifications`).
          Effect.tap((appended) =>
            db.run("events.notify", "SELECT pg_notify(?, ?)", [
              EVENTS_CHANNEL,
              String(appended[appended.length - 1]!.sequence)
            ])
          )
        )
  )
