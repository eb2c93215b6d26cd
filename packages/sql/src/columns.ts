import { Schema } from "effect"

/** A boolean stored as INTEGER 0/1. */
export const BooleanColumn = Schema.transform(Schema.Literal(0, 1), Schema.Boolean, {
  strict: true,
  decode: (n) => n === 1,
  encode: (b) => (b ? 1 : 0)
})

/** An instant stored as INTEGER epoch milliseconds (the sort key core uses for instants). */
export const TimeColumn = Schema.DateTimeUtcFromNumber

/** A nullable instant. */
export const NullableTimeColumn = Schema.NullOr(TimeColumn)

/** A nested value stored as JSON text. */
export const JsonColumn = <A, I>(schema: Schema.Schema<A, I, never>) => Schema.parseJson(schema)
