import { Context, type Effect } from "effect"
import type { PluginStartFailed } from "../domain/PluginErrors.js"

/** The migrations of a plugin's own tables, one set per adapter name (`sqlite`, `postgres`, `memory`); each adapter
 * reads only its own entry, in the form it documents. */
export type PluginTableMigrations = { readonly [adapter: string]: unknown }

/** Runs a plugin's own migrations on the adapter's storage, versioned per plugin like the core's. */
export interface PluginTablesService {
  /** The adapter's name: the key it reads in a plugin's `tables`. */
  readonly adapter: string
  /** Applies the pending migrations of `plugin` (its entry under `adapter`), all or none; fails when the plugin
   * declares tables but none for this adapter. */
  readonly migrate: (plugin: string, tables: PluginTableMigrations) => Effect.Effect<void, PluginStartFailed>
}

/** Runs plugins' own migrations. */
export class PluginTables extends Context.Tag("@agency-crm/core/PluginTables")<PluginTables, PluginTablesService>() {}
