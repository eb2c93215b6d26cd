import { Effect } from "effect"
import type { AnyAggregate, CreateInputOf, ListQueryOf, UpdateInputOf } from "../aggregate/Aggregate.js"
import type { WriteOptions } from "../domain/Text.js"
import { Access } from "./Access.js"
import { crudOf } from "./Crud.js"

/** The whole service of a plain aggregate (no lifecycle, no rules of its own), derived from its declaration:
 * create, get, list, update and remove, each traced and guarded by the declared permissions. */
export const crudService = <G extends AnyAggregate>(aggregate: G) =>
  Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(aggregate)
    const span = (operation: string) =>
      `${aggregate.name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}s.${operation}`
    return access.guardAggregate(aggregate, {
      create: (input: CreateInputOf<G>) => crud.create(input).pipe(Effect.withSpan(span("create"))),
      get: (id: Parameters<typeof crud.get>[0]) => crud.get(id).pipe(Effect.withSpan(span("get"))),
      list: (query: ListQueryOf<G> = {} as ListQueryOf<G>) => crud.list(query).pipe(Effect.withSpan(span("list"))),
      update: (id: Parameters<typeof crud.get>[0], patch: UpdateInputOf<G>, options: WriteOptions = {}) =>
        crud.update(id, patch, options).pipe(Effect.withSpan(span("update"))),
      remove: (id: Parameters<typeof crud.get>[0], options: WriteOptions = {}) =>
        crud.remove(id, options).pipe(Effect.withSpan(span("remove")))
    })
  })
