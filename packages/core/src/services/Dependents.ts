import { Effect } from "effect"
import type { AnyAggregate } from "../aggregate/Aggregate.js"
import {
  aggregateOf,
  type AggregateName,
  dependentsOf,
  repositoryIn,
  type RepositoryPorts
} from "../aggregate/registry.js"
import type { EntityType } from "../domain/EntityType.js"
import type { Actor } from "../domain/Actor.js"
import {
  HasDependents,
  type NotFound,
  type RuleViolated,
  type StorageError,
  type VersionConflict
} from "../domain/Errors.js"
import { MAX_LIMIT } from "../domain/Paging.js"
import type { EventType } from "../events/DomainEvent.js"
import { entityWrites } from "./entityWrites.js"
import { UnitOfWork } from "./UnitOfWork.js"

/** The failures of deleting an entity with its dependents. */
export type RemovalError = HasDependents | NotFound | VersionConflict | RuleViolated | StorageError

/** What deleting an entity does to the entities that refer to it, as their aggregates declare it: a `restrict`
 * reference refuses the delete (`HasDependents`), a `cascade` one is deleted with it (and its own dependents in
 * turn), a `setNull` one is cleared. Core enforces it, so every adapter behaves the same; an adapter's foreign
 * keys only back it up. */
export class Dependents extends Effect.Service<Dependents>()("@agency-crm/core/Dependents", {
  dependencies: [UnitOfWork.Default],
  effect: Effect.gen(function* () {
    const context = yield* Effect.context<RepositoryPorts>()
    const uow = yield* UnitOfWork
    const repositoryOf = (aggregate: AnyAggregate) => repositoryIn(context, aggregate)
    const writesOf = (aggregate: AnyAggregate) =>
      entityWrites({ aggregate, repository: repositoryOf(aggregate), record: uow.record })
    const firstPage = (aggregate: AnyAggregate, field: string, id: string) =>
      repositoryOf(aggregate).list({
        filter: { [field]: id },
        sortBy: aggregate.defaultSort.by,
        order: "asc",
        limit: MAX_LIMIT,
        after: null
      })

    /** Fails with `HasDependents` when a `restrict` reference points at the entity. */
    const refuse = (name: AggregateName, id: string) =>
      Effect.gen(function* () {
        const found: Array<{ entity: EntityType; count: number }> = []
        for (const { aggregate, field, onDelete } of dependentsOf(name)) {
          if (onDelete !== "restrict") continue
          const count = yield* repositoryOf(aggregate).count({ [field]: id })
          if (count > 0) found.push({ entity: aggregate.name as EntityType, count })
        }
        if (found.length > 0)
          return yield* HasDependents.of(name, id, found, (aggregateOf[name] as AnyAggregate).insteadOfDelete)
      })

    /** Whether any entity refers to the entity, whatever its reference's rule. */
    const isReferenced = (name: AggregateName, id: string) =>
      Effect.gen(function* () {
        for (const { aggregate, field } of dependentsOf(name)) {
          if ((yield* repositoryOf(aggregate).count({ [field]: id })) > 0) return true
        }
        return false
      })

    /** Deletes the cascading dependents of the entity and clears the `setNull` references to it, recording each
     * change; run it inside the write that deletes the entity, after `refuse`. */
    const clear = (name: AggregateName, id: string): Effect.Effect<void, RemovalError, Actor> =>
      Effect.gen(function* () {
        const dependents = dependentsOf(name)
        // Later aggregates first: history (interactions) goes before what it mentions (contacts).
        for (const { aggregate, field, onDelete } of [...dependents].reverse()) {
          if (onDelete !== "cascade") continue
          const writes = writesOf(aggregate)
          if (dependentsOf(aggregate.name).length === 0) {
            const removed = yield* repositoryOf(aggregate).removeWhere({ [field]: id })
            yield* writes.recordRemoved(removed)
            continue
          }
          for (let page = yield* firstPage(aggregate, field, id); page.length > 0;) {
            for (const row of page) yield* removeWith(aggregate.name as AggregateName, row, writes)
            page = yield* firstPage(aggregate, field, id)
          }
        }
        for (const { aggregate, field, onDelete } of dependents) {
          if (onDelete !== "setNull") continue
          const writes = writesOf(aggregate)
          const updated = `${aggregate.name}.updated` as EventType
          for (let page = yield* firstPage(aggregate, field, id); page.length > 0;) {
            for (const row of page) yield* writes.save(row, { [field]: null }, updated)
            page = yield* firstPage(aggregate, field, id)
          }
        }
      })

    const removeWith = (
      name: AggregateName,
      row: { readonly id: string; readonly version: number },
      writes: ReturnType<typeof writesOf>
    ): Effect.Effect<void, RemovalError, Actor> =>
      Effect.gen(function* () {
        yield* refuse(name, row.id)
        yield* clear(name, row.id)
        yield* writes.remove(row)
      })

    return { refuse, clear, isReferenced } as const
  })
}) {}
