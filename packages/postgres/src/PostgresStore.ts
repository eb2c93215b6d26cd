import { EventWakeups, type StoragePorts } from "@agency-crm/core"
import * as Reactivity from "@effect/experimental/Reactivity"
import { Migrator, SqlClient, type SqlError } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Context, Data, Effect, Layer, Redacted, Stream } from "effect"
import Pg from "pg"
import { makeDb, storagePorts } from "@agency-crm/sql"
import { EVENTS_CHANNEL, makePostgresEventLog } from "./EventLogSql.js"
import { schemaText } from "./migrations/0001_schema.js"
import { migrations } from "./migrations/index.js"
import { makeSearchIndex } from "./SearchIndexSql.js"
import { searchDocs } from "./searchDocs.js"
import { executeOn } from "./sql.js"
import { purgeAfterErasure } from "./purge.js"
import { makeTransaction } from "./Transaction.js"

/** How the PostgreSQL store connects. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (`?options=-c%20search_path%3Dschema` picks a schema). */
  readonly url: string
  /** Connections in the pool. Default 10. */
  readonly maxConnections?: number | undefined
}

/** The database could not be reached, configured or migrated. */
export class PostgresOpenFailed extends Data.TaggedError("PostgresOpenFailed")<{
  readonly message: string
  readonly cause?: unknown
}> {}

// Identifiers are unquoted, so PostgreSQL folds them to lower case; result columns get their camelCase names back.
const camelNames = new Map(
  Array.from(new Set(schemaText.match(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g) ?? []), (name) => [name.toLowerCase(), name])
)

const INT8 = 20
// Counts, sequences and epoch milliseconds are BIGINT: well within a JavaScript number.
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    format === "binary"
      ? Pg.types.getTypeParser(oid, "binary")
      : oid === INT8
        ? (value: string) => Number(value)
        : Pg.types.getTypeParser(oid, "text")
} as Pg.CustomTypesConfig

/** Every core storage port over the SQL client in context. */
export const makePorts = Effect.map(SqlClient.SqlClient, (sql) => {
  const db = makeDb(executeOn(sql))
  return storagePorts(db, sql, {
    adapter: "postgres",
    eventLog: makePostgresEventLog(db),
    searchIndex: makeSearchIndex(db),
    transaction: makeTransaction(sql),
    hooks: (aggregate) => searchDocs(db, aggregate.search as Parameters<typeof searchDocs>[1]),
    erasure: {
      allow: ["SELECT set_config('agency_crm.erasing', 'on', true)"],
      disallow: ["SELECT set_config('agency_crm.erasing', '', true)"],
      purge: purgeAfterErasure(db)
    }
  })
})

// Any fixed number: the key of the lock under which servers create the migrations table.
const MIGRATION_LOCK = 7245090

/** Runs the pending migrations (all in one transaction) on the SQL client in context. @effect/sql's migrator makes
 * servers migrating at once take turns (it locks its table), but two of them may both find no table and both create
 * it: the table is created first here, under a lock, as the migrator would. */
export const migrate = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.zipRight(
    sql.withTransaction(
      Effect.zipRight(
        sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`,
        sql`CREATE TABLE IF NOT EXISTS effect_sql_migrations (
          migration_id integer primary key,
          created_at timestamp with time zone not null default now(),
          name text not null
        )`
      )
    ),
    Migrator.make({})({ loader: migrations })
  )
)

const failed = (what: string) => (cause: unknown) =>
  new PostgresOpenFailed({
    message: `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause
  })

const open = (options: PostgresStoreOptions) =>
  Effect.gen(function* () {
    const client = yield* PgClient.make({
      url: Redacted.make(options.url),
      maxConnections: options.maxConnections ?? 10,
      types,
      transformResultNames: (name) => camelNames.get(name) ?? name
    }).pipe(Effect.mapError(failed("connecting to PostgreSQL")))
    yield* migrate.pipe(
      Effect.provideService(SqlClient.SqlClient, client),
      Effect.catchAllCause((cause) => Effect.fail(failed("migrating")(cause)))
    )
    const ports = yield* Effect.provideService(makePorts, SqlClient.SqlClient, client)
    return ports.pipe(Context.add(SqlClient.SqlClient, client), Context.add(PgClient.PgClient, client))
  })

/** Every storage port on a PostgreSQL database: connected and migrated when the layer is built. */
export const layer = (
  options: PostgresStoreOptions
): Layer.Layer<StoragePorts | SqlClient.SqlClient | PgClient.PgClient, PostgresOpenFailed> =>
  Layer.scopedContext(open(options)).pipe(Layer.provide(Reactivity.layer))

/** Wakes this server's live readers (event streams, plugin consumers, webhooks) when another server sharing the
 * database commits events: a LISTEN on the channel the appends NOTIFY, handed to `EventWakeups`. Add it where the
 * CRM's services are built; without it, other servers' commits are seen at the feeds' poll interval. */
export const notifications: Layer.Layer<never, never, PgClient.PgClient | EventWakeups> = Layer.scopedDiscard(
  Effect.gen(function* () {
    const client = yield* PgClient.PgClient
    const wakeups = yield* EventWakeups
    yield* Effect.forkScoped(
      client.listen(EVENTS_CHANNEL).pipe(
        Stream.runForEach((payload) => wakeups.publish(Number(payload))),
        // A dropped connection is listened to again after a pause.
        Effect.catchAll((error) =>
          Effect.logWarning("PostgreSQL notifications stopped; listening again").pipe(
            Effect.annotateLogs({ error: error.message }),
            Effect.zipRight(Effect.sleep("1 second"))
          )
        ),
        Effect.forever
      )
    )
  })
)

export type { SqlError }

export { observeStatements } from "./sql.js"
