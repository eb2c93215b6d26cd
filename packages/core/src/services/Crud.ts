import { Effect, Schema } from "effect"
import * as AST from "effect/SchemaAST"
import type {
  AnyAggregate,
  CreateInputOf,
  EntityOf,
  FilterOfAggregate,
  ListQueryOf,
  UpdateInputOf
} from "../aggregate/Aggregate.js"
import type { ListSpec } from "../domain/Entity.js"
import { aggregateOf, type AggregateName, repositoryIn, type RepositoryPorts } from "../aggregate/registry.js"
import type { EntityType } from "../domain/EntityType.js"
import { AlreadyExists, type ReferencedEntityMissing, RuleViolated, type StorageError } from "../domain/Errors.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import type { Repository } from "../ports/Repository.js"
import { Dependents } from "./Dependents.js"
import { entityWrites, modelOf } from "./entityWrites.js"
import type { EventType } from "../events/DomainEvent.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { definedOnly, reference } from "./loading.js"
import { paginate, type PagingQuery, splitQuery } from "./paging.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

/** The set fields of a validated patch. */
type Patch<P> = { readonly [K in keyof P]?: Exclude<P[K], undefined> }

/** The fields of an entity class that may be null, each `null`: a plain create leaves them null when its input
 * does. */
export const nullableFields = (schema: Schema.Schema.Any): Readonly<Record<string, null>> =>
  "fields" in schema
    ? Object.fromEntries(
        Object.entries(schema.fields as Schema.Struct.Fields)
          .filter(([, field]) => {
            const ast = (field as Schema.Schema.Any).ast
            return AST.isUnion(ast) && ast.types.some((t) => AST.isLiteral(t) && t.literal === null)
          })
          .map(([name]) => [name, null])
      )
    : {}

/** The operations every aggregate's service shares, derived from its declaration: get, list, remove with the
 * declared reference rules, the reference checks of a write, and the write steps. Services add what differs. */
