import { Search, Tasks } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { join } from "node:path"
import { SqliteStore } from "../src/index.js"
import { aProject, asSystem, servicesOn, tempDir } from "./support.js"

describe("SqliteStore.optimize", () => {
  it.scoped("merges the search index into one segment; searches find the same hits", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const result = yield* asSystem(
        Effect.gen(function* () {
          const { project } = yield* aProject
          // One transaction per task: each adds its own full-text segment.
          for (let i = 0; i < 30; i++) {
            yield* (yield* Tasks).create({ projectId: project.id, title: `Keyword audit ${i}` })
          }
          const sql = yield* SqlClient.SqlClient
          const segments = Effect.map(
            sql<{ n: number }>`SELECT COUNT(DISTINCT segid) AS n FROM search_fts_idx`,
            (rows) => rows[0]!.n
          )
          const search = Effect.map(
            Effect.flatMap(Search, (s) => s.search({ q: "audit", limit: 50 })),
            (page) => page.items.map((hit) => hit.entityId)
          )
          const before = { segments: yield* segments, hits: yield* search }
          yield* SqliteStore.optimize
          const after = { segments: yield* segments, hits: yield* search }
          return { before, after }
        })
      ).pipe(Effect.provide(servicesOn(join(dir, "crm.db"))))
      assert.isAbove(result.before.segments, 1)
      assert.strictEqual(result.after.segments, 1)
      assert.strictEqual(result.before.hits.length, 30)
      assert.deepStrictEqual(result.after.hits, result.before.hits)
    })
  )
})
