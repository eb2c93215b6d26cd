import Database from "better-sqlite3"

/** A better-sqlite3 connection with the pragmas the adapter sets (WAL, synchronous FULL, foreign keys). */
export const openRaw = (filename: string, options: { readonly readonly?: boolean } = {}): Database.Database => {
  const db = new Database(filename, { readonly: options.readonly === true })
  db.pragma("busy_timeout = 10000")
  if (options.readonly !== true) {
    db.pragma("journal_mode = WAL")
    db.pragma("synchronous = FULL")
    db.pragma("foreign_keys = ON")
  }
  return db
}
