import { aggregates, type AnyAggregate } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { SqliteStore } from "../src/index.js"

describe("search index", () => {
  it.effect("every aggregate that declares searchable fields has its table's search triggers, and no other", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const rows = yield* sql<{
        readonly name: string
      }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_%'`
      const tables = new Set(rows.map((row) => row.name.replace(/_search_(insert|update|delete)$/, "")))
      const searchable = (aggregates as ReadonlyArray<AnyAggregate>).filter((a) => a.search !== undefined)
      assert.deepStrictEqual([...tables].sort(), searchable.map((a) => a.plural).sort())
      assert.strictEqual(rows.length, searchable.length * 3)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
