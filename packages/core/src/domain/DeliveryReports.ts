import { Schema } from "effect"
import { ClientId, ProjectId, TeamMemberId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { periodFields, periodInOrder } from "./Period.js"

/** The query of the delivery report: the period `[from, to)` (UTC dates), optionally one organization, project or
 * assignee; `today` (default: today in UTC) is the day "overdue now" is measured on. */
export const DeliveryQuery = Schema.Struct({
  ...periodFields,
  clientId: Schema.optional(ClientId),
  projectId: Schema.optional(ProjectId),
  assigneeId: Schema.optional(TeamMemberId),
  today: Schema.optional(LocalDate)
}).pipe(Schema.filter(periodInOrder))
/** The query of the delivery report. */
export type DeliveryQuery = typeof DeliveryQuery.Type

/** Delivery: of the tasks completed in the period, how many met their due date; and the open tasks overdue now, by
 * assignee (`null`: unassigned). */
export const DeliveryReport = Schema.Struct({
  completed: Schema.Int,
  /** Completed tasks that had a due date: the only ones on time or late. */
  withDueDate: Schema.Int,
  onTime: Schema.Int,
  late: Schema.Int,
  /** `onTime ÷ withDueDate`; `null` when no completed task had a due date. */
  onTimeRate: Schema.NullOr(Schema.Number),
  overdueNow: Schema.Array(Schema.Struct({ assigneeId: Schema.NullOr(TeamMemberId), count: Schema.Int }))
})
/** Delivery. */
export type DeliveryReport = typeof DeliveryReport.Type
