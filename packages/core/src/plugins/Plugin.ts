import { type Context, type Duration, Effect, Schema, type Scope } from "effect"
import type { DomainEvent, EventFilter } from "../events/DomainEvent.js"
import type { EventPattern } from "../events/eventPatterns.js"
import { fromParseError } from "../domain/Validation.js"
import type { PluginTableMigrations } from "../ports/PluginTables.js"
import { PluginSettingsInvalid, type PluginStartFailed } from "../domain/PluginErrors.js"
import type { WriteCheck } from "../services/WriteChecks.js"

/** A reader of the event log after commit, from a durable position of its own: at least once, in order. */
export interface Consumer<R = never> {
  /** Unique within its plugin; with the plugin's name, the key of its durable position. */
  readonly name: string
  /** The event types it handles; the others are passed over. Default: all. */
  readonly events?: ReadonlyArray<EventPattern> | undefined
  /** Which events it reads at all (by client, project, entity). Default: all. */
  readonly filter?: EventFilter | undefined
  /** Where a consumer without a position starts: the whole log (`beginning`, the default) or only what is
   * committed after it first runs (`end`). */
  readonly startAt?: "beginning" | "end" | undefined
  /** Handles one event, as the system actor. A failure (or defect) is retried with exponential backoff and jitter,
   * from `retry.initial` (default 100 ms) up to `retry.max` (default 1 minute) between attempts, until it succeeds;
   * the consumer waits meanwhile, nothing else does. Make it idempotent: after a crash it may see an event again. */
  readonly handle: (event: DomainEvent) => Effect.Effect<void, unknown, R>
  readonly retry?:
    | { readonly initial?: Duration.DurationInput | undefined; readonly max?: Duration.DurationInput | undefined }
    | undefined
}

/** What a started plugin adds to the CRM. */
export interface Contribution<Provides = never, R = never> {
  /** Rules run inside writes, in their transaction. */
  readonly checks?: ReadonlyArray<WriteCheck<R>> | undefined
  /** Readers of the event log after commit. */
  readonly consumers?: ReadonlyArray<Consumer<R>> | undefined
  /** Services the plugin offers (to its endpoints, to the embedding code). */
  readonly services?: Context.Context<Provides> | undefined
}

/** A plugin, ready to be added to the list the CRM is built with. */
export interface Plugin<Name extends string = string, Provides = never, R = never> {
  readonly name: Name
  /** Its own tables' migrations, per adapter name (see `PluginTables`). */
  readonly tables: PluginTableMigrations
  /** Validates its settings and starts it, in the scope of the CRM: what it contributes. */
  readonly start: Effect.Effect<Contribution<Provides, R>, PluginSettingsInvalid | PluginStartFailed, R | Scope.Scope>
}

/** Any plugin (one that offers no services too: a context's type is invariant, and `any` does not stand for `never`). */
export type AnyPlugin = Plugin<string, any, any> | Plugin<string, never, any>

/** What a plugin offers. */
export type ProvidesOf<P> = P extends Plugin<any, infer Provides, any> ? Provides : never

/** What a plugin needs from the CRM it is added to. */
export type RequiresOf<P> = P extends Plugin<any, any, infer R> ? R : never

/** How a plugin is declared. */
export interface PluginSpec<Name extends string, S extends Schema.Schema.AnyNoContext, Provides, R> {
  /** Unique among the CRM's plugins: it names the plugin's positions, tables and errors. */
  readonly name: Name
  /** The schema its settings must match; checked when the CRM starts. */
  readonly settings: S
  readonly tables?: PluginTableMigrations | undefined
  /** Starts the plugin with its validated settings (it may read the CRM, fork fibers in the CRM's scope). */
  readonly make: (
    settings: Schema.Schema.Type<S>
  ) => Effect.Effect<Contribution<Provides, R>, PluginStartFailed, R | Scope.Scope>
}

/** Declares a plugin: the result takes the plugin's settings (as a user writes them) and gives the value to add to
 * the CRM's plugin list; the settings are validated when the CRM starts. */
export const define =
  <const Name extends string, S extends Schema.Schema.AnyNoContext, Provides = never, R = never>(
    spec: PluginSpec<Name, S, Provides, R>
  ) =>
  (settings: Schema.Schema.Encoded<S>): Plugin<Name, Provides, R> => ({
    name: spec.name,
    tables: spec.tables ?? {},
    start: Effect.flatMap(
      Effect.mapError(
        Schema.decodeUnknown(spec.settings, { errors: "all", onExcessProperty: "error" })(settings),
        (error) => PluginSettingsInvalid.of(spec.name, fromParseError(error).issues)
      ),
      spec.make
    )
  })

/** The settings schema of a plugin without settings. */
export const NoSettings = Schema.Struct({})
