import {
  aggregateOf,
  type AggregateName,
  AlreadyExists,
  type AnyAggregate,
  InvalidTransition,
  OpenTasksRemain,
  RuleViolated,
  dependentsOf,
  HasDependents,
  IdempotencyKeyReused,
  NotFound,
  Page,
  ReferencedEntityMissing,
  VersionConflict
} from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import type * as AST from "effect/SchemaAST"
import {
  PayloadTooLarge,
  PreconditionFailed,
  PreconditionRequired,
  RequestTimeout,
  UnsupportedMediaType
} from "./errors.js"
import { strict } from "./params.js"
import { listParams } from "./queries.js"

/** The optional `If-Match` header of a write: the entity version (its ETag) the client last read. */
export const IfMatch = Schema.Struct({ "if-match": Schema.optional(Schema.String) })

/** The `:id` path parameter. */
export const IdPath = <Id extends Schema.Schema.Any>(id: Id) => Schema.Struct({ id })

/** An error schema answered with `status`. */
const withStatus = <S extends Schema.Schema.Any>(schema: S, status: number): S =>
  schema.annotations(HttpApiSchema.annotations({ status })) as S

/** The errors of a core error class at their statuses, as endpoints add them. */
export const Statuses = {
  NotFound: withStatus(NotFound, 404),
  VersionConflict: withStatus(VersionConflict, 409),
  HasDependents: withStatus(HasDependents, 409),
  ReferencedEntityMissing: withStatus(ReferencedEntityMissing, 422),
  IdempotencyKeyReused: withStatus(IdempotencyKeyReused, 422),
  AlreadyExists: withStatus(AlreadyExists, 409),
  InvalidTransition: withStatus(InvalidTransition, 409),
  RuleViolated: withStatus(RuleViolated, 422),
  OpenTasksRemain: withStatus(OpenTasksRemain, 422)
} as const

type WithErrors<E, X> =
  E extends HttpApiEndpoint.HttpApiEndpoint<
    infer N,
    infer M,
    infer P,
    infer U,
    infer B,
    infer H,
    infer S,
    infer Err,
    infer R,
    infer RE
  >
    ? HttpApiEndpoint.HttpApiEndpoint<N, M, P, U, B, H, S, Err | X, R, RE>
    : never

/** Adds each error schema (annotated with its status) to an endpoint. */
export const addErrors = <
  E extends HttpApiEndpoint.HttpApiEndpoint.Any,
  const Errors extends ReadonlyArray<Schema.Schema.Any>
>(
  endpoint: E,
  errors: Errors
): WithErrors<E, Schema.Schema.Type<Errors[number]>> =>
  errors.reduce((e: any, schema) => e.addError(schema), endpoint) as WithErrors<E, Schema.Schema.Type<Errors[number]>>

/** What a request with a body may be refused for before it reaches the handler (see `requestGuard`). */
export const bodyErrors = [RequestTimeout, PayloadTooLarge, UnsupportedMediaType] as const

/** What a POST may be refused for: its body, an `Idempotency-Key` reused with another request, and a rule (the
 * CRM's or a plugin's check inside the write). */
export const postErrors = [...bodyErrors, Statuses.IdempotencyKeyReused, Statuses.RuleViolated] as const

/** What a conditional write (`If-Match`) of an existing entity may be refused for, a rule (the CRM's or a plugin's
 * check inside the write) included. */
export const conditionalErrors = [
  Statuses.NotFound,
  Statuses.VersionConflict,
  PreconditionFailed,
  PreconditionRequired,
  Statuses.RuleViolated
] as const

/** Whether deleting an entity of `name` can be refused: a `restrict` reference to it, or to an entity a delete
 * cascades to. */
const canRefuseDelete = (name: string, seen: ReadonlySet<string> = new Set()): boolean =>
  dependentsOf(name).some(
    (d) =>
      d.onDelete === "restrict" ||
      (d.onDelete === "cascade" &&
        !seen.has(d.aggregate.name) &&
        canRefuseDelete(d.aggregate.name, new Set([...seen, name])))
  )

