import { Cursor, MAX_LIMIT, SortOrder } from "@agency-crm/core"
import { Schema } from "effect"

/** An integer written in decimal digits: `16`, never `0x10`, `1e1`, ` 16` or `16.0`. */
export const DecimalInteger = Schema.compose(
  Schema.String.pipe(Schema.pattern(/^-?\d{1,15}$/, { message: () => "must be an integer in decimal digits" })),
  Schema.NumberFromString
)

/** An integer query parameter within bounds, in decimal digits. */
export const IntParam = (min: number, max: number) => DecimalInteger.pipe(Schema.int(), Schema.between(min, max))

/** A boolean query parameter: `true` or `false`. */
export const BoolParam = Schema.BooleanFromString

/** A comma-separated list query parameter, e.g. `status=todo,blocked`. */
export const ListParam = <A extends string>(item: Schema.Schema<A>) =>
  Schema.transform(Schema.String, Schema.Array(item).pipe(Schema.minItems(1)), {
    // The split strings are only candidates: the array schema validates each one.
    strict: false,
    decode: (s) => s.split(","),
    encode: (values) => values.join(",")
  })

/** The paging query parameters of a list sorted by one of `sortFields`. */
export const pagingParams = <Field extends string>(sortFields: Schema.Schema<Field>) => ({
  sortBy: Schema.optional(sortFields),
  order: Schema.optional(SortOrder),
  limit: Schema.optional(IntParam(1, MAX_LIMIT)),
  cursor: Schema.optional(Cursor)
})

/** A write body that rejects unknown and server-owned fields (`id`, `version`, timestamps) by name. */
export const strict = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  schema.annotations({ parseOptions: { onExcessProperty: "error", errors: "all" } })
