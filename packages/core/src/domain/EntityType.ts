import { Schema } from "effect"
import { type AggregateName, aggregates } from "../aggregate/registry.js"

/** The kinds of entity the CRM stores, one per registered aggregate; used in errors, events and timelines. */
export const EntityType = Schema.Literal(
  ...(aggregates.map((aggregate) => aggregate.name) as unknown as readonly [AggregateName, ...Array<AggregateName>])
)

/** The kinds of entity the CRM stores. */
export type EntityType = typeof EntityType.Type
