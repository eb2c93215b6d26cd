import { Schema } from "effect"
import { ClientId, ProjectId, TeamMemberId } from "./Ids.js"
import { Money } from "./Money.js"
import { periodFields, periodInOrder } from "./Period.js"
import { CampaignType, ProjectStatus } from "./Project.js"
import { MedianMean } from "./ReportFigures.js"
import { Name } from "./Text.js"

/** The query of the projects report: the period `[from, to)` (UTC dates), optionally one organization, project
 * manager or campaign type. */
export const ProjectsReportQuery = Schema.Struct({
  ...periodFields,
  clientId: Schema.optional(ClientId),
  managerId: Schema.optional(TeamMemberId),
  campaignType: Schema.optional(CampaignType)
}).pipe(Schema.filter(periodInOrder))
/** The query of the projects report. */
export type ProjectsReportQuery = typeof ProjectsReportQuery.Type

/** A project's budget against what is allocated to it. */
export const ProjectBudget = Schema.Struct({
  projectId: ProjectId,
  name: Name,
  status: ProjectStatus,
  budget: Schema.NullOr(Money),
  /** People's allocated hours (members carry no cost rate, so time is reported in hours). */
  allocatedHours: Schema.Number,
  /** Material allocated, per currency (quantity × unit cost, each rounded to the minor unit). */
  allocatedCost: Schema.Array(Money),
  /** Budget minus the material cost in the budget's currency; `null` without a budget. */
  remainingMinor: Schema.NullOr(Schema.Int),
  /** Whether the material cost in the budget's currency exceeds the budget. */
  overBudget: Schema.Boolean
})
/** A project's budget against what is allocated to it. */
export type ProjectBudget = typeof ProjectBudget.Type

/** Projects over a period: each project running in it with its budget against its allocated cost, and how long
 * the projects completed in it took from activation to completion. */
export const ProjectsReport = Schema.Struct({
  /** The projects running at some time in the period (activated before its end, not completed or cancelled
   * before its start), ordered by name. */
  running: Schema.Array(ProjectBudget),
  /** Projects completed in the period. */
  completed: Schema.Int,
  /** Days from first activation to completion of those (with fractions, two decimals); `null` when none. */
  durationDays: MedianMean
})
/** Projects over a period. */
export type ProjectsReport = typeof ProjectsReport.Type
