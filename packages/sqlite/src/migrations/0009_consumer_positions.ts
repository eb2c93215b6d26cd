import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Where each plugin consumer (and each webhook subscription) stands in the event log, so it resumes after a restart.
const statements = [
  `CREATE TABLE consumer_positions (
    consumer TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`
]

/** The consumer-position table. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
