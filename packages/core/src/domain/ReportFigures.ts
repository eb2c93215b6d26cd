import { Schema } from "effect"

/** A share of a whole, 0 to 1: `null` when the whole is empty. */
export const Share = Schema.NullOr(Schema.Number)

/** The median and mean of some durations or amounts (two decimals): `null` when there are none. */
export const MedianMean = Schema.Struct({ median: Schema.NullOr(Schema.Number), mean: Schema.NullOr(Schema.Number) })
/** The median and mean of some figures. */
export type MedianMean = typeof MedianMean.Type
