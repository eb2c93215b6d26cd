import type { Effect, Option } from "effect"
import type { NotFound, StorageError, VersionConflict } from "../domain/Errors.js"
import type { ListRequest } from "../domain/Paging.js"

/** The storage operations every entity has. Adapters implement the filter and sort semantics that the
 * contract suite pins down; services do validation, rules and events. */
export interface Repository<
  A extends { readonly id: string; readonly version: number },
  Id extends string,
  Filter,
  Field extends string
> {
  /** Stores a new entity. */
  readonly insert: (entity: A) => Effect.Effect<void, StorageError>
  /** Replaces a stored entity, only if the stored version is `entity.version - 1` (compare-and-set). */
  readonly update: (entity: A) => Effect.Effect<void, NotFound | VersionConflict | StorageError>
  /** Deletes a stored entity, only if the stored version is `entity.version`. */
  readonly remove: (entity: A) => Effect.Effect<void, NotFound | VersionConflict | StorageError>
  /** Reads one entity by id. */
  readonly findById: (id: Id) => Effect.Effect<Option.Option<A>, StorageError>
  /** Reads at most `request.limit` entities matching the filter, in the requested order, after `request.after`. */
  readonly list: (request: ListRequest<Filter, Field>) => Effect.Effect<ReadonlyArray<A>, StorageError>
  /** Counts the entities matching the filter. */
  readonly count: (filter: Filter) => Effect.Effect<number, StorageError>
  /** Deletes every entity matching the filter and returns them (for cascades and their events). */
  readonly removeWhere: (filter: Filter) => Effect.Effect<ReadonlyArray<A>, StorageError>
}
