import { Effect } from "effect"
import type { AnyAggregate, CreateInputOf, EntityOf, UpdateInputOf } from "../aggregate/Aggregate.js"
import { pascalCase } from "../aggregate/names.js"
import type { WriteOptions } from "../domain/Text.js"
import { Access } from "./Access.js"
import { crudOf } from "./Crud.js"

/** The whole service of a plain aggregate (no lifecycle, no rules of its own), derived from its declaration:
 * create, get, list, update and remove, each traced and guarded by the declared permissions. */
export const crudService = <G extends AnyAggregate>(aggregate: G) =>
  Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(aggregate)
    const service = pascalCase(aggregate.plural)
    return access.guardAggregate(aggregate, {
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
    })
  })
