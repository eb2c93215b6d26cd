import { Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { Name, ShortText } from "./Text.js"

/** The fields of every master-data entry (a lead source, a market, a position). */
export const masterDataFields = <Id extends Schema.Schema.Any>(id: Id) => ({
  ...entityFields(id),
  name: Name,
  description: Schema.NullOr(ShortText),
  archivedAt: Schema.NullOr(Schema.DateTimeUtc)
})

/** Input of creating a master-data entry. */
export const CreateMasterDataInput = Schema.Struct({
  name: Name,
  description: Schema.optional(Schema.NullOr(ShortText))
})
/** Input of creating a master-data entry. */
export type CreateMasterDataInput = typeof CreateMasterDataInput.Type

/** Input of updating a master-data entry: only the given fields change. */
export const UpdateMasterDataInput = Schema.Struct({
  name: Schema.optional(Name),
  description: Schema.optional(Schema.NullOr(ShortText))
})
/** Input of updating a master-data entry. */
export type UpdateMasterDataInput = typeof UpdateMasterDataInput.Type

/** A stored master-data entry. */
export interface MasterDataEntry {
  readonly id: string
  readonly version: number
  readonly name: string
  readonly archivedAt: unknown
}

/** Declares a master-data list: entries with a name unique case-, accent- and space-insensitively (the `name`
 * sort's key), listed by name, archived rather than deleted while anything refers to them (and then named by no
 * new reference), maintained by managers and admins. Plain: the service and endpoints are derived. */
export const define = <
  const Name extends string,
  const Plural extends string,
  A extends MasterDataEntry & { readonly createdAt: unknown; readonly updatedAt: unknown }
>(declaration: {
  readonly name: Name
  readonly plural: Plural
  readonly schema: Schema.Schema<A, any>
  readonly id: Schema.Schema<A["id"], string>
}) =>
  Aggregate.define({
    ...declaration,
    filters: { archived: Filters.isSet("archivedAt") },
    sorts: { name: Sorts.folded("name", "nameKey"), createdAt: Sorts.time("createdAt") },
    defaultSort: { by: "name", order: "asc" },
    inputs: { create: CreateMasterDataInput, update: UpdateMasterDataInput },
    references: {},
    events: ["created", "updated", "archived", "restored", "deleted"],
    eventRefs: () => ({}),
    permissions: { read: "crm.read", write: "master_data.manage", remove: "master_data.manage" },
    insteadOfDelete: "archive it instead",
    archivable: { refuseNewReferences: true },
    uniqueBy: "name",
    naturalKey: { by: "name" },
    plain: true
  })

/** One entry of a default set: a fixed id, so every store starts with the same entries. */
export interface DefaultEntry {
  readonly id: string
  readonly name: string
}

/** A default set: the names, with ids `00000000-0000-7000-<series>-<n>`. */
export const defaultSet = (series: string, names: ReadonlyArray<string>): ReadonlyArray<DefaultEntry> =>
  names.map((name, i) => ({ id: `00000000-0000-7000-${series}-${(i + 1).toString(16).padStart(12, "0")}`, name }))
