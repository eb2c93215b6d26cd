import { type Context, Effect, FiberRef } from "effect"
import type { EntityOf } from "../aggregate/Aggregate.js"
import type { aggregateOf, AggregateName } from "../aggregate/registry.js"
import type { RuleViolated } from "../domain/Errors.js"
import type { EventDraft } from "../events/DomainEvent.js"
import { anyPatternMatches, type EventPattern } from "../events/eventPatterns.js"
import type { GuardedService, operationPolicy } from "./operationPolicy.js"

/** The entity an event pattern's events are about (`unknown` for `*`). */
export type EntityOfPattern<P extends string> = P extends `${infer Name}.${string}`
  ? Name extends AggregateName
    ? EntityOf<(typeof aggregateOf)[Name]>
    : unknown
  : unknown

/** The service operation running in this fiber and its arguments, as plugin checks see them. */
export interface CurrentOperation {
  /** `Service.operation`, as in `operationPolicy` (`Projects.transition`). */
  readonly name: string
  readonly input: ReadonlyArray<unknown>
}

/** Set by `Access` around every guarded write, so a check knows which operation made the change. */
export const currentOperation = FiberRef.unsafeMake<CurrentOperation | null>(null)

/** One entity change of a write, as a check sees it before the write commits. */
export interface CheckedWrite<Entity = unknown> {
  /** The operation that made the change (`Projects.transition`), `null` outside a service operation. */
  readonly operation: string | null
  /** The operation's arguments, as the caller gave them (ids, inputs). */
  readonly input: ReadonlyArray<unknown>
  /** The event the change records (type, entity, references, changed fields). */
  readonly event: EventDraft
  /** The entity before the change; `null` for a creation. */
  readonly before: Entity | null
  /** The entity after the change; `null` for a deletion. */
  readonly after: Entity | null
}

/** A service operation by name, as in `operationPolicy` (`Projects.transition`); plain aggregates' services are
 * named by their plural (`Markets.create`). */
export type OperationName =
  | { readonly [S in GuardedService]: `${S}.${keyof (typeof operationPolicy)[S] & string}` }[GuardedService]
  | `${string}.${string}`

/** A rule a plugin adds inside writes: it runs in the write's transaction for the events it names (made by the
 * operations it names, when it names some), and its `RuleViolated` refuses the whole write. */
export interface WriteCheck<R = never> {
  readonly events: ReadonlyArray<EventPattern>
  readonly operations?: ReadonlyArray<OperationName> | undefined
  readonly run: (write: CheckedWrite<any>) => Effect.Effect<void, RuleViolated, R>
}

/** A check on the events `events` names, with the entity typed from them (`project.status_changed` → `Project`);
 * `options.operations` narrows it to changes made by those operations (`Tasks.assign`, not `Tasks.create`). */
export const check = <const P extends EventPattern, R = never>(
  events: P | ReadonlyArray<P>,
  run: (write: CheckedWrite<EntityOfPattern<P>>) => Effect.Effect<void, RuleViolated, R>,
  options: { readonly operations?: ReadonlyArray<OperationName> | undefined } = {}
): WriteCheck<R> => ({
  events: typeof events === "string" ? [events] : (events as ReadonlyArray<P>),
  operations: options.operations,
  run
})

/** The before and after of one recorded change. */
export interface Subject {
  readonly before: unknown
  readonly after: unknown
}

interface Installed {
  readonly check: WriteCheck<any>
  readonly context: Context.Context<any>
}

/** The checks plugins have installed; the unit of work runs them on every change it records. */
export class WriteChecks extends Effect.Service<WriteChecks>()("@agency-crm/core/WriteChecks", {
  sync: () => {
    const installed: Array<Installed> = []

    /** Adds `checks`, run with `context` (what their effects need). */
    const install = <R>(checks: ReadonlyArray<WriteCheck<R>>, context: Context.Context<R>) =>
      Effect.sync(() => {
        for (const one of checks) installed.push({ check: one, context })
      })

    /** Runs every check that names `draft`'s type; the first refusal fails the write. */
    const run = (draft: EventDraft, subject: Subject): Effect.Effect<void, RuleViolated> => {
      if (installed.length === 0) return Effect.void
      const byEvent = installed.filter((entry) => anyPatternMatches(entry.check.events, draft.type))
      if (byEvent.length === 0) return Effect.void
      return Effect.flatMap(FiberRef.get(currentOperation), (operation) => {
        const matching = byEvent.filter(
          (entry) =>
            entry.check.operations === undefined ||
            (operation !== null && entry.check.operations.includes(operation.name as OperationName))
        )
        const write: CheckedWrite = {
          operation: operation?.name ?? null,
          input: operation?.input ?? [],
          event: draft,
          before: subject.before,
          after: subject.after
        }
        return Effect.forEach(matching, (entry) => Effect.provide(entry.check.run(write), entry.context), {
          discard: true
        })
      })
    }

    return { install, run } as const
  }
}) {}
