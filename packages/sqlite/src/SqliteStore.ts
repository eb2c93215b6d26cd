import type { StoragePorts } from "@agency-crm/core"
import * as Reactivity from "@effect/experimental/Reactivity"
import { Migrator, SqlClient, type SqlError } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import Database from "better-sqlite3"
import { Context, Duration, Effect, Layer } from "effect"
import { existsSync, statSync } from "node:fs"
import { makeSqliteEventLog } from "./EventLogSql.js"
import { executeOn } from "./execute.js"
import { LATEST_MIGRATION, migrations } from "./migrations/index.js"
import { directRunnerOf, makeClient } from "./Connection.js"
import { DatabaseOpenFailed, DatabaseTooNew, NotASqliteDatabase, type OpenError } from "./OpenErrors.js"
import { makeDb, storagePorts } from "@agency-crm/sql"
import { makeSearchIndex } from "./SearchIndexSql.js"
import { purgeAfterErasure } from "./purge.js"
import { makeTransaction } from "./Transaction.js"

/** Where the store lives when no file name is given. */
export const DEFAULT_FILENAME = "./agency-crm.db"

/** How the SQLite store is opened. */
export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a private in-memory database. Default `./agency-crm.db`. */
  readonly filename?: string | undefined
  /** `FULL` (default) survives power loss; `NORMAL` is faster in WAL mode and may lose the last commits. */
  readonly synchronous?: "FULL" | "NORMAL" | undefined
  /** How long a writer waits for another process's write lock. Default 10 seconds. */
  readonly busyTimeout?: Duration.DurationInput | undefined
  /** Prepared statements kept for reuse. Default 500. */
  readonly prepareCacheSize?: number | undefined
}

// Checked with a separate read-only connection before anything can write to the file: a file that is not
// a database, or one written by a newer adapter, is refused byte-for-byte untouched.
const preOpenCheck = (filename: string): Effect.Effect<void, OpenError> =>
  Effect.suspend((): Effect.Effect<void, OpenError> => {
    if (!existsSync(filename) || statSync(filename).size === 0) return Effect.void
    let db: Database.Database | undefined
    try {
      db = new Database(filename, { readonly: true, fileMustExist: true })
      db.pragma("schema_version")
      const tracked = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'effect_sql_migrations'")
        .get()
      if (tracked === undefined) return Effect.void
      const row = db.prepare("SELECT MAX(migration_id) AS found FROM effect_sql_migrations").get() as
        { found: number | null } | undefined
      const found = row?.found ?? 0
      return found > LATEST_MIGRATION
        ? Effect.fail(
            new DatabaseTooNew({
              filename,
              found,
              supported: LATEST_MIGRATION,
              message: `${filename} has schema version ${found}, newer than the ${LATEST_MIGRATION} this version of @agency-crm/sqlite supports; upgrade the library to open it`
            })
          )
        : Effect.void
    } catch (cause) {
      const code = (cause as { code?: unknown }).code
      return code === "SQLITE_NOTADB"
        ? Effect.fail(new NotASqliteDatabase({ filename, message: `${filename} is not a SQLite database` }))
        : Effect.fail(new DatabaseOpenFailed({ filename, message: `cannot read ${filename}: ${String(cause)}`, cause }))
    } finally {
      db?.close()
    }
  })

