import { DateTime, Effect } from "effect"
import { startOf } from "../domain/Period.js"
import {
  isOpenStage,
  OPEN_STAGES,
  opportunityAggregate,
  type OpportunityStage,
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
import { stageChangeAggregate, StageChangeRepository } from "../domain/StageChange.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { allMatching, allMatchingEach, forEachMatching } from "./paging.js"
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

    // The opportunities of the query's organization, owner, source and market matching `filter`, read in `sortBy`
    // order (that of the range filter, so the adapter walks that field's index); with `stages`, one read per stage
    // (each an index range of its own).
    const opportunitiesWhere = (
      query: SalesReportQuery,
      filter: Record<string, unknown>,
      options: {
        readonly sortBy?: "createdAt" | "stageChangedAt" | "closedAt" | "salesOrderDate" | "expectedCloseDate"
        readonly stages?: ReadonlyArray<string>
      } = {}
    ) => {
      const { from: _from, to: _to, ...scope } = query
      const sortBy = options.sortBy ?? "createdAt"
      return options.stages === undefined
        ? allMatching(opportunityAggregate.list, sortBy, { ...scope, ...filter }, opportunities.list)
        : allMatchingEach(
            opportunityAggregate.list,
            sortBy,
            "stage",
            options.stages,
            { ...scope, ...filter },
            opportunities.list
          )
    }

    const pipeline = Effect.fn("SalesReports.pipeline")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const end = startOf(q.to)
      // Open then and unchanged since: open now, in the stage they were in then.
      const unchanged = yield* opportunitiesWhere(
        q,
        { createdBefore: end, stageChangedBefore: end },
        { stages: OPEN_STAGES }
      )
      // Changed since: the first change at or after the end left the stage they were in then. Only the changes
      // since the end are read, so a recent period reads little history however long it is.
      const stageThen = new Map<string, OpportunityStage>()
      yield* forEachMatching(stageChangeAggregate.list, "changedAt", { changedFrom: end }, changes.list, (batch) =>
        Effect.sync(() =>
          batch.forEach((change) => {
            if (change.fromStage !== null && !stageThen.has(change.opportunityId))
              stageThen.set(change.opportunityId, change.fromStage)
          })
        )
      )
      const changed = (yield* opportunitiesWhere(q, { stageChangedFrom: end }, { sortBy: "stageChangedAt" })).flatMap(
        (o) => {
          const stage = DateTime.lessThan(o.createdAt, end) ? stageThen.get(o.id) : undefined
          if (stage === undefined || !isOpenStage(stage)) return []
          // Amounts are today's; the probability is the opportunity's own while it is still in that stage.
          return [{ ...o, stage, probability: stage === o.stage ? o.probability : stageProbability[stage] }]
        }
      )
      const open = [...unchanged, ...changed]
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
      const open = yield* opportunitiesWhere(
        q,
        { stage: OPEN_STAGES, closeFrom: q.from, closeBefore: q.to },
        { sortBy: "expectedCloseDate" }
      )
      const report: ForecastReport = stageTotals(open)
      return report
    })

    const conversion = Effect.fn("SalesReports.conversion")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      const created = yield* opportunitiesWhere(q, { createdFrom: startOf(q.from), createdBefore: startOf(q.to) })
      const report: ConversionReport = {
        total: outcomesOf(created),
        byOrigination: outcomesBy(created, (o) => o.originationId).map(([originationId, outcomes]) => ({
          originationId,
          outcomes
        })),
        byMarket: outcomesBy(created, (o) => o.marketId).map(([marketId, outcomes]) => ({ marketId, outcomes })),
        funnel: funnelOf(created)
      }
      return report
    })

    const wins = Effect.fn("SalesReports.wins")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      // Standby also records when it paused, and is no close.
      const closed = yield* opportunitiesWhere(
        q,
        { closedFrom: startOf(q.from), closedBefore: startOf(q.to) },
        { sortBy: "closedAt", stages: ["sales_order", "rejected", "not_qualified"] }
      )
      const report: WinsReport = winsOf(closed)
      return report
    })

    const revenue = Effect.fn("SalesReports.revenue")(function* (query: SalesReportQuery) {
      const q = yield* validateQuery(query)
      // Only sales orders have a sales-order date.
      const sold = yield* opportunitiesWhere(q, { soldFrom: q.from, soldBefore: q.to }, { sortBy: "salesOrderDate" })
      const report: RevenueReport = revenueOf(sold, q.from, q.to)
      return report
    })

    return access.guard("SalesReports", { pipeline, forecast, conversion, wins, revenue })
  })
}) {}
