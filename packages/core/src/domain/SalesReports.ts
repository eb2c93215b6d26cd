import { Schema } from "effect"
import { ClientId, MarketId, OriginationId, TeamMemberId } from "./Ids.js"
import { periodFields, periodInOrder } from "./Period.js"
import { MedianMean, Share } from "./ReportFigures.js"
import { OpportunityStage, PipelineAmount, PipelineStage } from "./Opportunity.js"

/** The query of every sales report: the period `[from, to)` (UTC dates) and the opportunities it covers (by
 * owner, lead source, market, organization). */
export const SalesReportQuery = Schema.Struct({
  ...periodFields,
  ownerId: Schema.optional(TeamMemberId),
  originationId: Schema.optional(OriginationId),
  marketId: Schema.optional(MarketId),
  clientId: Schema.optional(ClientId)
}).pipe(Schema.filter(periodInOrder))
/** The query of a sales report. */
export type SalesReportQuery = typeof SalesReportQuery.Type

/** A group of the pipeline: its count and its amounts per currency, total and weighted. */
const PipelineGroup = <K extends Schema.Schema.Any>(key: K) =>
  Schema.Struct({ key, count: Schema.Int, amounts: Schema.Array(PipelineAmount) })

/** The pipeline at the end of the period (`to`): the opportunities open then, by the stage they were in, by owner,
 * by lead source and by market. */
export const PipelineReport = Schema.Struct({
  stages: Schema.Array(PipelineStage),
  byOwner: Schema.Array(PipelineGroup(TeamMemberId)),
  byOrigination: Schema.Array(PipelineGroup(Schema.NullOr(OriginationId))),
  byMarket: Schema.Array(PipelineGroup(Schema.NullOr(MarketId)))
})
/** The pipeline at the end of the period. */
export type PipelineReport = typeof PipelineReport.Type

/** The open opportunities expected to close in the period, by stage, with their weighted amounts. */
export const ForecastReport = Schema.Struct({ stages: Schema.Array(PipelineStage) })
/** The forecast. */
export type ForecastReport = typeof ForecastReport.Type

/** How the opportunities of a group ended up (as of now): counts, and shares of the group's total. */
export const Outcomes = Schema.Struct({
  created: Schema.Int,
  won: Schema.Int,
  lost: Schema.Int,
  standby: Schema.Int,
  open: Schema.Int,
  wonShare: Share,
  lostShare: Share,
  standbyShare: Share
})
/** How the opportunities of a group ended up. */
export type Outcomes = typeof Outcomes.Type

/** One step of the stage funnel: how many reached the stage, and the share of those that reached the next. */
export const FunnelStep = Schema.Struct({
  stage: OpportunityStage,
  reached: Schema.Int,
  nextShare: Share
})

/** Conversion of the opportunities created in the period: their outcomes, by lead source and by market, and the
 * stage funnel. */
export const ConversionReport = Schema.Struct({
  total: Outcomes,
  byOrigination: Schema.Array(Schema.Struct({ originationId: Schema.NullOr(OriginationId), outcomes: Outcomes })),
  byMarket: Schema.Array(Schema.Struct({ marketId: Schema.NullOr(MarketId), outcomes: Outcomes })),
  funnel: Schema.Array(FunnelStep)
})
/** Conversion of the opportunities created in the period. */
export type ConversionReport = typeof ConversionReport.Type

/** An amount of one currency: how many, their total and its mean (rounded half up to the minor unit). */
export const CurrencyTotal = Schema.Struct({
  currency: Schema.String,
  count: Schema.Int,
  totalMinor: Schema.Int,
  averageMinor: Schema.Int
})

/** The sales closed in the period: win rate, cycle length and deal size. */
export const WinsReport = Schema.Struct({
  /** Opportunities closed in the period: won, rejected or not qualified (standby is a pause, not a close). */
  closed: Schema.Int,
  won: Schema.Int,
  /** `won ÷ closed`; `null` when nothing closed. */
  winRate: Share,
  /** Days from creation to the win of each opportunity won in the period: median and mean (`null` when none). */
  cycleDays: MedianMean,
  /** The sales orders of the opportunities won in the period, per currency. */
  dealSize: Schema.Array(CurrencyTotal)
})
/** The sales closed in the period. */
export type WinsReport = typeof WinsReport.Type

/** Revenue: the sales orders dated in the period, by calendar month (`YYYY-MM`, every month of the period) and
 * currency. */
export const RevenueReport = Schema.Struct({
  months: Schema.Array(Schema.Struct({ month: Schema.String, amounts: Schema.Array(CurrencyTotal) }))
})
/** Revenue by month. */
export type RevenueReport = typeof RevenueReport.Type
