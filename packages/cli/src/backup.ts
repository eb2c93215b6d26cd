import { Args, Command, Options } from "@effect/cli"
import Database from "better-sqlite3"
import { Console, Effect } from "effect"
import { existsSync, rmSync, statSync } from "node:fs"
import { resolve } from "node:path"
import { databaseOption, shown, type Target, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { latestFor, sqliteVersion } from "./schemaVersion.js"

const force = Options.boolean("force").pipe(Options.withDescription("Replace the destination when it exists"))

const sqliteOnly = (target: Target, what: string): Effect.Effect<string, CommandFailed> =>
  target._tag === "Sqlite"
    ? Effect.succeed(target.filename)
    : Effect.fail(
        new CommandFailed({
          message: `${what} works on SQLite files; for PostgreSQL (${shown(target)}) use pg_dump and pg_restore`
        })
      )

const failure = (what: string) => (cause: unknown) =>
  new CommandFailed({ message: `${what}: ${cause instanceof Error ? cause.message : String(cause)}` })

/** `PRAGMA integrity_check` of a SQLite file, and its latest event sequence. */
const verify = (filename: string) =>
  Effect.try({
    try: () => {
      const db = new Database(filename, { readonly: true, fileMustExist: true })
      try {
        const result = db.pragma("integrity_check", { simple: true })
        const events = db.prepare("SELECT COALESCE(MAX(sequence), 0) AS n FROM events").get() as { n: number }
        return { ok: result === "ok", detail: String(result), latestSequence: events.n }
      } finally {
        db.close()
      }
    },
    catch: failure(`checking ${filename}`)
  })

/** `agency-crm backup <file>`: a consistent copy of the SQLite database while the server keeps writing (SQLite's
 * online backup), checked with `integrity_check`. */
export const backup = Command.make(
  "backup",
  { database: databaseOption, file: Args.file({ name: "file" }), force },
  ({ database, file, force }) =>
    Effect.gen(function* () {
      const source = yield* sqliteOnly(targetOf(database), "backup")
      const destination = resolve(file)
      if (!existsSync(source)) return yield* new CommandFailed({ message: `no database at ${source}` })
      if (existsSync(destination) && !force) {
        return yield* new CommandFailed({ message: `${destination} exists; pass --force to replace it` })
      }
      if (destination === source) return yield* new CommandFailed({ message: "the backup must go to another file" })
      yield* Effect.tryPromise({
        try: async () => {
          rmSync(destination, { force: true })
          const db = new Database(source, { readonly: true, fileMustExist: true })
          try {
            // Page by page, letting the writers in between; a page written meanwhile is copied again.
            await db.backup(destination)
          } finally {
            db.close()
          }
        },
        catch: failure(`backing up ${source}`)
      })
      const checked = yield* verify(destination)
      if (!checked.ok) {
        rmSync(destination, { force: true })
        return yield* new CommandFailed({ message: `the copy failed its integrity check (${checked.detail}); removed` })
      }
      yield* Console.log(
        `backed up ${source} to ${destination} (${statSync(destination).size} bytes, events up to ${checked.latestSequence}, integrity ok)`
      )
    })
).pipe(Command.withDescription("Copy the SQLite database to <file> while it is in use, and check the copy"))

/** `agency-crm restore <file>`: puts a backup in place of the database, after checking it; refuses a database in use. */
export const restore = Command.make(
  "restore",
  { database: databaseOption, file: Args.file({ name: "file", exists: "yes" }), force },
  ({ database, file, force }) =>
    Effect.gen(function* () {
      const target = targetOf(database)
      const destination = yield* sqliteOnly(target, "restore")
      const source = resolve(file)
      const version = yield* sqliteVersion(source)
      const latest = latestFor(target)
      if (version === null || version === 0) {
        return yield* new CommandFailed({ message: `${source} is not an Agency CRM database` })
      }
      if (version > latest) {
        return yield* new CommandFailed({
          message: `${source} has schema version ${version}, newer than the ${latest} this version supports; upgrade agency-crm`
        })
      }
      const checked = yield* verify(source)
      if (!checked.ok)
        return yield* new CommandFailed({ message: `${source} fails its integrity check: ${checked.detail}` })
      if (existsSync(destination) && !force) {
        return yield* new CommandFailed({
          message: `${destination} exists; pass --force to replace it (stop the server first)`
        })
      }
      yield* Effect.tryPromise({
        try: async () => {
          if (existsSync(destination)) {
            // A database a server holds open cannot be replaced under it: take its write lock, without waiting.
            const current = new Database(destination, { timeout: 0 })
            try {
              current.exec("BEGIN EXCLUSIVE; COMMIT")
            } catch {
              throw new Error(`${destination} is in use (stop the server first)`)
            } finally {
              current.close()
            }
          }
          const db = new Database(source, { readonly: true, fileMustExist: true })
          try {
            await db.backup(destination)
          } finally {
            db.close()
          }
        },
        catch: failure(`restoring ${source}`)
      })
      yield* Console.log(
        `restored ${source} to ${destination} (schema version ${version}, events up to ${checked.latestSequence}); run \`agency-crm migrate\` or start the server to bring it to ${latest}`
      )
    })
).pipe(Command.withDescription("Replace the SQLite database with a backup, after checking it"))
