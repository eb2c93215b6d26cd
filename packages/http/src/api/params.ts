import { Cursor, MAX_LIMIT, SortOrder } from "@agency-crm/core"
import { Schema } from "effect"

/** An integer query parameter within bounds. */
export const IntParam = (min: number, max: number) =>
  Schema.NumberFromString.pipe(Schema.int(), Schema.between(min, max))

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
