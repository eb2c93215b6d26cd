import { Clock, Context, DateTime, Effect, Exit, FiberRef, HashMap, Layer, Option } from "effect"
import type { AnyAggregate, EntityOf, Stored } from "../aggregate/Aggregate.js"
import { type AggregateName, aggregateOf, aggregates, repositoryContext } from "../aggregate/registry.js"
import { constructor } from "../codec/Codec.js"
import type { StoredApiKey } from "../domain/ApiKey.js"
import type { EntityType } from "../domain/EntityType.js"
import { NotFound, VersionConflict } from "../domain/Errors.js"
import type { IdempotencyRecord } from "../domain/Idempotency.js"
import type { ProjectId } from "../domain/Ids.js"
import type { LocalDate } from "../domain/LocalDate.js"
import { comparePositions, isAfter, type ListRequest, type Position } from "../domain/Paging.js"
import { emptyStatusCounts } from "../domain/Progress.js"
import { isOpenTask, type Task } from "../domain/Task.js"
import type { WorkloadEntry } from "../domain/Workload.js"
import { DomainEvent, type EventFilter, eventMatches, type NewEvent } from "../events/DomainEvent.js"
import { ApiKeyLookup } from "../ports/ApiKeyLookup.js"
import { EventLog } from "../ports/EventLog.js"
import { IdempotencyRepository } from "../ports/IdempotencyRepository.js"
import type { Repository } from "../ports/Repository.js"
import { SearchIndex } from "../ports/SearchIndex.js"
import { StoreTransaction } from "../ports/StoreTransaction.js"
import { ConsumerPositions } from "../ports/ConsumerPositions.js"
import { Erasure } from "../ports/Erasure.js"
import { PluginTables } from "../ports/PluginTables.js"
import { PluginStartFailed } from "../domain/PluginErrors.js"
import { TaskStatistics } from "../ports/TaskStatistics.js"
import { searchDocuments } from "./memorySearch.js"
import { defaultMasterDataRows } from "../domain/masterDataDefaults.js"

const makeEvent = constructor(DomainEvent)

/** Something whose contents a transaction can save and put back. */
interface Saveable {
  readonly save: () => () => void
}

/** Something held in a variable, saved by reading it and put back by assigning the saved value. */
const saveable = <A>(get: () => A, set: (saved: A) => void): Saveable => ({
  save: () => {
    const saved = get()
    return () => set(saved)
  }
})

/** Plugins keep their own data in memory themselves on this adapter: one that declares tables must say so with a
 * `memory` entry (any value), or it cannot run here. */
const memoryPluginTables = PluginTables.of({
  adapter: "memory",
  migrate: (plugin, tables) =>
    "memory" in tables
      ? Effect.void
      : Effect.fail(
          new PluginStartFailed({
            plugin,
            message: `the plugin ${plugin} declares tables but none for the memory adapter (it has: ${Object.keys(tables).join(", ")})`
          })
        )
})

/** Builds every storage port over in-memory persistent maps: snapshots are O(1), so a failed
 * transaction is rolled back by putting the previous maps back. */
