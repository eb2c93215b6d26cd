import { assert, describe, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { LATEST_MIGRATION } from "../src/migrations/index.js"
import { PostgresStore } from "../src/index.js"
import { freshSchema, urlOf } from "./support.js"

describe("opening a PostgreSQL store", () => {
  it.live("servers starting at once on a new database migrate it once, without racing", () =>
    Effect.gen(function* () {
      const url = urlOf(yield* freshSchema)
      const open = Effect.scoped(
        Effect.flatMap(Layer.build(PostgresStore.layer({ url, maxConnections: 2 })), () => Effect.void)
      )
      yield* Effect.all([open, open, open, open], { concurrency: "unbounded" })
      const applied = yield* Effect.scoped(
        Effect.flatMap(Layer.build(PostgresStore.layer({ url, maxConnections: 1 })), (context) => {
          const sql = context.unsafeMap.get(SqlClient.SqlClient.key) as SqlClient.SqlClient
          return sql<{ migration_id: number }>`SELECT migration_id FROM effect_sql_migrations`
        })
      )
      // Each migration applied once, in order.
      assert.deepStrictEqual(
        applied.map((row) => Number(row.migration_id)).sort((a, b) => a - b),
        Array.from({ length: LATEST_MIGRATION }, (_, i) => i + 1)
      )
    }).pipe(Effect.scoped)
  )

  it.live("an unreachable server is a typed open failure that names the cause", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.scoped(Layer.build(PostgresStore.layer({ url: "postgres://postgres@127.0.0.1:1/none" })))
      )
      assert.strictEqual(error._tag, "PostgresOpenFailed")
      assert.include(error.message, "connecting to PostgreSQL failed")
    })
  )
})
