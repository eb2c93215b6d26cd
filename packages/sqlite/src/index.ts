/** @agency-crm/sqlite: the storage adapter on SQLite (better-sqlite3 through @effect/sql-sqlite-node). */

export * as SqliteStore from "./SqliteStore.js"
export { LATEST_MIGRATION } from "./migrations/index.js"
export * from "./OpenErrors.js"
export type { SqlMigrations as SqliteMigrations } from "@agency-crm/sql"
