import { DateTime, Schema } from "effect"
import type { EntityType } from "./EntityType.js"
import type { SortKey, SortOrder } from "./Paging.js"
import { Version } from "./Text.js"

/** Fields every stored entity has: its id, optimistic-concurrency version and timestamps. */
export const entityFields = <Id extends Schema.Schema.Any>(id: Id) => ({
  id,
  version: Version,
  createdAt: Schema.DateTimeUtc,
  updatedAt: Schema.DateTimeUtc
})

/** How an entity is listed: the sort key of each sortable field and the default sort. */
export interface ListSpec<A, Field extends string> {
  readonly entity: EntityType
  readonly sortKey: (entity: A, field: Field) => SortKey
  readonly defaultSortBy: Field
  readonly defaultOrder: SortOrder
}

/** The sort key of an instant: epoch milliseconds. */
export const timeKey = (dateTime: DateTime.DateTime): number => DateTime.toEpochMillis(dateTime)

/** The sort key of a name: lower-cased so lists read alphabetically regardless of case. */
export const nameKey = (name: string): string => name.toLowerCase()

/** The identity key of a name: case, accents and spacing folded, so `Événements` and `evenements  ` are the same
 * name. */
export const foldedKey = (name: string): string =>
  name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim().replace(/\s+/g, " ")