export const make = Effect.gen(function* () {
  const lock = yield* Effect.makeSemaphore(1)
  const inTransaction = FiberRef.unsafeMake(false)
  const parts: Array<Saveable> = []

  // Like a single SQLite connection: an operation waits while another fiber's transaction runs.
  const guarded = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(FiberRef.get(inTransaction), (held) => (held ? effect : lock.withPermits(1)(effect)))

  const withTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(FiberRef.get(inTransaction), (held) => {
      // Nested transactions act as savepoints: their failure undoes only their own writes.
      const run = Effect.suspend(() => {
        const restores = parts.map((part) => part.save())
        return effect.pipe(
          Effect.locally(inTransaction, true),
          Effect.onExit((exit) =>
            Exit.isSuccess(exit) ? Effect.void : Effect.sync(() => restores.forEach((r) => r()))
          )
        )
      })
      return held ? run : lock.withPermits(1)(run)
    })

  const table = <G extends AnyAggregate>(aggregate: G) => {
    type A = EntityOf<G> & Stored
    type F = unknown
    type Field = string
    const entity = aggregate.name as EntityType
    const spec = aggregate.list
    const matches = aggregate.matches
    let rows = HashMap.empty<string, A>()
    parts.push(
      saveable(
        () => rows,
        (saved) => (rows = saved)
      )
    )
    const all = (): ReadonlyArray<A> => Array.from(HashMap.values(rows))
    const stored = (id: string) => HashMap.get(rows, id)
    const repository: Repository<A, A["id"], F, Field> = {
      insert: (row) =>
        guarded(
          Effect.sync(() => {
            rows = HashMap.set(rows, row.id, row)
          })
        ),
      update: (row) =>
        guarded(
          Effect.suspend((): Effect.Effect<void, NotFound | VersionConflict> => {
            const current = stored(row.id)
            if (Option.isNone(current)) return Effect.fail(NotFound.of(entity, row.id))
            if (current.value.version !== row.version - 1) {
              return Effect.fail(VersionConflict.of(entity, row.id, row.version - 1, current.value.version))
            }
            rows = HashMap.set(rows, row.id, row)
            return Effect.void
          })
        ),
      remove: (row) =>
        guarded(
          Effect.suspend((): Effect.Effect<void, NotFound | VersionConflict> => {
            const current = stored(row.id)
            if (Option.isNone(current)) return Effect.fail(NotFound.of(entity, row.id))
            if (current.value.version !== row.version) {
              return Effect.fail(VersionConflict.of(entity, row.id, row.version, current.value.version))
            }
            rows = HashMap.remove(rows, row.id)
            return Effect.void
          })
        ),
      findById: (id) => guarded(Effect.sync(() => stored(id))),
      list: (request: ListRequest<F, Field>) =>
        guarded(
          Effect.sync(() => {
            const position = (row: A): Position => ({ key: spec.sortKey(row, request.sortBy), id: row.id })
            const after = request.after
            const sign = request.order === "asc" ? 1 : -1
            return all()
              .filter((row) => matches(request.filter, row))
              .filter((row) => after === null || isAfter(position(row), after, request.order))
              .sort((a, b) => sign * comparePositions(position(a), position(b)))
              .slice(0, request.limit)
          })
        ),
      count: (filter) => guarded(Effect.sync(() => all().filter((row) => matches(filter, row)).length)),
      removeWhere: (filter) =>
        guarded(
          Effect.sync(() => {
            const removed = all()
              .filter((row) => matches(filter, row))
              .sort((a, b) => (a.id < b.id ? -1 : 1))
            for (const row of removed) rows = HashMap.remove(rows, row.id)
            return removed
          })
        )
    }
    return { repository, all }
  }

  // A table per registered aggregate, each the repository port of its aggregate.
  const tables = new Map(aggregates.map((aggregate) => [aggregate.name, table(aggregate as AnyAggregate)]))
  // A fresh store starts with the default master data, like a freshly migrated database.
  const seededAt = DateTime.unsafeMake(yield* Clock.currentTimeMillis)
  for (const { aggregate, rows } of defaultMasterDataRows(seededAt)) {
    const make = constructor(aggregate.schema as never) as (row: object) => unknown
    for (const row of rows) yield* tables.get(aggregate.name as AggregateName)!.repository.insert(make(row) as never)
  }
  const searchable = (aggregates as ReadonlyArray<AnyAggregate>).filter((aggregate) => aggregate.search !== undefined)
  const rowsOf = <K extends keyof typeof aggregateOf>(name: K) =>
    tables.get(name)!.all() as ReadonlyArray<EntityOf<(typeof aggregateOf)[K]>>

  const isOverdue = (task: Task, today: LocalDate) =>
    isOpenTask(task.status) && task.dueDate !== null && task.dueDate < today

  const taskStatistics = TaskStatistics.of({
    stats: (projectId: ProjectId, today: LocalDate) =>
      guarded(
        Effect.sync(() => {
          const byStatus = emptyStatusCounts()
          let overdue = 0
          for (const task of rowsOf("task")) {
            if (task.projectId !== projectId) continue
            byStatus[task.status] += 1
            if (isOverdue(task, today)) overdue += 1
          }
          return { byStatus, overdue }
        })
      ),
    workload: (today: LocalDate) =>
      guarded(
        Effect.sync(() => {
          const byAssignee = new Map<Task["assigneeId"], { open: number; overdue: number }>()
          for (const task of rowsOf("task")) {
            if (!isOpenTask(task.status)) continue
            const entry = byAssignee.get(task.assigneeId) ?? { open: 0, overdue: 0 }
            entry.open += 1
            if (isOverdue(task, today)) entry.overdue += 1
            byAssignee.set(task.assigneeId, entry)
          }
          return Array.from(byAssignee, ([assigneeId, counts]): WorkloadEntry => ({ assigneeId, ...counts })).sort(
            (a, b) => comparePositions({ key: a.assigneeId, id: "" }, { key: b.assigneeId, id: "" })
          )
        })
      )
  })

  let events: ReadonlyArray<DomainEvent> = []
  parts.push(
    saveable(
      () => events,
      (saved) => (events = saved)
    )
  )
  const matchesEvent = (filter: EventFilter) => (event: DomainEvent) => eventMatches(filter, event)
  const eventLog = EventLog.of({
    append: (drafts: ReadonlyArray<NewEvent>) =>
      guarded(
        Effect.sync(() => {
          const appended = drafts.map((draft, i) => makeEvent({ ...draft, sequence: events.length + i + 1 }))
          events = [...events, ...appended]
          return appended
        })
      ),
    readAfter: (after, limit, filter) =>
      guarded(Effect.sync(() => events.slice(Math.max(0, after)).filter(matchesEvent(filter)).slice(0, limit))),
    readBefore: (before, limit, filter) =>
      guarded(
        Effect.sync(() => {
          const end = before === null ? events.length : Math.max(0, Math.min(events.length, before - 1))
          const out: Array<DomainEvent> = []
          const matches = matchesEvent(filter)
          for (let i = end - 1; i >= 0 && out.length < limit; i--) {
            const event = events[i]!
            if (matches(event)) out.push(event)
          }
          return out
        })
      ),
    latestSequence: guarded(Effect.sync(() => events.length))
  })

  let idempotency = HashMap.empty<string, IdempotencyRecord>()
  parts.push(
    saveable(
      () => idempotency,
      (saved) => (idempotency = saved)
    )
  )
  // A separator no scope contains: scopes are identities, keys any visible text.
  const idempotencyKey = (scope: string, key: string) => `${scope}\u0000${key}`
  const idempotencyRepository = IdempotencyRepository.of({
    find: (scope, key) => guarded(Effect.sync(() => HashMap.get(idempotency, idempotencyKey(scope, key)))),
    save: (record) =>
      guarded(
        Effect.sync(() => {
          idempotency = HashMap.set(idempotency, idempotencyKey(record.scope, record.key), record)
        })
      ),
    purge: (before) =>
      guarded(
        Effect.sync(() => {
          const cutoff = DateTime.toEpochMillis(before)
          const old = HashMap.filter(idempotency, (record) => DateTime.toEpochMillis(record.createdAt) < cutoff)
          idempotency = HashMap.removeMany(idempotency, HashMap.keys(old))
          return HashMap.size(old)
        })
      )
  })

  const erasure = Erasure.of({
    rewriteChanges: (rewrites) =>
      guarded(
        Effect.sync(() => {
          const changed = new Map(rewrites.map((rewrite) => [rewrite.sequence, rewrite.changes]))
          events = events.map((event) => {
            const changes = changed.get(event.sequence)
            return changes === undefined ? event : makeEvent({ ...event, changes })
          })
        })
      ),
    forgetResponses: (needles) =>
      guarded(
        Effect.sync(() => {
          const holding = HashMap.filter(idempotency, (record) =>
            needles.some((needle) => record.body.includes(needle))
          )
          idempotency = HashMap.removeMany(idempotency, HashMap.keys(holding))
          return HashMap.size(holding)
        })
      ),
    // Nothing outlives a write in memory: a replaced value is garbage.
    purge: Effect.succeed({ complete: true, detail: "in memory: nothing is kept beyond the current values" })
  })

  let positions = HashMap.empty<string, number>()
  parts.push(
    saveable(
      () => positions,
      (saved) => (positions = saved)
    )
  )
  const consumerPositions = ConsumerPositions.of({
    get: (consumer) => guarded(Effect.sync(() => HashMap.get(positions, consumer))),
    set: (consumer, sequence) =>
      guarded(
        Effect.sync(() => {
          positions = HashMap.set(positions, consumer, sequence)
        })
      )
  })

  const searchIndex = SearchIndex.of({
    search: (request) =>
      guarded(
        Effect.sync(() =>
          searchDocuments(
            searchable.flatMap((aggregate) => rowsOf(aggregate.name as AggregateName).map(aggregate.search!)),
            request
          )
        )
      )
  })

  return repositoryContext((aggregate) => tables.get(aggregate.name as AggregateName)!.repository).pipe(
    Context.add(TaskStatistics, taskStatistics),
    Context.add(
      ApiKeyLookup,
      ApiKeyLookup.of({
        findByHash: (hash: string) =>
          guarded(
            Effect.sync(() => Option.fromNullable(rowsOf("api_key").find((key: StoredApiKey) => key.hash === hash)))
          )
      })
    ),
    Context.add(IdempotencyRepository, idempotencyRepository),
    Context.add(EventLog, eventLog),
    Context.add(SearchIndex, searchIndex),
    Context.add(StoreTransaction, { withTransaction }),
    Context.add(ConsumerPositions, consumerPositions),
    Context.add(Erasure, erasure),
    Context.add(PluginTables, memoryPluginTables)
  )
})

/** Every storage port, in memory: transactional, and a fresh empty store each time the layer is built. */
export const layer = Layer.effectContext(make)
