import { Cause, Context, DateTime, Duration, Effect, Layer, Option, Schedule } from "effect"
import { Actor } from "../domain/Actor.js"
import type { StorageError } from "../domain/Errors.js"
import type { DomainEvent } from "../events/DomainEvent.js"
import { anyPatternMatches } from "../events/eventPatterns.js"
import { EventWakeups } from "../events/EventWakeups.js"
import { ConsumerPositions } from "../ports/ConsumerPositions.js"
import { EventLog } from "../ports/EventLog.js"
import { PluginTables } from "../ports/PluginTables.js"
import { now } from "../services/UnitOfWork.js"
import { follow } from "./LogFollower.js"
import type { AnyPlugin, Consumer, ProvidesOf, RequiresOf } from "./Plugin.js"
import { type PluginSettingsInvalid, PluginStartFailed } from "../domain/PluginErrors.js"
import { ConsumerStatus, PluginStatus } from "./PluginStatus.js"
import { WriteChecks } from "../services/WriteChecks.js"

/** The plugins of the running CRM. */
export interface PluginHostService {
  /** The names of the plugins, in the order of the list. */
  readonly names: ReadonlyArray<string>
  /** Each plugin with its consumers' positions, lag and failures. */
  readonly status: Effect.Effect<ReadonlyArray<PluginStatus>, StorageError>
}

/** The plugins of the running CRM. */
export class PluginHost extends Context.Tag("@agency-crm/core/PluginHost")<PluginHost, PluginHostService>() {}

interface Progress {
  position: number
  failures: number
  lastError: string | null
  lastErrorAt: DateTime.Utc | null
}

const describe = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  if (error instanceof Error) return error.message
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message)
  return String(error)
}

/** Runs one consumer forever: it reads from its durable position, retrying an event that fails with backoff, and
 * starts over from its saved position should the log itself fail to read. */
const runConsumer = <R>(key: string, consumer: Consumer<R>, progress: Progress, context: Context.Context<R>) =>
  Effect.gen(function* () {
    const positions = yield* ConsumerPositions
    const log = yield* EventLog
    const initial = Duration.decode(consumer.retry?.initial ?? "100 millis")
    const max = Duration.decode(consumer.retry?.max ?? "1 minute")
    const backoff = Schedule.exponential(initial).pipe(Schedule.union(Schedule.spaced(max)), Schedule.jittered)
    const failed = (cause: Cause.Cause<unknown>) =>
      Effect.map(now, (at) => {
        progress.failures++
        progress.lastError = describe(cause)
        progress.lastErrorAt = at
      })
    const wanted = (event: DomainEvent) =>
      consumer.events === undefined || anyPatternMatches(consumer.events, event.type)
    const handle = (event: DomainEvent) =>
      (wanted(event)
        ? consumer
            .handle(event)
            .pipe(
              Effect.provideService(Actor, Actor.system),
              Effect.provide(context),
              Effect.sandbox,
              Effect.tapError(failed),
              Effect.retry(backoff),
              Effect.orDie
            )
        : Effect.void
      ).pipe(
        Effect.tap(() => {
          progress.failures = 0
        })
      )
    const run = Effect.gen(function* () {
      const saved = yield* positions.get(key)
      const after = Option.isSome(saved)
        ? saved.value
        : consumer.startAt === "end"
          ? yield* Effect.tap(log.latestSequence, (latest) => positions.set(key, latest))
          : 0
      progress.position = after
      return yield* follow({
        after,
        filter: consumer.filter,
        handle,
        reached: (sequence) => {
          progress.position = sequence
        },
        save: (sequence) => positions.set(key, sequence)
      })
    })
    return yield* run.pipe(
      Effect.tapErrorCause(failed),
      Effect.retry(Schedule.spaced("1 second")),
      Effect.provide(context)
    )
  })

/**
 * Starts the plugins of `plugins`, in order, when the layer is built: validates each one's settings, applies its
 * own migrations on the storage adapter, installs its checks in the writes, starts its consumers (each in a fiber
 * of its own, stopped with the CRM) and provides the services it offers, with a `PluginHost` to inspect them.
 * Build it over the CRM's services (`Crm.layer`) and storage.
 */
export const layer = <const P extends ReadonlyArray<AnyPlugin>>(
  plugins: P
): Layer.Layer<
  ProvidesOf<P[number]> | PluginHost,
  PluginSettingsInvalid | PluginStartFailed,
  // Consumers run as the system actor, checks as the writer: the actor is never the layer's to give.
  Exclude<RequiresOf<P[number]>, Actor> | WriteChecks | PluginTables | ConsumerPositions | EventLog | EventWakeups
> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      const tables = yield* PluginTables
      const checks = yield* WriteChecks
      const log = yield* EventLog
      const context = (yield* Effect.context<
        Exclude<RequiresOf<P[number]>, Actor> | ConsumerPositions | EventLog | EventWakeups
      >()) as Context.Context<RequiresOf<P[number]> | ConsumerPositions | EventLog | EventWakeups>
      const seen = new Set<string>()
      let provided = Context.empty() as Context.Context<any>
      const statuses: Array<{ name: string; checks: number; consumers: Array<[string, Progress]> }> = []
      for (const plugin of plugins) {
        if (seen.has(plugin.name)) {
          return yield* new PluginStartFailed({
            plugin: plugin.name,
            message: `the plugin ${plugin.name} is in the list twice`
          })
        }
        seen.add(plugin.name)
        if (Object.keys(plugin.tables).length > 0) yield* tables.migrate(plugin.name, plugin.tables)
        const contribution = yield* plugin.start
        const pluginContext = Context.merge(context, provided)
        yield* checks.install(contribution.checks ?? [], pluginContext)
        const consumers: Array<[string, Progress]> = []
        for (const consumer of contribution.consumers ?? []) {
          if (consumers.some(([name]) => name === consumer.name)) {
            return yield* new PluginStartFailed({
              plugin: plugin.name,
              message: `the plugin ${plugin.name} has two consumers named ${consumer.name}`
            })
          }
          const progress: Progress = { position: 0, failures: 0, lastError: null, lastErrorAt: null }
          consumers.push([consumer.name, progress])
          yield* Effect.forkScoped(
            runConsumer(
              `${plugin.name}/${consumer.name}`,
              consumer,
              progress,
              Context.merge(pluginContext, contribution.services ?? Context.empty())
            )
          )
        }
        statuses.push({ name: plugin.name, checks: contribution.checks?.length ?? 0, consumers })
        if (contribution.services !== undefined) provided = Context.merge(provided, contribution.services)
      }
      const status = Effect.map(log.latestSequence, (latest) =>
        statuses.map(
          (plugin) =>
            new PluginStatus({
              name: plugin.name,
              checks: plugin.checks,
              consumers: plugin.consumers.map(
                ([name, progress]) =>
                  new ConsumerStatus({
                    name,
                    position: progress.position,
                    lag: Math.max(0, latest - progress.position),
                    state: progress.failures > 0 ? "retrying" : "running",
                    failures: progress.failures,
                    lastError: progress.lastError,
                    lastErrorAt: progress.lastErrorAt
                  })
              )
            })
        )
      )
      return Context.add(provided, PluginHost, {
        names: plugins.map((plugin) => plugin.name),
        status
      }) as Context.Context<ProvidesOf<P[number]> | PluginHost>
    })
  )