export const crudOf = <G extends AnyAggregate>(aggregate: G) =>
  Effect.gen(function* () {
    type A = EntityOf<G>
    const context = yield* Effect.context<RepositoryPorts>()
    const repositoryOf = (name: string) => repositoryIn(context, aggregateOf[name as AggregateName])
    const repository = repositoryOf(aggregate.name) as Repository<A, A["id"], any, string>
    const uow = yield* UnitOfWork
    const dependents = yield* Dependents
    const writes = entityWrites({ aggregate, repository, record: uow.record })
    const validateQuery = validate(aggregate.ListQuery as G["ListQuery"])
    const validateOptions = validate(WriteOptions)
    const name = aggregate.name as AggregateName
    const ids = yield* IdGenerator
    const nulls = nullableFields(aggregate.schema)
    const references = Object.entries(aggregate.references)

    /** Fails with `ReferencedEntityMissing` on the first reference field of `fields` naming no entity, and with
     * `RuleViolated` on one naming an archived entity of an aggregate that refuses new references when archived. */
    const checkReferences = (fields: { readonly [K in keyof A]?: A[K] | undefined }): Effect.Effect<
      void,
      ReferencedEntityMissing | RuleViolated | StorageError
    > =>
      Effect.forEach(
        references,
        ([field, { to }]) => {
          const id = (fields as Record<string, unknown>)[field]
          if (typeof id !== "string") return Effect.void
          const target = aggregateOf[to as AggregateName] as AnyAggregate
          return Effect.flatMap(reference(field, to as EntityType, repositoryOf(to).findById, id), (found) =>
            target.archivable?.refuseNewReferences === true && (found as { archivedAt?: unknown }).archivedAt != null
              ? RuleViolated.of(
                  `${to}_archived`,
                  `${field}: ${to.replaceAll("_", " ")} ${id} is archived; restore it or choose another`
                )
              : Effect.void
          )
        },
        { discard: true }
      )

    // The sort whose key identifies an entity, if the aggregate declares one.
    const unique = aggregate.uniqueBy === undefined ? undefined : aggregate.sorts[aggregate.uniqueBy]!

    /** Fails with `AlreadyExists` when another entity than `self` holds the identifying key of `fields`. */
    const checkUnique = (fields: Partial<A>, self: string | null) =>
      Effect.gen(function* () {
        if (unique === undefined) return
        const value = (fields as Record<string, unknown>)[unique.field]
        if (value === undefined) return
        const key = unique.key(value)
        // The first entity at or after the key in the identifying order is its only possible holder.
        const rows = yield* repository.list({
          filter: {},
          sortBy: aggregate.uniqueBy!,
          order: "asc",
          limit: 2,
          after: { key, id: "" }
        })
        const taken = rows.find(
          (row) => row.id !== self && unique.key((row as Record<string, unknown>)[unique.field]) === key
        )
        if (taken !== undefined) return yield* AlreadyExists.of(name, unique.field, String(value))
      })

    const validateCreate = validate(aggregate.inputs.create as Schema.Schema<CreateInputOf<G>, any>)
    const validateUpdate = validate(
      (aggregate.inputs.update ?? Schema.Struct({})) as Schema.Schema<UpdateInputOf<G>, any>
    )
    const created = `${aggregate.name}.created` as EventType
    const updated = `${aggregate.name}.updated` as EventType
    const makeId = (id: string) => id as A["id"]

    /** Creates an entity from a plain input: the input's fields, null for every nullable field it leaves out. */
    const create = (input: CreateInputOf<G>) =>
      Effect.gen(function* () {
        const valid = yield* validateCreate(input)
        return yield* uow.write(
          Effect.gen(function* () {
            yield* checkReferences(valid as Partial<A>)
            yield* checkUnique(valid as Partial<A>, null)
            const at = yield* now
            const entity = modelOf(aggregate).make({
              ...nulls,
              ...(valid as object),
              id: makeId(yield* ids.next),
              version: 1,
              createdAt: at,
              updatedAt: at
            } as A)
            yield* writes.insert(entity, created)
            return entity
          })
        )
      })

    /** Applies a validated patch: `prepare` first (the aggregate's own rules, which may add fields), then the
     * patch's reference fields are checked, and it is saved at the next version; nothing is written when nothing
     * changes. */
    const update = <E = never, R = never>(
      id: A["id"],
      patch: UpdateInputOf<G>,
      options: WriteOptions,
      prepare: (current: A, valid: Patch<UpdateInputOf<G>>) => Effect.Effect<Partial<A> | void, E, R> = () =>
        Effect.void
    ) =>
      Effect.gen(function* () {
        const valid = definedOnly(yield* validateUpdate(patch)) as Patch<UpdateInputOf<G>>
        const { expectedVersion } = yield* validateOptions(options)
        return yield* uow.write(
          Effect.gen(function* () {
            const current = yield* writes.loadForWrite(id, expectedVersion)
            const extra = yield* prepare(current, valid)
            yield* checkReferences(valid as Partial<A>)
            yield* checkUnique(valid as Partial<A>, current.id)
            return yield* writes.save(current, { ...(valid as Partial<A>), ...(extra ?? {}) }, updated)
          })
        )
      })

    /** Reads one entity. */
    const get = (id: A["id"]) => writes.get(id)

    /** Lists entities: the query validated, its filter normalised by `normalize`, paged by cursor. */
    const list = (
      query: ListQueryOf<G>,
      normalize: (filter: FilterOfAggregate<G>) => FilterOfAggregate<G> = (filter) => filter
    ) =>
      Effect.gen(function* () {
        const { filter, paging } = splitQuery(yield* validateQuery(query))
        return yield* paginate(
          aggregate.list as ListSpec<A, string>,
          normalize(filter as FilterOfAggregate<G>),
          paging as PagingQuery<string>,
          repository.list
        )
      })

    /** Deletes an entity inside a write: its `restrict` dependents refuse, then `check` runs, then its cascades
     * and cleared references are applied and it is deleted. */
    const remove = <E = never, R = never>(
      id: A["id"],
      options: WriteOptions,
      check: (current: A) => Effect.Effect<void, E, R> = () => Effect.void as Effect.Effect<void, E, R>
    ) =>
      Effect.gen(function* () {
        const { expectedVersion } = yield* validateOptions(options)
        return yield* uow.write(
          Effect.gen(function* () {
            const current = yield* writes.loadForWrite(id, expectedVersion)
            yield* dependents.refuse(name, current.id)
            yield* check(current)
            yield* dependents.clear(name, current.id)
            yield* writes.remove(current)
          })
        )
      })

    /** Archives (`archived: true`) or restores an archivable entity; archiving an archived one changes nothing. */
    const setArchived = (id: A["id"], archived: boolean, options: WriteOptions) =>
      Effect.gen(function* () {
        const { expectedVersion } = yield* validateOptions(options)
        return yield* uow.write(
          Effect.gen(function* () {
            const current = yield* writes.loadForWrite(id, expectedVersion)
            const archivedAt = (current as { readonly archivedAt?: unknown }).archivedAt ?? null
            if (archived === (archivedAt !== null)) return current
            return yield* writes.save(
              current,
              { archivedAt: archived ? yield* now : null } as unknown as Partial<A>,
              `${aggregate.name}.${archived ? "archived" : "restored"}` as EventType
            )
          })
        )
      })

    /** `get`, `list` and `remove` as a service exposes them: traced as `<service>.<operation>`. */
    const operations = (service: string) => ({
      get: Effect.fn(`${service}.get`)(function* (id: A["id"]) {
        return yield* get(id)
      }),
      list: Effect.fn(`${service}.list`)(function* (query: ListQueryOf<G> = {} as ListQueryOf<G>) {
        return yield* list(query)
      }),
      remove: Effect.fn(`${service}.remove`)(function* (id: A["id"], options: WriteOptions = {}) {
        return yield* remove(id, options)
      })
    })

    return {
      operations,
      repository,
      writes,
      model: modelOf(aggregate),
      checkReferences,
      checkUnique,
      setArchived,
      create,
      get,
      list,
      update,
      remove
    } as const
  })
