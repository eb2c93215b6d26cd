import { NotFound, Page, VersionConflict } from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { PreconditionFailed, PreconditionRequired } from "./errors.js"
import { strict } from "./params.js"

/** The optional `If-Match` header of a write: the entity version (its ETag) the client last read. */
export const IfMatch = Schema.Struct({ "if-match": Schema.optional(Schema.String) })

/** The `:id` path parameter. */
export const IdPath = <Id extends Schema.Schema.Any>(id: Id) => Schema.Struct({ id })

/** A group with the five CRUD endpoints of a resource: list, create, get, update (PATCH), remove. */
export const crudGroup = <
  const Name extends string,
  Entity extends Schema.Schema.AnyNoContext,
  Created extends Schema.Schema.AnyNoContext,
  IdA extends string,
  ParamsA,
  Create extends Schema.Schema.AnyNoContext,
  Update extends Schema.Schema.AnyNoContext
>(
  name: Name,
  options: {
    readonly path: `/${string}`
    readonly noun: string
    readonly plural: string
    readonly entity: Entity
    /** What a create answers (the entity, or a richer result). */
    readonly created: Created
    readonly id: Schema.Schema<IdA, string>
    readonly params: Schema.Schema<ParamsA, { readonly [key: string]: string | undefined }>
    readonly create: Create
    readonly update: Update
  }
) => {
  const one = `${options.path}/:id` as const
  const a = /^[aeiou]/i.test(options.noun) ? "an" : "a"
  const path = IdPath(options.id)
  return HttpApiGroup.make(name)
    .add(
      HttpApiEndpoint.get("list", options.path)
        .setUrlParams(options.params)
        .addSuccess(Page(options.entity))
        .annotate(OpenApi.Summary, `List ${options.plural}`)
        .annotate(OpenApi.Description, `Filtered, sorted, cursor-paginated ${options.plural} (limit 1–200).`)
    )
    .add(
      HttpApiEndpoint.post("create", options.path)
        .setPayload(strict(options.create))
        .addSuccess(options.created, { status: 201 })
        .annotate(OpenApi.Summary, `Create ${a} ${options.noun}`)
        .annotate(
          OpenApi.Description,
          "Unknown and server-owned fields are refused. Send an `Idempotency-Key` to make a retry safe."
        )
    )
    .add(
      HttpApiEndpoint.get("get", one)
        .setPath(path)
        .addSuccess(options.entity)
        .addError(NotFound, { status: 404 })
        .annotate(OpenApi.Summary, `Get ${a} ${options.noun}`)
        .annotate(OpenApi.Description, "The response carries the entity version as its ETag.")
    )
    .add(
      HttpApiEndpoint.patch("update", one)
        .setPath(path)
        .setHeaders(IfMatch)
        .setPayload(strict(options.update))
        .addSuccess(options.entity)
        .addError(NotFound, { status: 404 })
        .addError(VersionConflict, { status: 409 })
        .addError(PreconditionFailed, { status: 412 })
        .addError(PreconditionRequired, { status: 428 })
        .annotate(OpenApi.Summary, `Update ${a} ${options.noun}`)
        .annotate(OpenApi.Description, "Only the given fields change. `If-Match` makes the write conditional.")
    )
    .add(
      HttpApiEndpoint.del("remove", one)
        .setPath(path)
        .setHeaders(IfMatch)
        .addSuccess(HttpApiSchema.NoContent)
        .addError(NotFound, { status: 404 })
        .addError(VersionConflict, { status: 409 })
        .addError(PreconditionFailed, { status: 412 })
        .addError(PreconditionRequired, { status: 428 })
        .annotate(OpenApi.Summary, `Delete ${a} ${options.noun}`)
        .annotate(OpenApi.Description, "`If-Match` makes the deletion conditional. The change history stays.")
    )
}
