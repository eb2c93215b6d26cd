import { Context, Schema } from "effect"
import type { ListSpec } from "../domain/Entity.js"
import type { ClientId, ProjectId, TeamMemberId } from "../domain/Ids.js"
import { pagingFields, type SortOrder } from "../domain/Paging.js"
import type { Permission } from "../domain/Policy.js"
import type { SearchDocument } from "../domain/Search.js"
import type { Repository } from "../ports/Repository.js"
import { type FilterOf, type FilterSpecs, matcher } from "./Filters.js"
import { pascalCase } from "./names.js"
import type { SortSpecs } from "./Sorts.js"

/** What happens to the entities that refer to one being deleted: the delete is refused (`HasDependents`),
 * they are deleted with it, their reference is cleared, or (history) the reference is kept as the record of
 * what it pointed at. Enforced by core the same way on every adapter. */
export type OnDelete = "restrict" | "cascade" | "setNull" | "keep"

/** A field that holds the id of another aggregate's entity. */
export interface Reference {
  /** The entity type referred to. */
  readonly to: string
  readonly onDelete: OnDelete
}

/** The client, project and assignee an event is about, for filtering feeds and timelines. */
export interface EventRefs {
  readonly clientId?: ClientId | null
  readonly projectId?: ProjectId | null
  readonly assigneeId?: TeamMemberId | null
}

/** The inputs of an aggregate's create and update operations. */
export interface Inputs {
  readonly create: Schema.Schema<any, any>
  readonly update?: Schema.Schema<any, any> | undefined
}

/** The permissions of an aggregate's plain operations. */
export interface Permissions {
  readonly read: Permission
  readonly write: Permission
  readonly remove: Permission
}

/** What is stored: an entity with an id and an optimistic-concurrency version. */
export interface Stored {
  readonly id: string
  readonly version: number
}

/** The identifier type of the repository tag of the aggregate `Name`. */
export interface RepositoryOf<Name extends string> {
  readonly repositoryOf: Name
}

/** The declaration of an aggregate: everything the shared machinery derives the rest from. */
export interface Declaration<
  Name extends string,
  A extends Stored,
  F extends FilterSpecs,
  S extends SortSpecs,
  Events extends ReadonlyArray<string>,
  In extends Inputs = Inputs,
  Plural extends string = string
> {
  /** The entity type, `snake_case`: in errors, events, timelines and the permission table. */
  readonly name: Name
  /** The plural, `snake_case`: the SQL table, and (dashed) the HTTP path. */
  readonly plural: Plural
  /** The stored entity: a `Schema.Class`, or a union of classes. */
  readonly schema: Schema.Schema<A, any>
  /** The branded id. */
  readonly id: Schema.Schema<A["id"], string>
  /** Filters of its lists, by name. */
  readonly filters: F
  /** Sort fields of its lists, by name. */
  readonly sorts: S
  readonly defaultSort: { readonly by: keyof S & string; readonly order: SortOrder }
  /** What creating an entity takes, and what an update may change (validated before any write). */
  readonly inputs: In
  /** Fields holding ids of other aggregates, with what deleting the referred entity does. */
  readonly references: { readonly [field: string]: Reference }
  /** What happened to an entity, as `<name>.<event>` event types. */
  readonly events: Events
  /** What its events point at. */
  readonly eventRefs: (entity: A) => EventRefs
  /** Its searchable fields, as the document every search index holds for an entity (title and body). */
  readonly search?: ((entity: A) => SearchDocument) | undefined
  readonly permissions: Permissions
  /** A plain aggregate (no lifecycle, no rules of its own): its service (`Crm.serviceOf`) and its HTTP endpoints
   * are derived, with nothing written for it beyond this declaration and its migration. */
  readonly plain?: boolean | undefined
  /** What to do instead when a delete is refused because others refer to the entity. */
  readonly insteadOfDelete?: string | undefined
  /** Entities are archived (`archivedAt`) and restored, with the `archived` and `restored` events; when
   * `refuseNewReferences`, an archived entity cannot be named by a new or changed reference. */
  readonly archivable?: { readonly refuseNewReferences: boolean } | undefined
  /** The sort whose key identifies an entity: a create or update that would give two entities the same key fails
   * with `AlreadyExists` on the sort's field. */
  readonly uniqueBy?: (keyof S & string) | undefined
  /** What its events record, when not every stored field (a credential's hash stays out of the log). */
  readonly eventView?: { readonly schema: Schema.Schema<any, any>; readonly of: (entity: A) => unknown } | undefined
  /** A copy of `current` with `fields` applied, validated; needed when `schema` is not a single class. */
  readonly rebuild?: ((current: A, fields: Partial<A>) => A) | undefined
  /** How people name an entity where a file would hold its id (an organization by name, a member by email): a sort
   * or an `eq` filter, and how a given name is folded before it is looked up. */
  readonly naturalKey?: NaturalKey | undefined
  /** `eq` filters whose value no two entities share (the store refuses a second one). */
  readonly uniqueFilters?: ReadonlyArray<keyof F & string> | undefined
}

