import { LATEST_MIGRATION as POSTGRES_LATEST } from "@agency-crm/postgres"
import { LATEST_MIGRATION as SQLITE_LATEST } from "@agency-crm/sqlite"
import Database from "better-sqlite3"
import { Effect } from "effect"
import { existsSync } from "node:fs"
import Pg from "pg"
import { shown, type Target } from "./database.js"
import { CommandFailed } from "./errors.js"

/** The schema version this build writes on `target`'s kind of database. */
export const latestFor = (target: Target): number => (target._tag === "Sqlite" ? SQLITE_LATEST : POSTGRES_LATEST)

/** The schema version of a database (0 for an empty one), read without changing anything; `null` when there is no
 * database there at all. */
export const schemaVersion = (target: Target): Effect.Effect<number | null, CommandFailed> =>
  target._tag === "Sqlite" ? sqliteVersion(target.filename) : postgresVersion(target.url, shown(target))

/** The schema version of a SQLite file, opened read-only. */
export const sqliteVersion = (filename: string): Effect.Effect<number | null, CommandFailed> =>
  Effect.try({
    try: () => {
      if (!existsSync(filename)) return null
      const db = new Database(filename, { readonly: true, fileMustExist: true })
      try {
        const tracked = db
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'effect_sql_migrations'")
          .get()
        if (tracked === undefined) return 0
        const row = db.prepare("SELECT MAX(migration_id) AS version FROM effect_sql_migrations").get() as {
          version: number | null
        }
        return row.version ?? 0
      } finally {
        db.close()
      }
    },
    catch: (cause) =>
      new CommandFailed({
        message: `${filename} cannot be read as a SQLite database: ${cause instanceof Error ? cause.message : String(cause)}`
      })
  })

const postgresVersion = (url: string, where: string): Effect.Effect<number | null, CommandFailed> =>
  Effect.tryPromise({
    try: async () => {
      const client = new Pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
      await client.connect()
      try {
        const result = await client.query("SELECT MAX(migration_id) AS version FROM effect_sql_migrations")
        return Number(result.rows[0]?.version ?? 0)
      } catch (error) {
        // No migrations table yet: an empty database.
        if ((error as { code?: string }).code === "42P01") return 0
        throw error
      } finally {
        await client.end()
      }
    },
    catch: (cause) =>
      new CommandFailed({
        message: `cannot read ${where}: ${cause instanceof Error ? cause.message : String(cause)}`
      })
  })
