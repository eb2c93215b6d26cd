import { assert, describe, it } from "@effect/vitest"
import { DateTime, Deferred, Effect, Exit, Fiber, type Layer, Option, Schema } from "effect"
import { Client } from "../../domain/Client.js"
import { searchTerms } from "../../domain/Search.js"
import {
  clientDocument,
  contactDocument,
  interactionDocument,
  projectDocument,
  taskDocument
} from "../../domain/SearchDocuments.js"
import { TeamMember } from "../../domain/TeamMember.js"
import { SearchIndex, type SearchRequest } from "../../ports/SearchIndex.js"
import { searchDocuments } from "../../memory/memorySearch.js"
import { comparePositions, type Position, type SortOrder } from "../../domain/Paging.js"
import type { ProjectId } from "../../domain/Ids.js"
import { LocalDate } from "../../domain/LocalDate.js"
import { emptyStatusCounts } from "../../domain/Progress.js"
import { isOpenTask, type Task } from "../../domain/Task.js"
import type { WorkloadEntry } from "../../domain/Workload.js"
import type { EventFilter, NewEvent } from "../../events/DomainEvent.js"
import { IdempotencyRecord } from "../../domain/Idempotency.js"
import { ApiKeyRepository } from "../../domain/ApiKey.js"
import { IdempotencyRepository } from "../../ports/IdempotencyRepository.js"
import { ClientRepository } from "../../domain/Client.js"
import { EventLog } from "../../ports/EventLog.js"
import { StoreTransaction } from "../../ports/StoreTransaction.js"
import { ConsumerPositions } from "../../ports/ConsumerPositions.js"
import { Erasure } from "../../ports/Erasure.js"
import { TaskRepository } from "../../domain/Task.js"
import { TeamMemberRepository } from "../../domain/TeamMember.js"
import { eventMatches } from "../../events/DomainEvent.js"
import { ApiKeyLookup } from "../../ports/ApiKeyLookup.js"
import { TaskStatistics } from "../../ports/TaskStatistics.js"
import { aggregateOf, aggregates, repositoryIn } from "../../aggregate/registry.js"
import type { AnyAggregate } from "../../aggregate/Aggregate.js"
import { Actor } from "../../domain/Actor.js"
import { Dependents } from "../../services/Dependents.js"
import { modelOf } from "../../services/entityWrites.js"
import { generatedAggregates, generatedSpec, rowsOf, seedGenerated } from "./generated.js"
import { DEFAULT_MASTER_DATA } from "../../domain/masterDataDefaults.js"
import { foldedKey } from "../../domain/Entity.js"
import * as Specs from "./specs.js"
import type { StoragePorts } from "../../ports/StoragePorts.js"
import { at, makeWorld, type World } from "./world.js"

const repositoryOf = (aggregate: AnyAggregate) =>
  Effect.map(Effect.context<ContractStore>(), (context) => repositoryIn(context, aggregate))

/** Every storage port: what a storage adapter's layer must provide to run the contract suite. */
export type ContractStore = StoragePorts

const UNKNOWN_ID = "00000000-0000-7000-8fff-000000000001"

const ids = (rows: ReadonlyArray<{ readonly id: string }>) => rows.map((r) => r.id)

/** The order an adapter must return: by sort key then id, `null` keys first, reversed for `desc`. */
const expectedOrder = <A extends { readonly id: string }, Field extends string>(
  rows: ReadonlyArray<A>,
  sortKey: (row: A, field: Field) => Position["key"],
  field: Field,
  order: SortOrder
): ReadonlyArray<A> => {
  const sign = order === "asc" ? 1 : -1
  const position = (row: A): Position => ({ key: sortKey(row, field), id: row.id })
  return [...rows].sort((a, b) => sign * comparePositions(position(a), position(b)))
}

/**
 * The storage-adapter contract: every port method, filter, sort, pagination edge and rollback, checked
 * against the reference semantics. Each test builds `layer` anew, so it must provide a fresh, empty store.
 */
