import { Effect, Option } from "effect"
import type { EntityType } from "../domain/EntityType.js"
import {
  NotFound,
  ReferencedEntityMissing,
  RuleViolated,
  type StorageError,
  VersionConflict
} from "../domain/Errors.js"

/** Reads an entity or fails with `NotFound`. */
export const load = <A, Id extends string>(
  entity: EntityType,
  find: (id: Id) => Effect.Effect<Option.Option<A>, StorageError>,
  id: Id
): Effect.Effect<A, NotFound | StorageError> =>
  Effect.flatMap(find(id), Option.match({ onNone: () => Effect.fail(NotFound.of(entity, id)), onSome: Effect.succeed }))

/** Reads an entity named by an input field or fails with `ReferencedEntityMissing` on that field. */
export const reference = <A, Id extends string>(
  field: string,
  entity: EntityType,
  find: (id: Id) => Effect.Effect<Option.Option<A>, StorageError>,
  id: Id
): Effect.Effect<A, ReferencedEntityMissing | StorageError> =>
  Effect.flatMap(
    find(id),
    Option.match({ onNone: () => Effect.fail(ReferencedEntityMissing.of(field, entity, id)), onSome: Effect.succeed })
  )

/** Fails with `VersionConflict` when the caller expected another version than the stored one. */
export const checkVersion = (
  entity: EntityType,
  current: { readonly id: string; readonly version: number },
  expectedVersion: number | undefined
): Effect.Effect<void, VersionConflict> =>
  expectedVersion === undefined || expectedVersion === current.version
    ? Effect.void
    : Effect.fail(VersionConflict.of(entity, current.id, expectedVersion, current.version))

/** The properties of a patch that are set (an absent or `undefined` property means "leave as is"). */
export const definedOnly = <P extends object>(patch: P): { [K in keyof P]?: Exclude<P[K], undefined> } =>
  Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as {
    [K in keyof P]?: Exclude<P[K], undefined>
  }

/** Reads the entity an input field names, like `reference`, and fails with `RuleViolated` `<entity>_of_other_client`
 * unless it belongs to `clientId` (what an interaction, an opportunity or a task names must be of its client). */
export const referenceOfClient = <A extends { readonly clientId: string }, Id extends string>(
  field: string,
  entity: EntityType,
  find: (id: Id) => Effect.Effect<Option.Option<A>, StorageError>,
  id: Id,
  clientId: string
): Effect.Effect<A, ReferencedEntityMissing | RuleViolated | StorageError> =>
  Effect.flatMap(reference(field, entity, find, id), (found) =>
    found.clientId === clientId
      ? Effect.succeed(found)
      : Effect.fail(
          RuleViolated.of(
            `${entity}_of_other_client`,
            `${field}: ${entity.replaceAll("_", " ")} ${id} belongs to another client than ${clientId}`
          )
        )
  )
