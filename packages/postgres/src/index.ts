/** @agency-crm/postgres: the storage adapter on PostgreSQL (@effect/sql-pg). */

export * as PostgresStore from "./PostgresStore.js"
export { LATEST_MIGRATION } from "./migrations/index.js"
export type { SqlMigrations as PostgresMigrations } from "@agency-crm/sql"
