import type { NewEvent } from "@agency-crm/core"
import { appendedEvent, type Db, eventColumns, eventValues, makeEventLog } from "@agency-crm/sql"
import { Effect } from "effect"

// INTEGER PRIMARY KEY takes the next number under the write lock a transaction holds: commit order is sequence order.
const insertSql = `INSERT INTO events (${eventColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence`

/** The event log: the shared reads, and appends numbered by SQLite's rowid. */
export const makeSqliteEventLog = (db: Db) =>
  makeEventLog(db, (events: ReadonlyArray<NewEvent>) =>
    Effect.forEach(events, (event) =>
      Effect.map(db.run("events.append", insertSql, eventValues(event)), (rows) =>
        appendedEvent(event, rows[0]?.["sequence"])
      )
    )
  )
