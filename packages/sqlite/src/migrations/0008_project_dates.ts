import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Projects record when they first became active and when they were cancelled (project duration and retention
// are measured from them; the reports read projects by both). Existing projects take both from the event log, which holds every status change.
const statusReached = (status: string, pick: "MIN" | "MAX") =>
  `(SELECT ${pick}(e.occurredAt) FROM events e, json_each(e.changes) c
     WHERE e.entityType = 'project' AND e.entityId = projects.id
       AND json_extract(c.value, '$.field') = 'status' AND json_extract(c.value, '$.after') = '${status}')`

const statements = [
  `ALTER TABLE projects ADD COLUMN activatedAt INTEGER`,
  `ALTER TABLE projects ADD COLUMN cancelledAt INTEGER`,
  `UPDATE projects SET activatedAt = ${statusReached("active", "MIN")}`,
  `UPDATE projects SET cancelledAt = ${statusReached("cancelled", "MAX")} WHERE status = 'cancelled'`,
  `CREATE INDEX projects_by_activated ON projects (activatedAt, id)`,
  `CREATE INDEX projects_by_completed ON projects (completedAt, id)`,
  `CREATE INDEX projects_by_cancelled ON projects (cancelledAt, id)`
]

/** Project activation and cancellation instants, backfilled from the event log. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