const failed = (filename: string, what: string) => (cause: unknown) =>
  new DatabaseOpenFailed({
    filename,
    message: `${what} ${filename} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause
  })

/** Sets the pragmas the adapter relies on and reads them back, so a silently ignored one is an error. */
const configure = (sql: SqlClient.SqlClient, filename: string, options: SqliteStoreOptions) =>
  Effect.gen(function* () {
    const memory = filename === ":memory:"
    const busy = Duration.toMillis(options.busyTimeout ?? "10 seconds")
    const synchronous = options.synchronous ?? "FULL"
    const expected: ReadonlyArray<readonly [string, string | number]> = [
      ...(memory ? [] : [["journal_mode", "wal"] as const]),
      ["foreign_keys", 1],
      ["busy_timeout", busy],
      ["synchronous", synchronous === "FULL" ? 2 : 1],
      ["secure_delete", 1]
    ]
    if (!memory) yield* sql.unsafe("PRAGMA journal_mode = WAL")
    yield* sql.unsafe("PRAGMA foreign_keys = ON")
    yield* sql.unsafe(`PRAGMA busy_timeout = ${busy}`)
    yield* sql.unsafe(`PRAGMA synchronous = ${synchronous}`)
    // Deleted and overwritten content is zeroed, not left in free pages: an erased person stays erased.
    yield* sql.unsafe("PRAGMA secure_delete = ON")
    for (const [pragma, value] of expected) {
      const [row] = yield* sql.unsafe<Record<string, unknown>>(`PRAGMA ${pragma}`)
      const actual = row === undefined ? undefined : Object.values(row)[0]
      if (actual !== value) {
        return yield* new DatabaseOpenFailed({
          filename,
          message: `PRAGMA ${pragma} is ${String(actual)} on ${filename}, expected ${value}`
        })
      }
    }
  })

/** Every core storage port over the SQL client in context: a repository per registered aggregate, on its table. */
export const makePorts = Effect.map(SqlClient.SqlClient, (sql) => {
  const db = makeDb(executeOn(sql))
  return storagePorts(db, sql, {
    adapter: "sqlite",
    eventLog: makeSqliteEventLog(db),
    searchIndex: makeSearchIndex(db),
    transaction: makeTransaction(sql),
    erasure: {
      allow: ["INSERT INTO erasure_in_progress (id) VALUES (1)"],
      disallow: ["DELETE FROM erasure_in_progress"],
      purge: purgeAfterErasure(db)
    }
  })
})

/** Runs the pending migrations (all in one transaction) on the SQL client in context. */
export const migrate = Migrator.make({})({ loader: migrations })

const open = (options: SqliteStoreOptions) =>
  Effect.gen(function* () {
    const filename = options.filename ?? DEFAULT_FILENAME
    if (filename !== ":memory:") yield* preOpenCheck(filename)
    const client = yield* makeClient({ filename, prepareCacheSize: options.prepareCacheSize ?? 500 }).pipe(
      Effect.mapError(failed(filename, "opening")),
      // The driver throws on a missing directory or an unwritable path.
      Effect.catchAllDefect((defect) => Effect.fail(failed(filename, "opening")(defect)))
    )
    yield* configure(client, filename, options).pipe(
      Effect.catchTag("SqlError", (e) => Effect.fail(failed(filename, "configuring")(e)))
    )
    yield* migrate.pipe(
      Effect.provideService(SqlClient.SqlClient, client),
      Effect.catchAllCause((cause) => Effect.fail(failed(filename, "migrating")(cause)))
    )
    const ports = yield* Effect.provideService(makePorts, SqlClient.SqlClient, client)
    return ports.pipe(Context.add(SqlClient.SqlClient, client), Context.add(SqliteClient.SqliteClient, client))
  })

/** Every storage port on a SQLite file: opened, checked, configured and migrated when the layer is built. */
export const layer = (
  options: SqliteStoreOptions = {}
): Layer.Layer<StoragePorts | SqlClient.SqlClient | SqliteClient.SqliteClient, OpenError> =>
  Layer.scopedContext(open(options)).pipe(Layer.provide(Reactivity.layer))

/** Every storage port on a private in-memory database (a fresh one each time the layer is built). */
export const layerMemory: Layer.Layer<StoragePorts | SqlClient.SqlClient | SqliteClient.SqliteClient, OpenError> =
  layer({ filename: ":memory:" })

/** Calls `listener` with the text of every statement the adapter runs on `sql` (a client of this adapter)
 * until the returned function is called: for query-plan checks and benchmarks. */
export const observeStatements = (sql: SqlClient.SqlClient, listener: (text: string) => void): (() => void) =>
  directRunnerOf(sql)?.observe(listener) ?? (() => undefined)

/**
 * Compacts the search index into one segment and refreshes the query planner's statistics: run it after a
 * bulk import, or off-peak on a large store. Every write adds a small full-text segment that FTS5 merges
 * only gradually, and a prefix search visits each one (at a million tasks, a rare-word search went from
 * 410 to 76 µs in SQLite). Takes the write lock for its duration (seconds at a million rows).
 */
export const optimize: Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient> = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    Effect.asVoid(Effect.zipRight(sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`, sql`PRAGMA optimize`))
)
