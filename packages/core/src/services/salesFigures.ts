import type { LocalDate } from "../domain/LocalDate.js"
import type { Money } from "../domain/Money.js"
import { OPEN_STAGES, type Opportunity, type OpportunityStage } from "../domain/Opportunity.js"
import type { Pipeline } from "../domain/Opportunity.js"
import type { ConversionReport, Outcomes, RevenueReport, WinsReport } from "../domain/SalesReports.js"
import { daysFrom, groupBy, medianMean, share } from "./reportMath.js"

// Every sales figure, defined once over the opportunities (and stage changes) a report reads; docs/reports.md
// states the same definitions in words.

const byCurrency = <K>(entries: Iterable<readonly [K, number]>) => {
  const sums = new Map<K, { count: number; total: number }>()
  for (const [key, amount] of entries) {
    const sum = sums.get(key) ?? { count: 0, total: 0 }
    sum.count += 1
    sum.total += amount
    sums.set(key, sum)
  }
  return sums
}

const currencyTotals = (amounts: ReadonlyArray<{ readonly currency: string; readonly amountMinor: number }>) =>
  Array.from(byCurrency(amounts.map((a) => [a.currency, a.amountMinor] as const)), ([currency, sum]) => ({
    currency,
    count: sum.count,
    totalMinor: sum.total,
    averageMinor: Math.round(sum.total / sum.count)
  })).sort((a, b) => (a.currency < b.currency ? -1 : 1))

/** What weighs in a pipeline: a stage, an amount and the probability it is weighted with. */
export interface Weighed {
  readonly stage: OpportunityStage
  readonly amount: Money | null
  readonly probability: number
}

/** The count of `items`, and per currency their total and probability-weighted total (summed in hundredths of
 * the minor unit, rounded half up once). */
const weighted = (items: ReadonlyArray<Weighed>) => {
  const amounts = new Map<string, { total: number; weighted: number }>()
  for (const item of items) {
    if (item.amount === null) continue
    const sum = amounts.get(item.amount.currency) ?? { total: 0, weighted: 0 }
    sum.total += item.amount.amountMinor
    sum.weighted += item.amount.amountMinor * item.probability
    amounts.set(item.amount.currency, sum)
  }
  return {
    count: items.length,
    amounts: Array.from(amounts, ([currency, sum]) => ({
      currency,
      totalMinor: sum.total,
      weightedMinor: Math.round(sum.weighted / 100)
    })).sort((a, b) => (a.currency < b.currency ? -1 : 1))
  }
}

/** Open opportunities (or anything weighed) by open stage, each with its count and weighted amounts. */
export const stageTotals = (items: Iterable<Weighed>): Pipeline => {
  const all = Array.from(items)
  return {
    stages: OPEN_STAGES.map((stage) => ({ stage, ...weighted(all.filter((item) => item.stage === stage)) }))
  }
}

/** Weighed items grouped by `key` (ordered by key, `null` last), each group's count and weighted amounts. */
export const weightedBy = <T extends Weighed, K extends string | null>(items: ReadonlyArray<T>, key: (item: T) => K) =>
  groupBy(items, key).map(([k, group]) => ({ key: k, ...weighted(group) }))

/** How a group of opportunities ended up, as of now. */
export const outcomesOf = (opportunities: ReadonlyArray<Opportunity>): Outcomes => {
  const count = (stages: ReadonlyArray<OpportunityStage>) =>
    opportunities.filter((o) => stages.includes(o.stage)).length
  const created = opportunities.length
  const won = count(["sales_order"])
  const lost = count(["rejected", "not_qualified"])
  const standby = count(["standby"])
  return {
    created,
    won,
    lost,
    standby,
    open: created - won - lost - standby,
    wonShare: share(won, created),
    lostShare: share(lost, created),
    standbyShare: share(standby, created)
  }
}

/** `opportunities` grouped by `key` (null last), each group's outcomes. */
export const outcomesBy = <K extends string | null>(
  opportunities: ReadonlyArray<Opportunity>,
  key: (o: Opportunity) => K
): ReadonlyArray<readonly [K, Outcomes]> => groupBy(opportunities, key).map(([k, group]) => [k, outcomesOf(group)])

const FUNNEL: ReadonlyArray<OpportunityStage> = [...OPEN_STAGES, "sales_order"]

/** The stage funnel of some opportunities: how many reached each stage (by the stages each has been in), and the
 * share of those that reached the next. */
export const funnelOf = (
  opportunities: ReadonlyArray<Opportunity>
): ReadonlyArray<ConversionReport["funnel"][number]> =>
  FUNNEL.map((stage, i) => {
    const here = opportunities.filter((o) => o.reachedStages.includes(stage))
    const next = FUNNEL[i + 1]
    const onward = next === undefined ? 0 : here.filter((o) => o.reachedStages.includes(next)).length
    return { stage, reached: here.length, nextShare: next === undefined ? null : share(onward, here.length) }
  })

/** The sales closed in a period, from the opportunities whose close falls in it. */
export const winsOf = (closed: ReadonlyArray<Opportunity>): WinsReport => {
  const won = closed.filter((o) => o.stage === "sales_order")
  const days = won.map((o) => daysFrom(o.createdAt, o.closedAt!))
  return {
    closed: closed.length,
    won: won.length,
    winRate: share(won.length, closed.length),
    cycleDays: medianMean(days),
    dealSize: currencyTotals(won.flatMap((o) => (o.salesOrderAmount === null ? [] : [o.salesOrderAmount])))
  }
}

/** Every calendar month (`YYYY-MM`) that `[from, to)` touches. */
export const monthsOf = (from: LocalDate, to: LocalDate): ReadonlyArray<string> => {
  const months: Array<string> = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  const last = to.slice(8, 10) === "01" ? addMonths(to.slice(0, 7), -1) : to.slice(0, 7)
  while (true) {
    const label = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`
    months.push(label)
    if (label >= last) return months
    month += 1
    if (month === 13) {
      month = 1
      year += 1
    }
  }
}

const addMonths = (yearMonth: string, n: number) => {
  const index = Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1 + n
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`
}

/** Revenue: the sales orders dated in `[from, to)`, by month and currency. */
export const revenueOf = (sold: ReadonlyArray<Opportunity>, from: LocalDate, to: LocalDate): RevenueReport => ({
  months: monthsOf(from, to).map((month) => ({
    month,
    amounts: currencyTotals(
      sold.flatMap((o) =>
        o.salesOrderDate !== null && o.salesOrderAmount !== null && o.salesOrderDate.slice(0, 7) === month
          ? [o.salesOrderAmount]
          : []
      )
    )
  }))
})
