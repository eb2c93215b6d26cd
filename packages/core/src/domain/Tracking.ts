import { Schema } from "effect"
import { ProjectId, TeamMemberId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { Cursor, Limit } from "./Paging.js"

const trackingFields = {
  /** The reference day; defaults to today in UTC. */
  today: Schema.optional(LocalDate),
  projectId: Schema.optional(ProjectId),
  assigneeId: Schema.optional(TeamMemberId),
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor)
}

/** Query of `Tracking.overdue`: open tasks due before the reference day, earliest first. */
export const OverdueQuery = Schema.Struct(trackingFields)
/** Query of `Tracking.overdue`. */
export type OverdueQuery = typeof OverdueQuery.Type

/** How far ahead `Tracking.dueSoon` looks when the query does not say: a week. */
export const DEFAULT_DUE_SOON_DAYS = 7

/** Query of `Tracking.dueSoon`: open tasks due from the reference day through `days` days later (default 7). */
export const DueSoonQuery = Schema.Struct({
  ...trackingFields,
  days: Schema.optional(Schema.Int.pipe(Schema.between(0, 366)))
})
/** Query of `Tracking.dueSoon`. */
export type DueSoonQuery = typeof DueSoonQuery.Type

/** Query of `Tracking.assigneeWork`: open tasks of one member by due date (undated first). */
export const AssigneeWorkQuery = Schema.Struct({
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor)
})
/** Query of `Tracking.assigneeWork`. */
export type AssigneeWorkQuery = typeof AssigneeWorkQuery.Type

/** Options naming the reference day of a tracking read. */
export const AsOf = Schema.Struct({ today: Schema.optional(LocalDate) })
/** Options naming the reference day of a tracking read. */
export type AsOf = typeof AsOf.Type
