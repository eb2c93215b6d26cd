import { PluginStartFailed, PluginTables } from "@agency-crm/core"
import { Migrator, SqlClient } from "@effect/sql"
import { Cause, Effect } from "effect"

/** A plugin's migrations for one adapter: `"0001_name"` → an effect run with the store's `SqlClient` (as the core's
 * are). */
export type SqlMigrations = Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>

const safeName = /^[a-z][a-z0-9_]*$/

/** Runs the entry of a plugin's tables named `adapter` with `@effect/sql`'s migrator, tracked in a table of the
 * plugin's own (`plugin_<name>_migrations`), so each plugin's schema version moves on its own. */
export const makePluginTables = (sql: SqlClient.SqlClient, adapter: string) =>
  PluginTables.of({
    adapter,
    migrate: (plugin, tables) => {
      const refuse = (message: string) => Effect.fail(new PluginStartFailed({ plugin, message }))
      const own = tables[adapter] as SqlMigrations | undefined
      if (own === undefined) {
        return refuse(
          `the plugin ${plugin} declares tables but none for the ${adapter} adapter (it has: ${Object.keys(tables).join(", ")})`
        )
      }
      if (!safeName.test(plugin)) {
        return refuse(`the plugin name ${plugin} cannot name tables: use lowercase letters, digits and underscores`)
      }
      const table = `plugin_${plugin}_migrations`
      const known = Math.max(0, ...Object.keys(own).map((id) => Number.parseInt(id, 10)))
      // Like the core's schema: tables written by a newer version of the plugin are refused, not used blindly.
      const checkVersion = Effect.flatMap(
        sql<{ found: number | null }>`SELECT MAX(migration_id) AS found FROM ${sql(table)}`.pipe(
          Effect.catchAll(() => Effect.succeed([{ found: null }]))
        ),
        ([row]) => {
          const found = Number(row?.found ?? 0)
          return found > known
            ? refuse(
                `the tables of the plugin ${plugin} have version ${found}, newer than the ${known} this version of the plugin knows; upgrade the plugin`
              )
            : Effect.void
        }
      )
      return Effect.zipRight(
        checkVersion,
        Migrator.make({})({ loader: Migrator.fromRecord(own), table }).pipe(
          Effect.provideService(SqlClient.SqlClient, sql),
          Effect.asVoid,
          Effect.catchAllCause((cause) =>
            refuse(`migrating the tables of the plugin ${plugin} failed: ${Cause.pretty(cause).split("\n")[0]}`)
          )
        )
      )
    }
  })
