import { Effect } from "effect"
import { startOf } from "../domain/Period.js"
import {
  isOpenStage,
  OPEN_STAGES,
  opportunityAggregate,
  OpportunityRepository,
  stageProbability
} from "../domain/Opportunity.js"
import {
  type ConversionReport,
  type ForecastReport,
  type PipelineReport,
  type RevenueReport,
  SalesReportQuery,
  type WinsReport
} from "../domain/SalesReports.js"
import { type StageChange, stageChangeAggregate, StageChangeRepository } from "../domain/StageChange.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { allMatching, forEachMatching } from "./paging.js"
import { funnelOf, outcomesBy, outcomesOf, revenueOf, stageTotals, weightedBy, winsOf } from "./salesFigures.js"

/** Sales reports over a period `[from, to)`: the pipeline at its end, forecast, conversion and funnel, wins (win rate, cycle length, deal
 * size) and revenue; read through the storage ports, so every adapter gives the same figures. */
export class SalesReports extends Effect.Service<SalesReports>()("@agency-crm/core/SalesReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const opportunities = yield* OpportunityRepository
    const changes = yield* StageChangeRepository
    const validateQuery = validate(SalesReportQuery)

    // The opportunities of the query's organization, owner, source and market matching `filter`.
    const opportunitiesWhere = (query: SalesReportQuery, filter: Record<string, unknown>) => {
      const { from: _from, to: _to, ...scope } = query
      return allMatching(opportunityAggregate.list, "createdAt", { ...scope, ...filter }, opportunities.list)
    }

    const pipeline = Effect.fn("SalesReports.pipeline")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const end = startOf(q.to)
      const existing = yield* opportunitiesWhere(q, { createdBefore: end })
      // The stage each was in at the end of the period: its last change before then.
      const stageAt = new Map<string, StageChange>()
      yield* forEachMatching(stageChangeAggregate.list, "changedAt", { changedBefore: end }, changes.list, (batch) =>
        Effect.sync(() => batch.forEach((change) => stageAt.set(change.opportunityId, change)))
      )
      const open = existing.flatMap((o) => {
        const stage = stageAt.get(o.id)?.toStage
        if (stage === undefined || !isOpenStage(stage)) return []
        // Amounts are today's; the probability is the opportunity's own while it is still in that stage.
        return [{ ...o, stage, probability: stage === o.stage ? o.probability : stageProbability[stage] }]
      })
      const report: PipelineReport = {
        ...stageTotals(open),
        byOwner: weightedBy(open, (o) => o.ownerId),
        byOrigination: weightedBy(open, (o) => o.originationId),
        byMarket: weightedBy(open, (o) => o.marketId)
      }
      return report
    })

    const forecast = Effect.fn("SalesReports.forecast")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const open = yield* opportunitiesWhere(q, { stage: OPEN_STAGES, closeFrom: q.from, closeBefore: q.to })
      const report: ForecastReport = stageTotals(open)
      return report
    })

    const conversion = Effect.fn("SalesReports.conversion")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const created = yield* opportunitiesWhere(q, { createdFrom: startOf(q.from), createdBefore: startOf(q.to) })
      // Every change of those opportunities happened at or after their creation, so at or after `from`.
      const history = yield* allMatching(
        stageChangeAggregate.list,
        "changedAt",
        { changedFrom: startOf(q.from) },
        changes.list
      )
      const report: ConversionReport = {
        total: outcomesOf(created),
        byOrigination: outcomesBy(created, (o) => o.originationId).map(([originationId, outcomes]) => ({
          originationId,
          outcomes
        })),
        byMarket: outcomesBy(created, (o) => o.marketId).map(([marketId, outcomes]) => ({ marketId, outcomes })),
        funnel: funnelOf(created, history)
      }
      return report
    })

    const wins = Effect.fn("SalesReports.wins")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const closed = yield* opportunitiesWhere(q, {
        stage: ["sales_order", "rejected", "not_qualified"],
        closedFrom: startOf(q.from),
        closedBefore: startOf(q.to)
      })
      const report: WinsReport = winsOf(closed)
      return report
    })

    const revenue = Effect.fn("SalesReports.revenue")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const sold = yield* opportunitiesWhere(q, { stage: ["sales_order"], soldFrom: q.from, soldBefore: q.to })
      const report: RevenueReport = revenueOf(sold, q.from, q.to)
      return report
    })

    return access.guard("SalesReports", { pipeline, forecast, conversion, wins, revenue })
  })
}) {}
