import { type DateTime, Effect, type Schema } from "effect"
import type { AnyAggregate, EntityOf, EventRefs } from "../aggregate/Aggregate.js"
import { constructor, type SchemaClass } from "../codec/Codec.js"
import type { Actor } from "../domain/Actor.js"
import type { EntityType } from "../domain/EntityType.js"
import type { RuleViolated, StorageError } from "../domain/Errors.js"
import { changesOf } from "../events/Changes.js"
import type { EventDraft, EventType, FieldChange } from "../events/DomainEvent.js"
import { draft } from "../events/drafts.js"
import type { Subject } from "./WriteChecks.js"
import type { Repository } from "../ports/Repository.js"
import { checkVersion, load } from "./loading.js"
import { now } from "./UnitOfWork.js"

interface Row {
  readonly id: string
  readonly version: number
  readonly updatedAt: DateTime.Utc
}

/** How an aggregate's entities are made, rebuilt and diffed for their events. */
export interface Model<A> {
  /** The class constructor with its validation compiled (see `Codec.constructor`). */
  readonly make: (props: A) => A
  /** A new instance of `current` with `fields` applied (validated). */
  readonly rebuild: (current: A, fields: Partial<A>) => A
  /** The change list of a write, from the entity before and after it. */
  readonly changes: (before: A | null, after: A | null) => ReadonlyArray<FieldChange>
}

const models = new WeakMap<object, Model<any>>()

const isClass = (schema: Schema.Schema.Any): schema is Schema.Schema.Any & SchemaClass<any, any> =>
  typeof schema === "function" && "fields" in schema

/** The model of an aggregate, derived from its declaration once. */
export const modelOf = <G extends AnyAggregate>(aggregate: G): Model<EntityOf<G>> => {
  const cached = models.get(aggregate)
  if (cached !== undefined) return cached
  const schema = aggregate.schema as Schema.Schema<any, any, never>
  const make: (props: any) => any = isClass(schema) ? constructor(schema) : (props) => props
  const rebuild = aggregate.rebuild ?? ((current: object, fields: object) => make({ ...current, ...fields }))
  const view = aggregate.eventView
  const changes: Model<any>["changes"] =
    view === undefined
      ? changesOf(schema)
      : (
          (viewChanges) => (before, after) =>
            viewChanges(before === null ? null : view.of(before), after === null ? null : view.of(after))
        )(changesOf(view.schema as Schema.Schema<any, any, never>))
  const model: Model<EntityOf<G>> = { make, rebuild, changes }
  models.set(aggregate, model)
  return model
}

/** The write steps every entity shares, each recording its event; run them inside `UnitOfWork.write`. */
export const entityWrites = <A extends Row, F, Field extends string>(config: {
  readonly aggregate: AnyAggregate
  readonly repository: Repository<A, A["id"], F, Field>
  readonly record: (
    drafts: ReadonlyArray<EventDraft>,
    subjects: ReadonlyArray<Subject>
  ) => Effect.Effect<void, StorageError | RuleViolated, Actor>
}) => {
  const { aggregate, record, repository } = config
  const entity = aggregate.name as EntityType
  const { changes, rebuild } = modelOf(aggregate) as Model<A>
  const refs = aggregate.eventRefs as (row: A) => EventRefs
  const deleted = `${aggregate.name}.deleted` as EventType

  /** Reads the entity or fails with `NotFound`. */
  const get = (id: A["id"]) => load(entity, repository.findById, id)

  /** Reads the entity for a write and checks the caller's expected version. */
  const loadForWrite = (id: A["id"], expectedVersion: number | undefined) =>
    Effect.tap(get(id), (current) => checkVersion(entity, current, expectedVersion))

  /** Stores a new entity and records its creation. */
  const insert = (row: A, type: EventType) =>
    Effect.zipRight(
      repository.insert(row),
      record([draft(type, entity, row.id, refs(row), changes(null, row))], [{ before: null, after: row }])
    )

  /** Applies `fields` at the next version and records the change; writes nothing when nothing changed. */
  const save = (current: A, fields: Partial<A>, type: EventType) =>
    Effect.gen(function* () {
      const next = rebuild(current, { ...fields, version: current.version + 1, updatedAt: yield* now })
      const diff = changes(current, next)
      if (diff.length === 0) return current
      yield* repository.update(next)
      yield* record([draft(type, entity, next.id, refs(next), diff)], [{ before: current, after: next }])
      return next
    })

  /** Deletes the entity and records the deletion (its dependents are `Dependents`'). */
  const remove = (current: A) =>
    Effect.zipRight(
      repository.remove(current),
      record(
        [draft(deleted, entity, current.id, refs(current), changes(current, null))],
        [{ before: current, after: null }]
      )
    )

  /** Records the deletion of rows removed in bulk (cascades). */
  const recordRemoved = (rows: ReadonlyArray<A>) =>
    record(
      rows.map((row) => draft(deleted, entity, row.id, refs(row), changes(row, null))),
      rows.map((row) => ({ before: row, after: null }))
    )

  return { get, loadForWrite, insert, save, remove, recordRemoved } as const
}
