import { ConsumerPositions, Plugins } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { join } from "node:path"
import { servicesOn, tempDir } from "./support.js"

const createNotes = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) => sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)`
)
const indexNotes = Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE INDEX notes_by_text ON notes (text)`)

/** A plugin keeping notes in a table of its own; `version` 2 adds an index. */
const notes = (version: 1 | 2) =>
  Plugins.define({
    name: "notes",
    settings: Plugins.NoSettings,
    tables: {
      sqlite:
        version === 1 ? { "0001_notes": createNotes } : { "0001_notes": createNotes, "0002_notes_index": indexNotes }
    },
    make: () =>
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Effect.as(Effect.orDie(sql`INSERT INTO notes (text) VALUES (${`written by version ${version}`})`), {})
      )
  })

const migrationsOf = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    sql<{
      migration_id: number
      name: string
    }>`SELECT migration_id, name FROM plugin_notes_migrations ORDER BY migration_id`
)

describe("plugin tables on SQLite", () => {
  it.effect("a plugin's migrations run once each, versioned on their own; a newer plugin adds only its new ones", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "crm.db")
      const run = <A, E, R>(version: 1 | 2, effect: Effect.Effect<A, E, R>) =>
        Effect.scoped(
          effect.pipe(Effect.provide(Plugins.layer([notes(version)({})]).pipe(Layer.provideMerge(servicesOn(file)))))
        )
      const first = yield* run(1, migrationsOf)
      assert.deepStrictEqual(
        first.map((m) => [m.migration_id, m.name]),
        [[1, "notes"]]
      )
      yield* run(1, Effect.void)
      const second = yield* run(2, migrationsOf)
      assert.deepStrictEqual(
        second.map((m) => [m.migration_id, m.name]),
        [
          [1, "notes"],
          [2, "notes_index"]
        ]
      )
      // Back to version 1 of the plugin: its tables are newer than it knows, so it does not start.
      const downgraded = yield* Effect.flip(
        Layer.build(Plugins.layer([notes(1)({})]).pipe(Layer.provide(servicesOn(file))))
      )
      assert.strictEqual(downgraded._tag, "PluginStartFailed")
      assert.include(downgraded.message, "version 2, newer than the 1")
      const rows = yield* run(
        2,
        Effect.flatMap(SqlClient.SqlClient, (sql) => sql<{ text: string }>`SELECT text FROM notes ORDER BY id`)
      )
      assert.deepStrictEqual(
        rows.map((r) => r.text),
        ["written by version 1", "written by version 1", "written by version 2", "written by version 2"]
      )
    }).pipe(Effect.scoped)
  )

  it.effect(
    "a failing migration stops the start with the plugin's name, and a name that cannot name tables is refused",
    () =>
      Effect.gen(function* () {
        const file = join(yield* tempDir, "crm.db")
        const broken = Plugins.define({
          name: "broken",
          settings: Plugins.NoSettings,
          tables: { sqlite: { "0001_broken": Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE TABLE (`) } },
          make: () => Effect.succeed({})
        })
        const failed = yield* Effect.flip(
          Layer.build(Plugins.layer([broken({})]).pipe(Layer.provide(servicesOn(file))))
        )
        assert.strictEqual(failed._tag, "PluginStartFailed")
        assert.include(failed.message, "broken")
        const badName = Plugins.define({
          name: "Bad-Name",
          settings: Plugins.NoSettings,
          tables: { sqlite: { "0001_x": createNotes } },
          make: () => Effect.succeed({})
        })
        const refused = yield* Effect.flip(
          Layer.build(Plugins.layer([badName({})]).pipe(Layer.provide(servicesOn(file))))
        )
        assert.include(refused.message, "cannot name tables")
      }).pipe(Effect.scoped)
  )

  it.effect("consumer positions survive closing and reopening the database", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "crm.db")
      const onFile = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.scoped(Effect.provide(effect, servicesOn(file)))
      assert.isTrue(Option.isNone(yield* onFile(Effect.flatMap(ConsumerPositions, (p) => p.get("a/b")))))
      yield* onFile(Effect.flatMap(ConsumerPositions, (p) => Effect.zipRight(p.set("a/b", 7), p.set("a/b", 42))))
      assert.deepStrictEqual(yield* onFile(Effect.flatMap(ConsumerPositions, (p) => p.get("a/b"))), Option.some(42))
    }).pipe(Effect.scoped)
  )
})
