import { Schema } from "effect"
import { MarketId, OriginationId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { periodFields, periodInOrder } from "./Period.js"
import { Share } from "./ReportFigures.js"

/** The query of the retention report: the period `[from, to)` (UTC dates), optionally the organizations of one
 * market or one lead source. */
export const RetentionQuery = Schema.Struct({
  ...periodFields,
  marketId: Schema.optional(MarketId),
  originationId: Schema.optional(OriginationId)
}).pipe(Schema.filter(periodInOrder))
/** The query of the retention report. */
export type RetentionQuery = typeof RetentionQuery.Type

/** Retention: of the organizations active in the previous period of the same length (a won opportunity or a
 * running project), how many are active in this one. */
export const RetentionReport = Schema.Struct({
  /** The previous period: as many days as this one, ending where it starts. */
  previous: Schema.Struct({ from: LocalDate, to: LocalDate }),
  /** Organizations active in the previous period. */
  previousActive: Schema.Int,
  /** Of those, the ones active in this period too. */
  retained: Schema.Int,
  /** Of those, the ones not active in this period. */
  lapsed: Schema.Int,
  /** Organizations active in this period that were not in the previous one. */
  gained: Schema.Int,
  /** Organizations active in this period. */
  active: Schema.Int,
  /** `retained ÷ previousActive`; `null` when no organization was active in the previous period. */
  retentionRate: Share
})
/** Retention. */
export type RetentionReport = typeof RetentionReport.Type
