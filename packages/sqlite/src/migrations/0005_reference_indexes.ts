import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Deleting an entity looks up everything that refers to it (core's declared reference rules); each reference
// column that had no index gets one, in the order of its aggregate's default sort, so both the count of a
// `restrict` check and the pages of a cascade or a cleared reference are index seeks.
const statements = [
  `CREATE INDEX interactions_by_logger ON interactions (loggedById, occurredAt, id)`,
  `CREATE INDEX tasks_by_origin ON tasks (originInteractionId, createdAt, id)`,
  `CREATE INDEX projects_by_feedback ON projects (feedbackInteractionId, createdAt, id)`,
  `CREATE INDEX allocations_by_client ON allocations (clientId, createdAt, id)`,
  `CREATE INDEX reviews_by_client ON reviews (clientId, reviewedAt, id)`,
  `CREATE INDEX reviews_by_reviewer ON reviews (reviewerId, reviewedAt, id)`
]

/** Indexes on the reference columns that had none. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
