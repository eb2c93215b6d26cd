import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// The sales reports read opportunities by when they closed and by the date of their sales order.
const statements = [
  `CREATE INDEX opportunities_by_closed ON opportunities (closedAt, id)`,
  `CREATE INDEX opportunities_by_sold ON opportunities (salesOrderDate, id)`
]

/** Indexes for the period filters of the sales reports. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
