import { Schema } from "effect"

/** The kinds of entity the CRM stores; used in errors, events and timelines. It names exactly the aggregates of
 * `aggregate/registry.ts` (the compiler checks it there). */
export const EntityType = Schema.Literal(
  "team_member",
  "client",
  "contact",
  "project",
  "task",
  "allocation",
  "interaction",
  "review",
  "api_key"
)

/** The kinds of entity the CRM stores. */
export type EntityType = typeof EntityType.Type
