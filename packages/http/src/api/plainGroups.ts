import { type AnyAggregate, camelCase, type PlainAggregate, plainAggregates } from "@agency-crm/core"
import { HttpApi, type HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { archiveEndpoint, crudGroup } from "./crud.js"

/** The group name of a plain aggregate: its plural in camelCase (`lead_sources` → `leadSources`). */
export const groupName = <G extends AnyAggregate>(aggregate: G) => camelCase(aggregate.plural as G["plural"])

const crudOf = <G extends AnyAggregate>(aggregate: G) =>
  crudGroup(groupName(aggregate), aggregate, {
    entity: aggregate.schema as G["schema"],
    created: aggregate.schema as G["schema"],
    create: aggregate.inputs.create as G["inputs"]["create"],
    update: (aggregate.inputs.update ?? Schema.Struct({})) as NonNullable<G["inputs"]["update"]>
  })

const plainCrud = <G extends AnyAggregate>(aggregate: G) => crudOf(aggregate).middleware(Authentication)

const plainArchivable = <G extends AnyAggregate>(aggregate: G) =>
  crudOf(aggregate)
    .add(archiveEndpoint("archive", aggregate, aggregate.id as G["id"], aggregate.schema as G["schema"]))
    .add(archiveEndpoint("restore", aggregate, aggregate.id as G["id"], aggregate.schema as G["schema"]))
    .middleware(Authentication)

/** The group of a plain aggregate `G`. */
export type PlainGroupOf<G extends AnyAggregate> = G extends {
  readonly archivable: { readonly refuseNewReferences: boolean }
}
  ? ReturnType<typeof plainArchivable<G>>
  : ReturnType<typeof plainCrud<G>>

/** The group of a plain aggregate, entirely from its declaration: the CRUD endpoints, and archive and restore when
 * it is archivable. */
export const plainGroup = <G extends AnyAggregate>(aggregate: G): PlainGroupOf<G> =>
  (aggregate.archivable === undefined ? plainCrud(aggregate) : plainArchivable(aggregate)).annotate(
    OpenApi.Description,
    `${aggregate.plural.replaceAll("_", " ")}: list, create, read, update, delete` +
      (aggregate.archivable === undefined ? "." : ", archive and restore.")
  ) as PlainGroupOf<G>

/** The groups of every plain aggregate. */
export type PlainGroups = PlainAggregate extends infer G ? (G extends AnyAggregate ? PlainGroupOf<G> : never) : never

/** The group names of every plain aggregate. */
export type PlainGroupNames =
  PlainGroups extends HttpApiGroup.HttpApiGroup<infer Name, any, any, any, any> ? Name : never

/** Adds the group of every plain aggregate to an API. */
export const withPlainGroups = <Id extends string, Groups extends HttpApiGroup.HttpApiGroup.Any, E, R>(
  api: HttpApi.HttpApi<Id, Groups, E, R>
): HttpApi.HttpApi<Id, Groups | PlainGroups, E, R> =>
  plainAggregates.reduce((all: any, aggregate) => all.add(plainGroup(aggregate)), api)
