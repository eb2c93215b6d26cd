import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// The reports read opportunities by when they closed and by the date of their sales order, interactions by
// direction, and tasks by when they were completed.
const statements = [
  `CREATE INDEX interactions_by_direction ON interactions (direction, occurredAt, id)`,
  `CREATE INDEX tasks_by_completed ON tasks (completedAt, id)`,
  `CREATE INDEX opportunities_by_closed ON opportunities (closedAt, id)`,
  `CREATE INDEX opportunities_by_sold ON opportunities (salesOrderDate, id)`
]

/** Indexes for the period filters of the reports. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
