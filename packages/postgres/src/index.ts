/** @agency-crm/postgres: the storage adapter on PostgreSQL (@effect/sql-pg). */

export * as PostgresStore from "./PostgresStore.js"
export { LATEST_MIGRATION } from "./migrations/index.js"
export type { PostgresMigrations } from "./PluginTablesSql.js"