export const contractSuite = <E>(name: string, layer: Layer.Layer<ContractStore, E>): void => {
  const seeded =
    <A, E2>(body: (world: World) => Effect.Effect<A, E2, ContractStore>) =>
    () =>
      Effect.gen(function* () {
        const world = makeWorld()
        // The fixture world replaces the default master data a fresh store starts with.
        for (const { aggregate } of DEFAULT_MASTER_DATA) yield* (yield* repositoryOf(aggregate)).removeWhere({})
        yield* Specs.seed(world)
        yield* seedGenerated(world, repositoryOf)
        return yield* body(world)
      }).pipe(Effect.provide(layer))

  const entityTests = <A extends { readonly id: string; readonly version: number }, F, Field extends string>(
    spec: Specs.EntitySpec<A, F, Field>
  ) =>
    describe(spec.name, () => {
      it.effect("insert and findById round-trip every field", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            for (const row of spec.rows(world)) {
              const found = yield* repo.findById(row.id)
              assert.isTrue(Option.isSome(found), `${row.id} should be found`)
              assert.deepStrictEqual(spec.encode(Option.getOrThrow(found)), spec.encode(row))
            }
            assert.isTrue(Option.isNone(yield* repo.findById(UNKNOWN_ID as A["id"])))
          })
        )()
      )

      it.effect("list orders by every sort field both ways, ties broken by id", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            for (const field of spec.sortFields) {
              for (const order of ["asc", "desc"] as const) {
                const got = yield* repo.list({ filter: {} as F, sortBy: field, order, limit: 200, after: null })
                const want = expectedOrder(spec.rows(world), spec.list.sortKey, field, order)
                assert.deepStrictEqual(ids(got), ids(want), `${field} ${order}`)
              }
            }
          })
        )()
      )

      it.effect("pages chain without gaps or repeats, and the page after the last is empty", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            for (const field of spec.sortFields) {
              for (const order of ["asc", "desc"] as const) {
                const want = expectedOrder(spec.rows(world), spec.list.sortKey, field, order)
                const seen: Array<A> = []
                let after: Position | null = null
                for (let guard = 0; guard < 100; guard++) {
                  const page: ReadonlyArray<A> = yield* repo.list({
                    filter: {} as F,
                    sortBy: field,
                    order,
                    limit: 2,
                    after
                  })
                  assert.isAtMost(page.length, 2)
                  seen.push(...page)
                  const last = page[page.length - 1]
                  if (last === undefined) break
                  after = { key: spec.list.sortKey(last, field), id: last.id }
                }
                assert.deepStrictEqual(ids(seen), ids(want), `${field} ${order}`)
              }
            }
          })
        )()
      )

      it.effect("a page resumes after a position whose row was deleted", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            const gone = spec.removable(world)
            const field = spec.list.defaultSortBy
            const order = spec.list.defaultOrder
            const want = expectedOrder(spec.rows(world), spec.list.sortKey, field, order)
            const rest = want.slice(want.findIndex((r) => r.id === gone.id) + 1)
            yield* repo.remove(gone)
            const after = { key: spec.list.sortKey(gone, field), id: gone.id }
            const got = yield* repo.list({ filter: {} as F, sortBy: field, order, limit: 200, after })
            assert.deepStrictEqual(ids(got), ids(rest))
          })
        )()
      )

      it.effect("every filter matches the reference semantics in list and count", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            for (const filter of spec.filters(world)) {
              const matching = spec.rows(world).filter((row) => spec.matches(filter, row))
              const want = expectedOrder(matching, spec.list.sortKey, spec.list.defaultSortBy, spec.list.defaultOrder)
              const got = yield* repo.list({
                filter,
                sortBy: spec.list.defaultSortBy,
                order: spec.list.defaultOrder,
                limit: 200,
                after: null
              })
              assert.deepStrictEqual(ids(got), ids(want), JSON.stringify(filter))
              assert.strictEqual(yield* repo.count(filter), matching.length, JSON.stringify(filter))
            }
          })
        )()
      )

      it.effect("limit bounds a page", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            const request = {
              filter: {} as F,
              sortBy: spec.list.defaultSortBy,
              order: spec.list.defaultOrder,
              after: null
            }
            assert.strictEqual((yield* repo.list({ ...request, limit: 1 })).length, 1)
            assert.strictEqual((yield* repo.list({ ...request, limit: 200 })).length, spec.rows(world).length)
          })
        )()
      )

      it.effect("update replaces the row only from the previous version", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            const row = spec.rows(world)[0]!
            const next = spec.bump(row)
            yield* repo.update(next)
            assert.deepStrictEqual(spec.encode(Option.getOrThrow(yield* repo.findById(row.id))), spec.encode(next))
            const stale = yield* Effect.flip(repo.update(next))
            assert.strictEqual(stale._tag, "VersionConflict")
            if (stale._tag === "VersionConflict") {
              assert.strictEqual(stale.expected, next.version - 1)
              assert.strictEqual(stale.actual, next.version)
            }
            const missing = yield* Effect.flip(repo.update(spec.bump({ ...row, id: UNKNOWN_ID })))
            assert.strictEqual(missing._tag, "NotFound")
          })
        )()
      )

      it.effect("remove deletes only at the stored version", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            const row = spec.removable(world)
            const stale = yield* Effect.flip(repo.remove(spec.bump(row)))
            assert.strictEqual(stale._tag, "VersionConflict")
            assert.isTrue(Option.isSome(yield* repo.findById(row.id)))
            yield* repo.remove(row)
            assert.isTrue(Option.isNone(yield* repo.findById(row.id)))
            assert.strictEqual((yield* Effect.flip(repo.remove(row)))._tag, "NotFound")
            assert.strictEqual(yield* repo.count({} as F), spec.rows(world).length - 1)
          })
        )()
      )

      it.effect("removeWhere deletes exactly the matching rows and returns them", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* spec.repository
            const filter = spec.removeFilter(world)
            const matching = spec.rows(world).filter((row) => spec.matches(filter, row))
            assert.isAbove(matching.length, 0)
            const removed = yield* repo.removeWhere(filter)
            assert.deepStrictEqual([...ids(removed)].sort(), [...ids(matching)].sort())
            assert.strictEqual(yield* repo.count(filter), 0)
            assert.strictEqual(yield* repo.count({} as F), spec.rows(world).length - matching.length)
            assert.deepStrictEqual(yield* repo.removeWhere(filter), [])
          })
        )()
      )
    })

  describe(`${name}: storage adapter contract`, () => {
    entityTests(Specs.teamMembers)
    entityTests(Specs.clients)
    entityTests(Specs.contacts)
    entityTests(Specs.projects)
    entityTests(Specs.tasks)
    entityTests(Specs.allocations)
    entityTests(Specs.interactions)
    entityTests(Specs.reviews)
    entityTests(Specs.apiKeys)
    for (const aggregate of generatedAggregates) entityTests(generatedSpec(aggregate, repositoryOf(aggregate)))

    it.effect("a fresh store starts with the default master data", () =>
      Effect.gen(function* () {
        for (const { aggregate, entries } of DEFAULT_MASTER_DATA) {
          const repository = yield* repositoryOf(aggregate)
          const rows = yield* repository.list({ filter: {}, sortBy: "name", order: "asc", limit: 200, after: null })
          assert.deepStrictEqual(
            rows.map((row: { id: string; name: string; archivedAt: unknown; version: number }) => [
              row.id,
              row.name,
              row.archivedAt,
              row.version
            ]),
            [...entries]
              .sort((a, b) => (foldedKey(a.name) < foldedKey(b.name) ? -1 : 1))
              .map((entry) => [entry.id, entry.name, null, 1]),
            aggregate.name
          )
        }
      }).pipe(Effect.provide(layer))
    )

    describe("reference rules, as the aggregates declare them", () => {
      const references = (aggregates as ReadonlyArray<AnyAggregate>).flatMap((aggregate) =>
        Object.entries(aggregate.references).map(([field, reference]) => ({ aggregate, field, reference }))
      )
      for (const { aggregate, field, reference } of references) {
        it.effect(`${aggregate.name}.${field} → ${reference.to}: ${reference.onDelete}`, () =>
          seeded((world) =>
            Effect.gen(function* () {
              const repository = yield* repositoryOf(aggregate)
              const parent = rowsOf(world, reference.to)[0]!
              // The referring row: the first one of the aggregate that has the field, pointed at the parent.
              const original = rowsOf(world, aggregate.name).find((row) => field in row)!
              const model = modelOf(aggregate)
              const child = model.rebuild(original, { [field]: parent.id, version: original.version + 1 })
              yield* repository.update(child)
              const dependents = yield* Dependents
              const name = reference.to as keyof typeof aggregateOf
              if (reference.onDelete === "restrict") {
                const refused = yield* Effect.flip(dependents.refuse(name, parent.id))
                assert.strictEqual(refused._tag, "HasDependents")
                if (refused._tag === "HasDependents") {
                  assert.include(
                    refused.dependents.map((d) => d.entity),
                    aggregate.name
                  )
                }
                return
              }
              yield* dependents.clear(name, parent.id)
              const after = yield* repository.findById(child.id)
              if (reference.onDelete === "cascade") {
                assert.isTrue(Option.isNone(after), `${aggregate.name} ${child.id} is deleted with its ${reference.to}`)
              } else if (reference.onDelete === "setNull") {
                assert.isTrue(Option.isSome(after))
                assert.isNull(Option.getOrThrow(after)[field], `${field} is cleared`)
                assert.strictEqual(Option.getOrThrow(after).version, child.version + 1)
              } else {
                assert.deepStrictEqual(
                  Option.map(after, (row) => row[field]),
                  Option.some(parent.id),
                  `${field} keeps naming the deleted ${reference.to}`
                )
              }
              // With its dependents cleared, the parent can go, on every adapter's constraints.
              const parentRepository = yield* repositoryOf(aggregateOf[name] as AnyAggregate)
              const stored = Option.getOrThrow(yield* parentRepository.findById(parent.id))
              const refusal = yield* Effect.either(dependents.refuse(name, parent.id))
              if (refusal._tag === "Right") yield* parentRepository.remove(stored)
            }).pipe(Effect.provide(Dependents.Default), Effect.provideService(Actor, Actor.system))
          )()
        )
      }
    })

    describe("reference semantics, spelled out", () => {
      it.effect("names sort case-insensitively, null keys first, date bounds skip undated rows", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const members = yield* TeamMemberRepository
            const tasks = yield* TaskRepository
            const clients = yield* ClientRepository
            const byName = yield* members.list({ filter: {}, sortBy: "name", order: "asc", limit: 10, after: null })
            assert.deepStrictEqual(
              byName.map((m) => m.name),
              ["alice", "Bob", "carol", "Dave"]
            )
            const byDue = yield* tasks.list({ filter: {}, sortBy: "dueDate", order: "asc", limit: 200, after: null })
            assert.deepStrictEqual(
              byDue.slice(0, 5).map((t) => t.dueDate),
              [null, null, null, null, null]
            )
            assert.strictEqual(byDue[5]?.dueDate, "2026-01-10")
            const byDueDesc = yield* tasks.list({
              filter: {},
              sortBy: "dueDate",
              order: "desc",
              limit: 200,
              after: null
            })
            assert.strictEqual(byDueDesc[byDueDesc.length - 1]?.dueDate, null)
            assert.strictEqual(yield* tasks.count({ unassigned: true }), 5)
            assert.strictEqual(yield* tasks.count({ dueBefore: LocalDate.make("2026-01-20") }), 4)
            assert.strictEqual(yield* tasks.count({ dueFrom: LocalDate.make("2026-02-15") }), 4)
            const archived = yield* clients.list({
              filter: { archived: true },
              sortBy: "name",
              order: "asc",
              limit: 10,
              after: null
            })
            assert.deepStrictEqual(
              archived.map((c) => c.name),
              ["beta"]
            )
            const ties = yield* members.list({ filter: {}, sortBy: "createdAt", order: "desc", limit: 10, after: null })
            assert.deepStrictEqual(
              ties.map((m) => m.id),
              [world.members[3].id, world.members[2].id, world.members[1].id, world.members[0].id]
            )
          })
        )()
      )
    })

    describe("ApiKeyRepository lookup by hash", () => {
      it.effect("finds exactly the key with the hash, through updates, and not after removal", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const keys = { ...(yield* ApiKeyRepository), ...(yield* ApiKeyLookup) }
            const encode = Specs.apiKeys.encode
            for (const key of world.apiKeys) {
              const found = yield* keys.findByHash(key.hash)
              assert.deepStrictEqual(Option.map(found, encode), Option.some(encode(key)))
            }
            assert.isTrue(Option.isNone(yield* keys.findByHash("f".repeat(64))))
            const key = world.apiKeys[2]
            const bumped = Specs.apiKeys.bump(key)
            yield* keys.update(bumped)
            assert.deepStrictEqual(Option.map(yield* keys.findByHash(key.hash), encode), Option.some(encode(bumped)))
            yield* keys.remove(bumped)
            assert.isTrue(Option.isNone(yield* keys.findByHash(key.hash)))
          })
        )()
      )
    })

    describe("IdempotencyRepository", () => {
      const record = (scope: string, key: string, minute: number, body = "{}") =>
        new IdempotencyRecord({
          scope,
          key,
          fingerprint: `fp-${key.length}`,
          status: 201,
          headers: { "content-type": "application/json", etag: '"1"' },
          body,
          createdAt: at(minute)
        })
      const encode = Schema.encodeSync(IdempotencyRecord)
      const run = <A, E2>(body: Effect.Effect<A, E2, ContractStore>) => body.pipe(Effect.provide(layer))

      it.effect("stores, finds and replaces records per scope and key; other scopes never see them", () =>
        run(
          Effect.gen(function* () {
            const records = yield* IdempotencyRepository
            assert.isTrue(Option.isNone(yield* records.find("scope-a", "k1")))
            const first = record("scope-a", "k1", 1, '{"name":"Café 😀","n":1}')
            yield* records.save(first)
            assert.deepStrictEqual(Option.map(yield* records.find("scope-a", "k1"), encode), Option.some(encode(first)))
            assert.isTrue(Option.isNone(yield* records.find("scope-b", "k1")))
            assert.isTrue(Option.isNone(yield* records.find("scope-a", "K1")))
            const other = record("scope-b", "k1", 2)
            yield* records.save(other)
            const replaced = record("scope-a", "k1", 3, "[]")
            yield* records.save(replaced)
            assert.deepStrictEqual(
              Option.map(yield* records.find("scope-a", "k1"), encode),
              Option.some(encode(replaced))
            )
            assert.deepStrictEqual(Option.map(yield* records.find("scope-b", "k1"), encode), Option.some(encode(other)))
            // Keys are any text: separators, quotes and the longest key allowed.
            for (const key of ["a:b", 'q"uote', "x".repeat(255), "ü-key"]) {
              yield* records.save(record("scope-c", key, 4))
              assert.isTrue(Option.isSome(yield* records.find("scope-c", key)), key)
            }
          })
        )
      )

      it.effect("purges the records created before a time, and only those", () =>
        run(
          Effect.gen(function* () {
            const records = yield* IdempotencyRepository
            for (const [i, minute] of [1, 2, 3, 4, 5].entries()) yield* records.save(record("s", `k${i}`, minute))
            assert.strictEqual(yield* records.purge(at(3)), 2)
            assert.isTrue(Option.isNone(yield* records.find("s", "k0")))
            assert.isTrue(Option.isNone(yield* records.find("s", "k1")))
            assert.isTrue(Option.isSome(yield* records.find("s", "k2")))
            assert.strictEqual(yield* records.purge(at(3)), 0)
          })
        )
      )

      it.effect("a save is part of the caller's transaction: rolled back with it", () =>
        run(
          Effect.gen(function* () {
            const records = yield* IdempotencyRepository
            const tx = yield* StoreTransaction
            const exit = yield* Effect.exit(
              tx.withTransaction(Effect.zipRight(records.save(record("s", "k", 1)), Effect.fail("boom")))
            )
            assert.isTrue(Exit.isFailure(exit))
            assert.isTrue(Option.isNone(yield* records.find("s", "k")))
            yield* tx.withTransaction(records.save(record("s", "k", 1)))
            assert.isTrue(Option.isSome(yield* records.find("s", "k")))
          })
        )
      )
    })

    describe("ConsumerPositions", () => {
      const run = <A, E2>(body: Effect.Effect<A, E2, ContractStore>) => body.pipe(Effect.provide(layer))

      it.effect(
        "keeps one position per consumer, none before the first; a set is part of the caller's transaction",
        () =>
          run(
            Effect.gen(function* () {
              const positions = yield* ConsumerPositions
              const tx = yield* StoreTransaction
              assert.isTrue(Option.isNone(yield* positions.get("plugin/consumer")))
              yield* positions.set("plugin/consumer", 7)
              yield* positions.set("plugin/other", 3)
              yield* positions.set("plugin/consumer", 42)
              assert.deepStrictEqual(yield* positions.get("plugin/consumer"), Option.some(42))
              assert.deepStrictEqual(yield* positions.get("plugin/other"), Option.some(3))
              assert.isTrue(Option.isNone(yield* positions.get("Plugin/Consumer")))
              const exit = yield* Effect.exit(
                tx.withTransaction(Effect.zipRight(positions.set("plugin/other", 9), Effect.fail("boom")))
              )
              assert.isTrue(Exit.isFailure(exit))
              assert.deepStrictEqual(yield* positions.get("plugin/other"), Option.some(3))
            })
          )
      )
    })

    describe("Erasure", () => {
      const run = <A, E2>(body: Effect.Effect<A, E2, ContractStore>) => body.pipe(Effect.provide(layer))
      const event = (minute: number, name: string): NewEvent => ({
        occurredAt: at(minute),
        actorId: null,
        type: "contact.created",
        entityType: "contact",
        entityId: UNKNOWN_ID,
        clientId: null,
        projectId: null,
        assigneeId: null,
        changes: [{ field: "name", before: null, after: name }]
      })

      it.effect(
        "rewrites the change lists of the events named, and nothing else, inside the caller's transaction",
        () =>
          run(
            Effect.gen(function* () {
              const log = yield* EventLog
              const erasure = yield* Erasure
              const tx = yield* StoreTransaction
              const appended = yield* tx.withTransaction(
                log.append([event(1, "Ana Secret"), event(2, "Ben"), event(3, "Ana Secret again")])
              )
              const [first, second, third] = appended
              const erased = [{ field: "name", before: null, after: "[erased]" }]
              // Rolled back with its transaction.
              const exit = yield* Effect.exit(
                tx.withTransaction(
                  Effect.zipRight(
                    erasure.rewriteChanges([{ sequence: first!.sequence, changes: erased }]),
                    Effect.fail("x")
                  )
                )
              )
              assert.isTrue(Exit.isFailure(exit))
              assert.deepStrictEqual((yield* log.readAfter(0, 10, {}))[0]!.changes, first!.changes)
              yield* tx.withTransaction(
                erasure.rewriteChanges([
                  { sequence: first!.sequence, changes: erased },
                  { sequence: third!.sequence, changes: [] }
                ])
              )
              const read = yield* log.readAfter(0, 10, {})
              assert.deepStrictEqual(
                read.map((e) => e.changes),
                [erased, second!.changes, []]
              )
              // Everything but the changes is as recorded.
              assert.deepStrictEqual(
                read.map((e) => [e.sequence, e.type, e.entityId, DateTime.toEpochMillis(e.occurredAt)]),
                appended.map((e) => [e.sequence, e.type, e.entityId, DateTime.toEpochMillis(e.occurredAt)])
              )
              assert.strictEqual(yield* log.latestSequence, third!.sequence)
            })
          )
      )

      it.effect("forgets the stored responses that hold a value, exactly as written, and only those", () =>
        run(
          Effect.gen(function* () {
            const records = yield* IdempotencyRepository
            const erasure = yield* Erasure
            const save = (key: string, body: string) =>
              records.save(
                new IdempotencyRecord({
                  scope: "s",
                  key,
                  fingerprint: "f",
                  status: 201,
                  headers: {},
                  body,
                  createdAt: at(1)
                })
              )
            yield* save("a", '{"name":"Ana 100%_Secret"}')
            yield* save("b", '{"name":"Ben"}')
            yield* save("c", '{"notes":"met 100%_Secret twice"}')
            yield* save("d", '{"name":"100X-Secret"}')
            assert.strictEqual(yield* erasure.forgetResponses(["100%_Secret"]), 2)
            assert.isTrue(Option.isNone(yield* records.find("s", "a")))
            assert.isTrue(Option.isSome(yield* records.find("s", "b")))
            assert.isTrue(Option.isNone(yield* records.find("s", "c")))
            assert.isTrue(Option.isSome(yield* records.find("s", "d")))
            assert.strictEqual(yield* erasure.forgetResponses([]), 0)
            const purge = yield* erasure.purge
            assert.isString(purge.detail)
          })
        )
      )
    })

    describe("TaskRepository aggregates", () => {
      const isOverdue = (t: Task, today: LocalDate) => isOpenTask(t.status) && t.dueDate !== null && t.dueDate < today
      const days = ["2026-01-01", "2026-01-20", "2026-02-02", "2027-01-01"].map((s) => LocalDate.make(s))

      it.effect("stats counts a project's tasks by status and its overdue open tasks", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* TaskStatistics
            for (const project of world.projects) {
              for (const today of days) {
                const own = world.tasks.filter((t) => t.projectId === project.id)
                const byStatus = emptyStatusCounts()
                for (const t of own) byStatus[t.status] += 1
                const overdue = own.filter((t) => isOverdue(t, today)).length
                assert.deepStrictEqual(yield* repo.stats(project.id, today), { byStatus, overdue })
              }
            }
            const none = yield* repo.stats(UNKNOWN_ID as ProjectId, days[0]!)
            assert.deepStrictEqual(none, { byStatus: emptyStatusCounts(), overdue: 0 })
          })
        )()
      )

      it.effect("workload counts open and overdue tasks per assignee, unassigned first", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const repo = yield* TaskStatistics
            for (const today of days) {
              const rows = new Map<string | null, { open: number; overdue: number }>()
              for (const t of world.tasks) {
                if (!isOpenTask(t.status)) continue
                const entry = rows.get(t.assigneeId) ?? { open: 0, overdue: 0 }
                entry.open += 1
                if (isOverdue(t, today)) entry.overdue += 1
                rows.set(t.assigneeId, entry)
              }
              const want = Array.from(rows, ([assigneeId, c]) => ({ assigneeId, ...c })).sort((a, b) =>
                comparePositions({ key: a.assigneeId, id: "" }, { key: b.assigneeId, id: "" })
              ) as ReadonlyArray<WorkloadEntry>
              assert.deepStrictEqual(yield* repo.workload(today), want)
            }
          })
        )()
      )
    })

    describe("SearchIndex", () => {
      const documentsOf = (world: World) => [
        ...world.clients.map(clientDocument),
        ...world.contacts.map(contactDocument),
        ...world.projects.map(projectDocument),
        ...world.tasks.map(taskDocument),
        ...world.interactions.map(interactionDocument)
      ]
      const request = (terms: ReadonlyArray<string>, more: Partial<SearchRequest> = {}): SearchRequest => ({
        terms,
        types: undefined,
        clientId: undefined,
        projectId: undefined,
        limit: 200,
        offset: 0,
        ...more
      })
      const keys = (hits: ReadonlyArray<{ entityType: string; entityId: string }>) =>
        hits.map((h) => `${h.entityType}:${h.entityId}`).sort()
      const accented = (world: World) =>
        new Client({
          ...world.clients[2],
          id: "00000000-0000-7000-8bbb-000000000001" as Client["id"],
          name: "Gestión Integral",
          notes: "Campaña de verano"
        })

      it.effect("matches every term as a word prefix, ignoring case and accents, with the reference hits", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const index = yield* SearchIndex
            yield* (yield* ClientRepository).insert(accented(world))
            const docs = [...documentsOf(world), clientDocument(accented(world))]
            const cases: ReadonlyArray<SearchRequest> = [
              request(searchTerms("gestion")),
              request(searchTerms("GEST integ")),
              request(searchTerms("campana")),
              request(searchTerms("gestion zzz")),
              request(["audit"], { types: ["task"] }),
              request(["talk"], { clientId: world.clients[0].id }),
              request(["a"], { projectId: world.projects[0].id }),
              request(["details"]),
              request(["seo"]),
              request(["acme"]),
              request(["visits"]),
              request(["social"], { types: ["project", "interaction"] })
            ]
            for (const r of cases) {
              const got = yield* index.search(r)
              const want = searchDocuments(docs, r)
              assert.deepStrictEqual(keys(got), keys(want), JSON.stringify(r))
              for (const hit of got) assert.isAbove(hit.score, 0)
            }
            const [found] = yield* index.search(request(searchTerms("Gestión")))
            assert.strictEqual(found?.title, "Gestión Integral")
            assert.strictEqual(found?.clientId, accented(world).id)
          })
        )()
      )

      it.effect("a title match ranks above a body-only match", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const index = yield* SearchIndex
            const hits = yield* index.search(request(["seo"], { types: ["project"] }))
            assert.deepStrictEqual(
              hits.map((h) => h.entityId),
              [world.projects[0].id, world.projects[3].id]
            )
          })
        )()
      )

      it.effect("limit and offset page through the ranked hits", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const index = yield* SearchIndex
            const all = yield* index.search(request(["talk"]))
            assert.strictEqual(all.length, world.interactions.length)
            const pages = [
              yield* index.search(request(["talk"], { limit: 5, offset: 0 })),
              yield* index.search(request(["talk"], { limit: 5, offset: 5 })),
              yield* index.search(request(["talk"], { limit: 5, offset: 10 }))
            ]
            assert.deepStrictEqual(
              pages.map((p) => p.length),
              [5, 5, 2]
            )
            assert.deepStrictEqual(keys(pages.flat()), keys(all))
          })
        )()
      )

      it.effect("stays in step with inserts, updates, deletes and rollbacks", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const index = yield* SearchIndex
            const clients = yield* ClientRepository
            const tx = yield* StoreTransaction
            const acme = world.clients[0]
            yield* clients.update(new Client({ ...acme, name: "Zenith Foods", version: acme.version + 1 }))
            // Still found through its e-mail (body), but under its new name.
            assert.deepStrictEqual(
              (yield* index.search(request(["acme"], { types: ["client"] }))).map((h) => h.title),
              ["Zenith Foods"]
            )
            assert.deepStrictEqual(
              (yield* index.search(request(["zenith"]))).map((h) => h.entityId),
              [acme.id]
            )
            yield* clients.remove(world.clients[2])
            assert.deepStrictEqual(yield* index.search(request(["gamma"])), [])
            const failed = yield* Effect.exit(
              tx.withTransaction(Effect.zipRight(clients.insert(accented(world)), Effect.fail("rollback" as const)))
            )
            assert.isTrue(Exit.isFailure(failed))
            assert.deepStrictEqual(yield* index.search(request(["gestion"])), [])
          })
        )()
      )
    })

    describe("EventLog", () => {
      const world = makeWorld()
      const [m1, m2] = world.members
      const [c1, , , c4] = world.clients
      const [p1] = world.projects
      const sample: ReadonlyArray<NewEvent> = [
        {
          occurredAt: at(1),
          actorId: null,
          type: "client.created",
          entityType: "client",
          entityId: c1.id,
          clientId: c1.id,
          projectId: null,
          assigneeId: null,
          changes: [{ field: "name", before: null, after: "Acme" }]
        },
        {
          occurredAt: at(2),
          actorId: m1.id,
          type: "task.created",
          entityType: "task",
          entityId: world.tasks[0]!.id,
          clientId: c1.id,
          projectId: p1.id,
          assigneeId: m2.id,
          changes: [
            { field: "budget", before: null, after: { amountMinor: 10, currency: "EUR" } },
            { field: "objectives", before: [], after: ["a", "b"] },
            { field: "active", before: true, after: false },
            { field: "hours", before: 1.5, after: 2 }
          ]
        },
        {
          occurredAt: at(2),
          actorId: m1.id,
          type: "interaction.logged",
          entityType: "interaction",
          entityId: world.interactions[0]!.id,
          clientId: c4.id,
          projectId: null,
          assigneeId: null,
          changes: []
        },
        {
          occurredAt: at(3),
          actorId: m2.id,
          type: "task.status_changed",
          entityType: "task",
          entityId: world.tasks[0]!.id,
          clientId: c1.id,
          projectId: p1.id,
          assigneeId: m2.id,
          changes: [{ field: "status", before: "todo", after: "in_progress" }]
        }
      ]
      const filters: ReadonlyArray<EventFilter> = [
        {},
        { clientId: c1.id },
        { projectId: p1.id },
        { assigneeId: m2.id },
        { entityType: "task" },
        { entityId: world.tasks[0]!.id },
        { excludeEntityTypes: ["interaction"] },
        { excludeEntityTypes: ["interaction", "client"], clientId: c1.id }
      ]
      const plain = (e: NewEvent) => ({ ...e })
      const run = <A, E2>(body: Effect.Effect<A, E2, ContractStore>) => body.pipe(Effect.provide(layer))

      it.live(
        "a reader never misses a committed event, whatever order concurrent transactions commit in",
        () =>
          run(
            Effect.gen(function* () {
              const log = yield* EventLog
              const tx = yield* StoreTransaction
              const appended = yield* Deferred.make<void>()
              const release = yield* Deferred.make<void>()
              // A appends and holds its transaction open; B appends meanwhile and would commit first if it could.
              const a = yield* Effect.fork(
                tx.withTransaction(
                  Effect.gen(function* () {
                    yield* log.append([sample[0]!])
                    yield* Deferred.succeed(appended, undefined)
                    yield* Deferred.await(release)
                  })
                )
              )
              yield* Deferred.await(appended)
              const b = yield* Effect.fork(tx.withTransaction(log.append([sample[1]!])))
              yield* Effect.sleep("50 millis")
              // A reader while A is open (on an adapter whose reads wait for the transaction, it reads after it).
              const reader = yield* Effect.fork(log.readAfter(0, 100, {}))
              yield* Effect.sleep("20 millis")
              yield* Deferred.succeed(release, undefined)
              yield* Fiber.join(a)
              yield* Fiber.join(b)
              const first = (yield* Fiber.join(reader)).map((e) => e.sequence)
              // What a live reader does next: read after the highest sequence it has seen.
              const rest = (yield* log.readAfter(first[first.length - 1] ?? 0, 100, {})).map((e) => e.sequence)
              const all = (yield* log.readAfter(0, 100, {})).map((e) => e.sequence)
              assert.deepStrictEqual([...first, ...rest], all, "the reader skipped a committed event")
              assert.deepStrictEqual(all, [1, 2])
            })
          ),
        20_000
      )

      it.effect("an empty log reads as empty", () =>
        run(
          Effect.gen(function* () {
            const log = yield* EventLog
            assert.strictEqual(yield* log.latestSequence, 0)
            assert.deepStrictEqual(yield* log.readAfter(0, 10, {}), [])
            assert.deepStrictEqual(yield* log.readBefore(null, 10, {}), [])
            assert.deepStrictEqual(yield* log.append([]), [])
            assert.strictEqual(yield* log.latestSequence, 0)
          })
        )
      )

      it.effect("append numbers events consecutively from 1 and keeps every field", () =>
        run(
          Effect.gen(function* () {
            const log = yield* EventLog
            const first = yield* log.append(sample.slice(0, 1))
            const rest = yield* log.append(sample.slice(1))
            const all = [...first, ...rest]
            assert.deepStrictEqual(
              all.map((e) => e.sequence),
              [1, 2, 3, 4]
            )
            const read = yield* log.readAfter(0, 100, {})
            assert.deepStrictEqual(
              read.map(({ sequence: _, ...rest }) => rest),
              sample.map(plain)
            )
            assert.strictEqual(yield* log.latestSequence, 4)
          })
        )
      )

      it.effect("readAfter and readBefore page in both directions with filters", () =>
        run(
          Effect.gen(function* () {
            const log = yield* EventLog
            const appended = yield* log.append(sample)
            for (const filter of filters) {
              const matching = appended.filter((e) => eventMatches(filter, e))
              const label = JSON.stringify(filter)
              assert.deepStrictEqual(
                (yield* log.readAfter(0, 100, filter)).map((e) => e.sequence),
                matching.map((e) => e.sequence),
                label
              )
              assert.deepStrictEqual(
                (yield* log.readAfter(2, 1, filter)).map((e) => e.sequence),
                matching
                  .filter((e) => e.sequence > 2)
                  .slice(0, 1)
                  .map((e) => e.sequence),
                label
              )
              assert.deepStrictEqual(
                (yield* log.readBefore(null, 100, filter)).map((e) => e.sequence),
                [...matching].reverse().map((e) => e.sequence),
                label
              )
              assert.deepStrictEqual(
                (yield* log.readBefore(4, 2, filter)).map((e) => e.sequence),
                [...matching]
                  .reverse()
                  .filter((e) => e.sequence < 4)
                  .slice(0, 2)
                  .map((e) => e.sequence),
                label
              )
            }
            assert.deepStrictEqual(yield* log.readAfter(4, 10, {}), [])
            assert.deepStrictEqual(yield* log.readBefore(1, 10, {}), [])
          })
        )
      )
    })

    describe("StoreTransaction", () => {
      const member = (n: number) =>
        new TeamMember({
          id: `00000000-0000-7000-8aaa-00000000000${n}` as TeamMember["id"],
          name: `Temp ${n}`,
          email: `temp${n}@agency.test`,
          title: null,
          role: "member",
          active: true,
          version: 1,
          createdAt: at(1),
          updatedAt: at(1)
        })
      const event = (n: number): NewEvent => ({
        occurredAt: at(n),
        actorId: null,
        type: "team_member.created",
        entityType: "team_member",
        entityId: member(n).id,
        clientId: null,
        projectId: null,
        assigneeId: null,
        changes: []
      })
      const run = <A, E2>(body: Effect.Effect<A, E2, ContractStore>) => body.pipe(Effect.provide(layer))

      it.effect("a successful transaction commits every write", () =>
        run(
          Effect.gen(function* () {
            const tx = yield* StoreTransaction
            const members = yield* TeamMemberRepository
            const log = yield* EventLog
            yield* tx.withTransaction(Effect.zipRight(members.insert(member(1)), log.append([event(1)])))
            assert.isTrue(Option.isSome(yield* members.findById(member(1).id)))
            assert.strictEqual(yield* log.latestSequence, 1)
          })
        )
      )

      it.effect("a failure, a defect or an interruption rolls back inserts, updates, deletes and events", () =>
        seeded((world) =>
          Effect.gen(function* () {
            const tx = yield* StoreTransaction
            const members = yield* TeamMemberRepository
            const clients = yield* ClientRepository
            const log = yield* EventLog
            yield* log.append([event(9)])
            const client = world.clients[0]
            const gone = world.clients[2]
            const writes = Effect.all([
              members.insert(member(1)),
              clients.update(Specs.clients.bump(client)),
              clients.remove(gone),
              log.append([event(1), event(2)])
            ])
            const endings = [Effect.fail("boom" as const), Effect.die("defect"), Effect.interrupt] as const
            for (const ending of endings) {
              const exit = yield* Effect.exit(tx.withTransaction(Effect.zipRight(writes, ending)))
              assert.isTrue(Exit.isFailure(exit))
              assert.isTrue(Option.isNone(yield* members.findById(member(1).id)))
              assert.deepStrictEqual(
                Specs.clients.encode(Option.getOrThrow(yield* clients.findById(client.id))),
                Specs.clients.encode(client)
              )
              assert.isTrue(Option.isSome(yield* clients.findById(gone.id)))
              assert.strictEqual(yield* log.latestSequence, 1)
            }
            // Rolled-back sequence numbers are reused: the log stays gap-free.
            const [next] = yield* log.append([event(3)])
            assert.strictEqual(next?.sequence, 2)
          })
        )()
      )

      it.effect("a failed nested transaction undoes only its own writes", () =>
        run(
          Effect.gen(function* () {
            const tx = yield* StoreTransaction
            const members = yield* TeamMemberRepository
            const log = yield* EventLog
            yield* tx.withTransaction(
              Effect.gen(function* () {
                yield* members.insert(member(1))
                yield* log.append([event(1)])
                const inner = yield* Effect.exit(
                  tx.withTransaction(Effect.zipRight(members.insert(member(2)), Effect.fail("inner" as const)))
                )
                assert.isTrue(Exit.isFailure(inner))
              })
            )
            assert.isTrue(Option.isSome(yield* members.findById(member(1).id)))
            assert.isTrue(Option.isNone(yield* members.findById(member(2).id)))
            assert.strictEqual(yield* log.latestSequence, 1)
          })
        )
      )

      it.effect("other fibers never read a transaction's uncommitted writes", () =>
        run(
          Effect.gen(function* () {
            const tx = yield* StoreTransaction
            const members = yield* TeamMemberRepository
            const started = yield* Deferred.make<void>()
            const release = yield* Deferred.make<void>()
            const writer = yield* Effect.fork(
              Effect.exit(
                tx.withTransaction(
                  Effect.gen(function* () {
                    yield* members.insert(member(1))
                    yield* Deferred.succeed(started, undefined)
                    yield* Deferred.await(release)
                    return yield* Effect.fail("abort" as const)
                  })
                )
              )
            )
            yield* Deferred.await(started)
            const reader = yield* Effect.fork(members.count({}))
            yield* Effect.yieldNow()
            yield* Deferred.succeed(release, undefined)
            yield* Fiber.join(writer)
            assert.strictEqual(yield* Fiber.join(reader), 0)
            assert.strictEqual(yield* members.count({}), 0)
          })
        )
      )
    })
  })
}
