import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// The log stays append-only but for one act: an erasure of personal data rewrites events' change lists, and only
// while it has marked itself in `erasure_in_progress` inside its own transaction. Nothing else about an event
// changes, ever.
const statements = [
  `CREATE TABLE erasure_in_progress (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT`,
  `DROP TRIGGER events_append_only_update`,
  `CREATE TRIGGER events_append_only_update BEFORE UPDATE OF
    sequence, occurredAt, actorId, type, entityType, entityId, clientId, projectId, assigneeId ON events BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
  END`,
  `CREATE TRIGGER events_changes_only_erased BEFORE UPDATE OF changes ON events
    WHEN NOT EXISTS (SELECT 1 FROM erasure_in_progress) BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
  END`
]

/** The erasure exception to the append-only log. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
