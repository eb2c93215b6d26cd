import { Schema } from "effect"
import { ClientId, TeamMemberId } from "./Ids.js"
import { periodFields, periodInOrder } from "./Period.js"
import { CampaignType } from "./Project.js"
import { CONVERSATION_KINDS } from "./Interaction.js"

/** The query of the satisfaction report: the period `[from, to)` (UTC dates), and optionally one organization,
 * one project manager or one campaign type. */
export const SatisfactionQuery = Schema.Struct({
  ...periodFields,
  clientId: Schema.optional(ClientId),
  managerId: Schema.optional(TeamMemberId),
  campaignType: Schema.optional(CampaignType)
}).pipe(Schema.filter(periodInOrder))
/** The query of the satisfaction report. */
export type SatisfactionQuery = typeof SatisfactionQuery.Type

/** How many scores, and their mean (two decimals; `null` when there are none). */
export const ScoreSummary = Schema.Struct({ count: Schema.Int, mean: Schema.NullOr(Schema.Number) })

/** Client satisfaction: the feedback scores (1–5) given in the period, their mean and distribution, by project
 * manager and by campaign type (feedback about no project under `null`). */
export const SatisfactionReport = Schema.Struct({
  total: ScoreSummary,
  distribution: Schema.Array(Schema.Struct({ score: Schema.Int, count: Schema.Int })),
  byManager: Schema.Array(Schema.Struct({ managerId: Schema.NullOr(TeamMemberId), scores: ScoreSummary })),
  byCampaignType: Schema.Array(Schema.Struct({ campaignType: Schema.NullOr(CampaignType), scores: ScoreSummary }))
})
/** Client satisfaction. */
export type SatisfactionReport = typeof SatisfactionReport.Type

/** The query of the response-time report: the period `[from, to)` (UTC dates), optionally one organization. */
export const ResponseTimeQuery = Schema.Struct({
  ...periodFields,
  clientId: Schema.optional(ClientId)
}).pipe(Schema.filter(periodInOrder))
/** The query of the response-time report. */
export type ResponseTimeQuery = typeof ResponseTimeQuery.Type

/** The kinds of inbound interaction that expect an answer (feedback and internal notes do not). */
export const ANSWERABLE_KINDS = CONVERSATION_KINDS

/** Response time: for each inbound interaction of the period, the hours until the next outbound one with the same
 * organization (at any later time); median and mean over the answered ones (two decimals; `null` when none). */
export const ResponseTimeReport = Schema.Struct({
  inbound: Schema.Int,
  answered: Schema.Int,
  unanswered: Schema.Int,
  medianHours: Schema.NullOr(Schema.Number),
  meanHours: Schema.NullOr(Schema.Number)
})
/** Response time. */
export type ResponseTimeReport = typeof ResponseTimeReport.Type
