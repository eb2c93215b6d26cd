import { type DateTime, Effect } from "effect"
import type { Actor } from "../domain/Actor.js"
import type { EntityType } from "../domain/EntityType.js"
import type { StorageError } from "../domain/Errors.js"
import type { EventDraft, EventType, FieldChange } from "../events/DomainEvent.js"
import type { Repository } from "../ports/Repository.js"
import { checkVersion, draft, type EventRefs, load } from "./internal.js"
import { now } from "./UnitOfWork.js"

interface Row {
  readonly id: string
  readonly version: number
  readonly updatedAt: DateTime.Utc
}

/** How one entity is written: its repository, its change list, what its events point at, how it is rebuilt. */
export interface EntityWritesConfig<A extends Row, Id extends string, F, Field extends string> {
  readonly entity: EntityType
  readonly repository: Repository<A, Id, F, Field>
  readonly record: (drafts: ReadonlyArray<EventDraft>) => Effect.Effect<void, StorageError, Actor>
  readonly changes: (before: A | null, after: A | null) => ReadonlyArray<FieldChange>
  readonly refs: (row: A) => EventRefs
  /** A new instance of `current` with `fields` applied (the constructor validates it). */
  readonly rebuild: (current: A, fields: Partial<A>) => A
}

/** The write steps every entity shares, each recording its event; run them inside `UnitOfWork.write`. */
export const entityWrites = <A extends Row, Id extends string, F, Field extends string>(
  config: EntityWritesConfig<A, Id, F, Field>
) => {
  const { changes, entity, rebuild, record, refs, repository } = config

  /** Reads the entity or fails with `NotFound`. */
  const get = (id: Id) => load(entity, repository.findById, id)

  /** Reads the entity for a write and checks the caller's expected version. */
  const loadForWrite = (id: Id, expectedVersion: number | undefined) =>
    Effect.tap(get(id), (current) => checkVersion(entity, current, expectedVersion))

  /** Stores a new entity and records its creation. */
  const insert = (row: A, type: EventType) =>
    Effect.zipRight(repository.insert(row), record([draft(type, entity, row.id, refs(row), changes(null, row))]))

  /** Applies `fields` at the next version and records the change; writes nothing when nothing changed. */
  const save = (current: A, fields: Partial<A>, type: EventType) =>
    Effect.gen(function* () {
      const next = rebuild(current, { ...fields, version: current.version + 1, updatedAt: yield* now })
      const diff = changes(current, next)
      if (diff.length === 0) return current
      yield* repository.update(next)
      yield* record([draft(type, entity, next.id, refs(next), diff)])
      return next
    })

  /** Deletes the entity and records the deletion. */
  const remove = (current: A, type: EventType) =>
    Effect.zipRight(
      repository.remove(current),
      record([draft(type, entity, current.id, refs(current), changes(current, null))])
    )

  /** Events recording the deletion of rows removed in bulk (cascades). */
  const removedEvents = (rows: ReadonlyArray<A>, type: EventType): ReadonlyArray<EventDraft> =>
    rows.map((row) => draft(type, entity, row.id, refs(row), changes(row, null)))

  return { get, loadForWrite, insert, save, remove, removedEvents } as const
}
