import { foldedKey, nameKey, timeKey } from "../domain/Entity.js"
import type { SortKey } from "../domain/Paging.js"

/** How a list sorts by one field: the key an entity sorts by, and where adapters keep that key. */
export interface SortSpec {
  /** The entity field the key is computed from. */
  readonly field: string
  /** The sort key of the field's value; null keys sort first. */
  readonly key: (value: any) => SortKey
  /** The column that stores the key when it is not the field's own value (adapters sort on it). */
  readonly stored: string | undefined
  /** Whether the key may be null. */
  readonly nullable: boolean
}

/** Sort specs by sort-field name. */
export type SortSpecs = { readonly [name: string]: SortSpec }

/** Sorts by an instant, as epoch milliseconds; an unset instant (`nullable`) sorts first. */
export const time = (field: string, options: { readonly nullable: boolean } = { nullable: false }): SortSpec => ({
  field,
  key: options.nullable
    ? (value: Parameters<typeof timeKey>[0] | null) => (value === null ? null : timeKey(value))
    : timeKey,
  stored: undefined,
  nullable: options.nullable
})

/** Sorts by a text case-insensitively; the lower-cased key is stored in `stored`. */
export const text = (field: string, stored: string): SortSpec => ({
  field,
  key: nameKey,
  stored,
  nullable: false
})

/** Sorts by a name with case, accents and spacing folded (`foldedKey`), stored in `stored`: the order of lists
 * whose names are unique in that sense, so the same key finds a name's holder. */
export const folded = (field: string, stored: string): SortSpec => ({
  field,
  key: foldedKey,
  stored,
  nullable: false
})

/** Sorts by a value that orders as it is (a `YYYY-MM-DD` date, a number), null first when `nullable`. */
export const value = (field: string, options: { readonly nullable: boolean }): SortSpec => ({
  field,
  key: (v: string | number | null) => v,
  stored: undefined,
  nullable: options.nullable
})

/** Sorts by the rank of an enumerated value (stored in `stored`). */
export const rank = <K extends string>(
  field: string,
  ranks: Readonly<Record<K, number>>,
  stored: string
): SortSpec => ({
  field,
  key: (v: K) => ranks[v],
  stored,
  nullable: false
})