const none = [] as const

// The top-level field names an input schema takes (through refinements and unions).
const inputFields = (ast: AST.AST): ReadonlyArray<string> => {
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.map((p) => String(p.name))
    case "Refinement":
      return inputFields(ast.from)
    case "Transformation":
      return inputFields(ast.to)
    case "Union":
      return ast.types.flatMap(inputFields)
    default:
      return []
  }
}

/** Whether an input can name another entity: one of its fields is a declared reference. */
const namesReferences = (aggregate: AnyAggregate, input: Schema.Schema.Any): boolean =>
  inputFields(input.ast).some((field) => field in aggregate.references)

/** Whether an input can name an archived entity that takes no new references (`RuleViolated`). */
const namesArchivable = (aggregate: AnyAggregate, input: Schema.Schema.Any): boolean =>
  inputFields(input.ast).some((field) => {
    const to = aggregate.references[field]?.to
    return to !== undefined && aggregateOf[to as AggregateName].archivable?.refuseNewReferences === true
  })

/** Whether an input can collide with another entity on the aggregate's identifying key (`AlreadyExists`). */
const collides = (aggregate: AnyAggregate, input: Schema.Schema.Any): boolean =>
  aggregate.uniqueBy !== undefined && inputFields(input.ast).includes(aggregate.sorts[aggregate.uniqueBy]!.field)

/** A group with the five CRUD endpoints of an aggregate (list, create, get, update, remove), its path, list
 * parameters and reference errors derived from the declaration; `errors` adds what an operation's own rules
 * refuse with. */
export const crudGroup = <
  const Name extends string,
  G extends AnyAggregate,
  Entity extends Schema.Schema.AnyNoContext,
  Created extends Schema.Schema.AnyNoContext,
  Create extends Schema.Schema.AnyNoContext,
  Update extends Schema.Schema.AnyNoContext,
  const CreateErrors extends ReadonlyArray<Schema.Schema.Any> = typeof none,
  const UpdateErrors extends ReadonlyArray<Schema.Schema.Any> = typeof none,
  const RemoveErrors extends ReadonlyArray<Schema.Schema.Any> = typeof none
