import { PluginStartFailed, PluginTables } from "@agency-crm/core"
import { Migrator, SqlClient } from "@effect/sql"
import { Cause, Effect } from "effect"

/** A plugin's SQLite migrations: `"0001_name"` → an effect run with the store's `SqlClient` (as the core's are). */
export type SqliteMigrations = Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>

const safeName = /^[a-z][a-z0-9_]*$/

/** Runs the `sqlite` entry of a plugin's tables with `@effect/sql`'s migrator, tracked in a table of the plugin's
 * own (`plugin_<name>_migrations`), so each plugin's schema version moves on its own. */
export const makePluginTables = (sql: SqlClient.SqlClient) =>
  PluginTables.of({
    adapter: "sqlite",
    migrate: (plugin, tables) => {
      const refuse = (message: string) => Effect.fail(new PluginStartFailed({ plugin, message }))
      const own = tables["sqlite"] as SqliteMigrations | undefined
      if (own === undefined) {
        return refuse(
          `the plugin ${plugin} declares tables but none for the sqlite adapter (it has: ${Object.keys(tables).join(", ")})`
        )
      }
      if (!safeName.test(plugin)) {
        return refuse(`the plugin name ${plugin} cannot name tables: use lowercase letters, digits and underscores`)
      }
      return Migrator.make({})({ loader: Migrator.fromRecord(own), table: `plugin_${plugin}_migrations` }).pipe(
        Effect.provideService(SqlClient.SqlClient, sql),
        Effect.asVoid,
        Effect.catchAllCause((cause) =>
          refuse(`migrating the tables of the plugin ${plugin} failed: ${Cause.pretty(cause).split("\n")[0]}`)
        )
      )
    }
  })
