import { Effect } from "effect"
import type { AnyAggregate, CreateInputOf, EntityOf, UpdateInputOf } from "../aggregate/Aggregate.js"
import { pascalCase } from "../aggregate/names.js"
import type { WriteOptions } from "../domain/Text.js"
import { Access } from "./Access.js"
import { crudOf } from "./Crud.js"

/** The whole service of a plain aggregate (no lifecycle, no rules of its own), derived from its declaration:
 * create, get, list, update and remove, and archive and restore when it is archivable; each traced and guarded by
 * the declared permissions. */
export const crudService = <G extends AnyAggregate>(aggregate: G) =>
  Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(aggregate)
    const service = pascalCase(aggregate.plural)
    const archiving = {
      /** Archives an entity; archiving an archived one changes nothing. */
      archive: Effect.fn(`${service}.archive`)(function* (id: EntityOf<G>["id"], options: WriteOptions = {}) {
        return yield* crud.setArchived(id, true, options)
      }),
      /** Restores an archived entity. */
      restore: Effect.fn(`${service}.restore`)(function* (id: EntityOf<G>["id"], options: WriteOptions = {}) {
        return yield* crud.setArchived(id, false, options)
      })
    }
    const operations = {
      ...crud.operations(service),
      create: Effect.fn(`${service}.create`)(function* (input: CreateInputOf<G>) {
        return yield* crud.create(input)
      }),
      update: Effect.fn(`${service}.update`)(function* (
        id: EntityOf<G>["id"],
        patch: UpdateInputOf<G>,
        options: WriteOptions = {}
      ) {
        return yield* crud.update(id, patch, options)
      })
    }
    // Only an archivable aggregate's service archives and restores.
    return access.guardAggregate(
      aggregate,
      aggregate.archivable === undefined ? operations : { ...operations, ...archiving }
    ) as unknown as ReturnType<typeof access.guardAggregate<typeof operations & Archiving<G, typeof archiving>>>
  })

type Archiving<G, Ops> = G extends { readonly archivable: { readonly refuseNewReferences: boolean } } ? Ops : {}
