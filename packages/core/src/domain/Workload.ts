import { Schema } from "effect"
import { TeamMemberId } from "./Ids.js"

/** Open work of one assignee (`null`: unassigned tasks). */
export const WorkloadEntry = Schema.Struct({
  assigneeId: Schema.NullOr(TeamMemberId),
  open: Schema.Int,
  overdue: Schema.Int
})
/** Open work of one assignee. */
export type WorkloadEntry = typeof WorkloadEntry.Type
