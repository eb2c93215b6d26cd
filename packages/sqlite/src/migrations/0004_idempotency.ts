import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// The outcomes of requests made with idempotency keys, one per key and credential; purged by age.
const statements = [
  `CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body TEXT NOT NULL,
    createdAt INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX idempotency_keys_by_created ON idempotency_keys (createdAt)`
]

/** The idempotency-key table. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