/** How people name an entity instead of by its id. */
export interface NaturalKey {
  /** A sort (its key identifies the entity) or an `eq` filter. */
  readonly by: string
  /** Applied to a given name before it is looked up (e.g. lower-casing an email the store keeps lower-cased). */
  readonly fold?: ((name: string) => string) | undefined
}

/** The tag of an aggregate's repository. */
export type RepositoryTag<
  Name extends string,
  A extends Stored,
  F extends FilterSpecs,
  S extends SortSpecs
> = Context.Tag<RepositoryOf<Name>, Repository<A, A["id"], FilterOf<F>, keyof S & string>>

/** An aggregate: its declaration and what is derived from it in core. */
export interface Aggregate<
  Name extends string,
  A extends Stored,
  F extends FilterSpecs,
  S extends SortSpecs,
  Events extends ReadonlyArray<string>,
  In extends Inputs = Inputs,
  Plural extends string = string
> extends Declaration<Name, A, F, S, Events, In, Plural> {
  /** The storage port of its entities. */
  readonly repository: RepositoryTag<Name, A, F, S>
  /** The filters of a list, as one schema. */
  readonly Filter: Schema.Schema<FilterOf<F>, any>
  /** The sort fields of a list. */
  readonly SortField: Schema.Schema<keyof S & string> & { readonly literals: ReadonlyArray<keyof S & string> }
  /** A list query: the filters and the paging fields. */
  readonly ListQuery: Schema.Schema<
    FilterOf<F> & {
      readonly sortBy?: keyof S & string
      readonly order?: SortOrder
      readonly limit?: number
      readonly cursor?: string
    },
    any
  >
  /** How lists sort and page. */
  readonly list: ListSpec<A, keyof S & string>
  /** Whether an entity matches a filter: the reference semantics every adapter must follow. */
  readonly matches: (filter: FilterOf<F>, entity: A) => boolean
  /** Its event types. */
  readonly eventTypes: ReadonlyArray<`${Name}.${Events[number]}`>
}

/** Any aggregate, for the machinery that works over all of them. */
export interface AnyAggregate {
  readonly name: string
  readonly plural: string
  readonly schema: Schema.Schema<any, any>
  readonly id: Schema.Schema<any, string>
  readonly filters: FilterSpecs
  readonly sorts: SortSpecs
  readonly defaultSort: { readonly by: string; readonly order: SortOrder }
  readonly inputs: Inputs
  readonly references: { readonly [field: string]: Reference }
  readonly events: ReadonlyArray<string>
  readonly eventRefs: (entity: any) => EventRefs
  readonly search?: ((entity: any) => SearchDocument) | undefined
  readonly permissions: Permissions
  readonly insteadOfDelete?: string | undefined
  readonly archivable?: { readonly refuseNewReferences: boolean } | undefined
  readonly uniqueBy?: string | undefined
  readonly plain?: boolean | undefined
  readonly eventView?: { readonly schema: Schema.Schema<any, any>; readonly of: (entity: any) => unknown } | undefined
  readonly rebuild?: ((current: any, fields: any) => any) | undefined
  readonly naturalKey?: NaturalKey | undefined
  readonly uniqueFilters?: ReadonlyArray<string> | undefined
  readonly repository: Context.Tag<any, any>
  readonly Filter: Schema.Schema<any, any>
  readonly SortField: Schema.Schema<any>
  readonly ListQuery: Schema.Schema<any, any>
  readonly list: ListSpec<any, any>
  readonly matches: (filter: any, entity: any) => boolean
  readonly eventTypes: ReadonlyArray<string>
}

