import type { AnyAggregate, FilterSpec, ListQueryOf } from "@agency-crm/core"
import { Schema } from "effect"
import { BoolParam, ListParam, pagingParams } from "./params.js"

/** The query parameter of one filter: booleans as `true`/`false`, sets as comma-separated lists, any other value
 * as its schema's string form. */
const paramOf = (spec: FilterSpec<any>): Schema.Schema.Any => {
  switch (spec.kind) {
    case "isNull":
    case "isSet":
      return BoolParam
    case "among":
      return ListParam(spec.value as Schema.Schema<string>)
    default:
      return spec.value.ast === Schema.Boolean.ast ? BoolParam : spec.value
  }
}

/** The query parameters of an aggregate's list, derived from its declared filters and sort fields and decoded
 * into its core list query. */
export const listParams = <G extends AnyAggregate>(
  aggregate: G
): Schema.Schema<ListQueryOf<G>, { readonly [key: string]: string | undefined }> =>
  Schema.Struct({
    ...Object.fromEntries(
      Object.entries(aggregate.filters).map(([name, spec]) => [name, Schema.optional(paramOf(spec))])
    ),
    ...pagingParams(aggregate.SortField)
  }) as any