>(
  name: Name,
  aggregate: G,
  options: {
    /** How one entity reads, e.g. `team member`; defaults to the aggregate's name in words. */
    readonly noun?: string
    readonly entity: Entity
    /** What a create answers (the entity, or a richer result). */
    readonly created: Created
    readonly create: Create
    readonly update: Update
    readonly errors?: {
      readonly create?: CreateErrors
      readonly update?: UpdateErrors
      readonly remove?: RemoveErrors
    }
  }
) => {
  const path = `/${aggregate.plural.replaceAll("_", "-")}` as const
  const one = `${path}/:id` as const
  const noun = options.noun ?? aggregate.name.replaceAll("_", " ")
  const plural = aggregate.plural.replaceAll("_", " ")
  const a = /^[aeiou]/i.test(noun) ? "an" : "a"
  const id = IdPath(
    aggregate.id as Schema.Schema<G extends { readonly id: Schema.Schema<infer I, string> } ? I : never, string>
  )
  // The derived errors are in every type (the typed client's), and in the document only where they can happen.
  const references = (input: Schema.Schema.Any) => [
    ...(namesReferences(aggregate, input) ? [Statuses.ReferencedEntityMissing] : []),
    ...(namesArchivable(aggregate, input) ? [Statuses.RuleViolated] : []),
    ...(collides(aggregate, input) ? [Statuses.AlreadyExists] : [])
  ]
  const refusals = canRefuseDelete(aggregate.name) ? [Statuses.HasDependents] : []
  const derived = <const X extends ReadonlyArray<Schema.Schema.Any>>(
    declared: X,
    present: ReadonlyArray<Schema.Schema.Any>
  ) =>
    // Declared first: an error both declared and derived keeps one entry.
    [...declared, ...present.filter((p) => !declared.includes(p))] as unknown as readonly [
      ...X,
      (
        | typeof Statuses.ReferencedEntityMissing
        | typeof Statuses.HasDependents
        | typeof Statuses.RuleViolated
        | typeof Statuses.AlreadyExists
      )
    ]
  return HttpApiGroup.make(name)
    .add(
      HttpApiEndpoint.get("list", path)
        .setUrlParams(listParams(aggregate))
        .addSuccess(Page(options.entity))
        .annotate(OpenApi.Summary, `List ${plural}`)
        .annotate(OpenApi.Description, `Filtered, sorted, cursor-paginated ${plural} (limit 1–200).`)
    )
    .add(
      addErrors(
        HttpApiEndpoint.post("create", path)
          .setPayload(strict(options.create))
          .addSuccess(options.created, { status: 201 }),
        [
          ...postErrors,
          ...derived(options.errors?.create ?? (none as unknown as CreateErrors), references(options.create))
        ]
      )
        .annotate(OpenApi.Summary, `Create ${a} ${noun}`)
        .annotate(
          OpenApi.Description,
          "Unknown and server-owned fields are refused. Send an `Idempotency-Key` to make a retry safe."
        )
    )
    .add(
      HttpApiEndpoint.get("get", one)
        .setPath(id)
        .addSuccess(options.entity)
        .addError(Statuses.NotFound)
        .annotate(OpenApi.Summary, `Get ${a} ${noun}`)
        .annotate(OpenApi.Description, "The response carries the entity version as its ETag.")
    )
    .add(
      addErrors(
        HttpApiEndpoint.patch("update", one)
          .setPath(id)
          .setHeaders(IfMatch)
          .setPayload(strict(options.update))
          .addSuccess(options.entity),
        [
          ...bodyErrors,
          ...conditionalErrors,
          ...derived(options.errors?.update ?? (none as unknown as UpdateErrors), references(options.update))
        ]
      )
        .annotate(OpenApi.Summary, `Update ${a} ${noun}`)
        .annotate(OpenApi.Description, "Only the given fields change. `If-Match` makes the write conditional.")
    )
    .add(
      addErrors(
        HttpApiEndpoint.del("remove", one).setPath(id).setHeaders(IfMatch).addSuccess(HttpApiSchema.NoContent),
        [...conditionalErrors, ...derived(options.errors?.remove ?? (none as unknown as RemoveErrors), refusals)]
      )
        .annotate(OpenApi.Summary, `Delete ${a} ${noun}`)
        .annotate(OpenApi.Description, "`If-Match` makes the deletion conditional. The change history stays.")
    )
}

/** `POST <path>/:id/archive` and `/restore` of an archivable aggregate: both answer the entity, conditionally on
 * `If-Match`. */
export const archiveEndpoint = <const Name extends "archive" | "restore", Entity extends Schema.Schema.AnyNoContext, I>(
  name: Name,
  aggregate: { readonly plural: string; readonly name: string },
  id: Schema.Schema<I, string>,
  entity: Entity
) => {
  const noun = aggregate.name.replaceAll("_", " ")
  return addErrors(
    HttpApiEndpoint.post(name, `/${aggregate.plural.replaceAll("_", "-")}/:id/${name}`)
      .setPath(IdPath(id))
      .setHeaders(IfMatch)
      .addSuccess(entity),
    [...conditionalErrors, Statuses.IdempotencyKeyReused]
  )
    .annotate(
      OpenApi.Summary,
      name === "archive" ? `Archive ${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}` : `Restore an archived ${noun}`
    )
    .annotate(
      OpenApi.Description,
      name === "archive"
        ? "Kept for history and for what already refers to it. `If-Match` makes the change conditional."
        : "`If-Match` makes the change conditional."
    )
}