/** The entity of an aggregate. */
export type EntityOf<G> = G extends { readonly schema: Schema.Schema<infer A, any> } ? A : never

/** The filter of an aggregate's lists. */
export type FilterOfAggregate<G> = G extends { readonly filters: infer F extends FilterSpecs } ? FilterOf<F> : never

/** The sort fields of an aggregate's lists. */
export type SortFieldOf<G> = G extends { readonly sorts: infer S } ? keyof S & string : never

/** The create input of an aggregate. */
export type CreateInputOf<G> = G extends { readonly inputs: { readonly create: Schema.Schema<infer I, any> } }
  ? I
  : never

/** The update input of an aggregate. */
export type UpdateInputOf<G> = G extends {
  readonly inputs: { readonly update?: Schema.Schema<infer I, any> | undefined }
}
  ? I
  : never

/** The list query of an aggregate. */
export type ListQueryOf<G> = G extends { readonly ListQuery: Schema.Schema<infer Q, any> } ? Q : never

/** Declares an aggregate once; its filter and query schemas, list order, filter semantics, repository tag and
 * event types are derived here, and the adapters, services and HTTP layer derive theirs from it. */
export const define = <
  const Name extends string,
  A extends Stored,
  const F extends FilterSpecs,
  const S extends SortSpecs,
  const Events extends ReadonlyArray<string>,
  In extends Inputs,
  const Plural extends string,
  const Plain extends boolean = false,
  const Archivable extends { readonly refuseNewReferences: boolean } | undefined = undefined
>(
  declaration: Declaration<Name, A, F, S, Events, In, Plural> & {
    readonly plain?: Plain
    readonly archivable?: Archivable
  }
): Aggregate<Name, A, F, S, Events, In, Plural> & { readonly plain: Plain; readonly archivable: Archivable } => {
  const Filter = Schema.Struct(
    Object.fromEntries(Object.entries(declaration.filters).map(([name, spec]) => [name, Schema.optional(spec.schema)]))
  ) as unknown as Schema.Schema<FilterOf<F>, any> & { readonly fields: Schema.Struct.Fields }
  const sortNames = Object.keys(declaration.sorts) as Array<keyof S & string>
  const SortField = Schema.Literal(...sortNames) as unknown as Aggregate<Name, A, F, S, Events, In, Plural>["SortField"]
  const sorts = declaration.sorts
  const list: ListSpec<A, keyof S & string> = {
    entity: declaration.name as ListSpec<A, string>["entity"],
    sortKey: (entity, field) => {
      const sort = sorts[field]!
      return sort.key((entity as unknown as Record<string, unknown>)[sort.field] ?? null)
    },
    defaultSortBy: declaration.defaultSort.by,
    defaultOrder: declaration.defaultSort.order
  }
  const repository = Context.GenericTag<RepositoryOf<Name>, Repository<A, A["id"], FilterOf<F>, keyof S & string>>(
    `@agency-crm/core/${pascalCase(declaration.name)}Repository`
  )
  return {
    ...declaration,
    plain: (declaration.plain ?? false) as Plain,
    archivable: declaration.archivable as Archivable,
    repository,
    Filter,
    SortField,
    ListQuery: Schema.Struct({ ...Filter.fields, ...pagingFields(SortField) }) as unknown as Aggregate<
      Name,
      A,
      F,
      S,
      Events,
      In,
      Plural
    >["ListQuery"],
    list,
    matches: matcher<A, F>(declaration.filters),
    eventTypes: declaration.events.map((event) => `${declaration.name}.${event}` as `${Name}.${Events[number]}`)
  }
}
