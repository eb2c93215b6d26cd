/** @agency-crm/sql: the SQL the storage adapters share (SQLite and PostgreSQL take the same text here); each adapter
 * brings how it runs a statement, how it takes an event sequence, its search and its transactions. */

export * from "./sql.js"
export * from "./columns.js"
export * from "./rows.js"
export * from "./Table.js"
export { tableFor, tables } from "./tables.js"
export { appendedEvent, eventColumns, eventValues, makeEventLog } from "./EventLogSql.js"
export { makeApiKeyLookup } from "./ApiKeyLookupSql.js"
export { makeConsumerPositions } from "./ConsumerPositionsSql.js"
export { type ErasureParts, makeErasure } from "./ErasureSql.js"
export { makeIdempotencyRepository } from "./IdempotencyRepositorySql.js"
export { makePluginTables, type SqlMigrations } from "./PluginTablesSql.js"
export { makeTaskStatistics } from "./TaskStatisticsSql.js"
export { type AdapterParts, SearchHitRow, storagePorts } from "./ports.js"
