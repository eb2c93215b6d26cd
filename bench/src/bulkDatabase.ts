import { SqliteStore } from "@agency-crm/sqlite"
import Database from "better-sqlite3"
import { Effect } from "effect"
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs"

/** Ends a bulk-written database the way a bulk import should, then moves it from `building` to `file`. */
export const finishBulkDatabase = async (db: Database.Database, building: string, file: string): Promise<void> => {
  db.pragma("wal_checkpoint(TRUNCATE)")
  db.exec("ANALYZE")
  db.close()
  // The search index compacted (see SqliteStore.optimize).
  await Effect.runPromise(SqliteStore.optimize.pipe(Effect.provide(SqliteStore.layer({ filename: building }))))
  // Written with synchronous=OFF, gigabytes can still be waiting for writeback: flush them here, or the
  // kernel writes them back during the first measurements at this size.
  const fd = openSync(building, "r+")
  fsyncSync(fd)
  closeSync(fd)
  renameSync(building, file)
  rmSync(`${building}-wal`, { force: true })
  rmSync(`${building}-shm`, { force: true })
}
