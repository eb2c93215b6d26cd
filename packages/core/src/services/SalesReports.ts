import { DateTime, Effect } from "effect"
import type { LocalDate } from "../domain/LocalDate.js"
import { OPEN_STAGES, type Opportunity, opportunityAggregate, OpportunityRepository } from "../domain/Opportunity.js"
import {
  type ConversionReport,
  type ForecastReport,
  type RevenueReport,
  SalesReportQuery,
  type WinsReport
} from "../domain/SalesReports.js"
import { type StageChange, stageChangeAggregate, StageChangeRepository } from "../domain/StageChange.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { forEachMatching } from "./paging.js"
import { funnelOf, outcomesBy, outcomesOf, revenueOf, stageTotals, winsOf } from "./salesFigures.js"

const startOf = (date: LocalDate) => DateTime.unsafeMake(`${date}T00:00:00Z`)

/** Sales reports over a period `[from, to)`: forecast, conversion and funnel, wins (win rate, cycle length, deal
 * size) and revenue; read through the storage ports, so every adapter gives the same figures. */
export class SalesReports extends Effect.Service<SalesReports>()("@agency-crm/core/SalesReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const opportunities = yield* OpportunityRepository
    const changes = yield* StageChangeRepository
    const validateQuery = validate(SalesReportQuery)

    // The opportunities of the query's organization, owner, source and market matching `filter`.
    const opportunitiesWhere = (query: SalesReportQuery, filter: Record<string, unknown>) =>
      Effect.gen(function* () {
        const rows: Array<Opportunity> = []
        const { from: _from, to: _to, ...scope } = query
        yield* forEachMatching(
          opportunityAggregate.list,
          "createdAt",
          { ...scope, ...filter },
          opportunities.list,
          (batch) => Effect.sync(() => rows.push(...batch))
        )
        return rows
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
      const history: Array<StageChange> = []
      yield* forEachMatching(
        stageChangeAggregate.list,
        "changedAt",
        { changedFrom: startOf(q.from) },
        changes.list,
        (batch) => Effect.sync(() => history.push(...batch))
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

    return access.guard("SalesReports", { forecast, conversion, wins, revenue })
  })
}) {}
