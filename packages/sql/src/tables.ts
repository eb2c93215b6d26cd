import { aggregates, type AnyAggregate, priorityRank, type TaskPriority } from "@agency-crm/core"
import { fragment } from "./sql.js"
import { type FilterSql, tableOf } from "./Table.js"

// Where a derived condition is not the best one an index can serve, the adapter says so here, once.
const better: { readonly [aggregate: string]: { readonly [filter: string]: FilterSql } } = {
  // Filtering on the rank lets the priority sort index serve the filter too.
  task: {
    priority: (values: ReadonlyArray<TaskPriority>) =>
      fragment(`priorityRank IN (${values.map((p) => priorityRank[p]).join(", ")})`)
  }
}

/** The table of every registered aggregate, by aggregate name. */
export const tables = new Map(
  (aggregates as ReadonlyArray<AnyAggregate>).map((aggregate) => [
    aggregate.name,
    tableOf(aggregate, { filters: better[aggregate.name] ?? {} })
  ])
)

/** The table of an aggregate. */
export const tableFor = (name: string) => tables.get(name)!
