import type {
  ActivityCounts,
  ActivityReport,
  ConversionReport,
  DeliveryReport,
  ForecastReport,
  Outcomes,
  PipelineReport,
  ProjectsReport,
  ResponseTimeReport,
  RetentionReport,
  RevenueReport,
  SatisfactionReport,
  WinsReport
} from "@agency-crm/core"
import { stringify } from "csv-stringify/sync"

/** One CSV document: a header row, then the rows (RFC 4180 quoting by csv-stringify). */
type Cell = string | number | boolean | null

const csv = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>) =>
  stringify([header, ...rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell))))], {
    record_delimiter: "\r\n"
  })

/** The forecast as CSV: a row per stage and currency (a stage without amounts has one row, currency empty). */
export const forecastCsv = (report: ForecastReport) =>
  csv(
    ["stage", "count", "currency", "totalMinor", "weightedMinor"],
    report.stages.flatMap((s): ReadonlyArray<ReadonlyArray<Cell>> =>
      s.amounts.length === 0
        ? [[s.stage, s.count, null, null, null]]
        : s.amounts.map((a) => [s.stage, s.count, a.currency, a.totalMinor, a.weightedMinor])
    )
  )

const outcomeCells = (o: Outcomes) => [
  o.created,
  o.won,
  o.lost,
  o.standby,
  o.open,
  o.wonShare,
  o.lostShare,
  o.standbyShare
]

/** Conversion as CSV: the total, a row per lead source, a row per market, then the funnel. */
export const conversionCsv = (report: ConversionReport) =>
  csv(
    [
      "section",
      "key",
      "created",
      "won",
      "lost",
      "standby",
      "open",
      "wonShare",
      "lostShare",
      "standbyShare",
      "reached",
      "nextShare"
    ],
    [
      ["total", null, ...outcomeCells(report.total), null, null],
      ...report.byOrigination.map((g) => ["origination", g.originationId, ...outcomeCells(g.outcomes), null, null]),
      ...report.byMarket.map((g) => ["market", g.marketId, ...outcomeCells(g.outcomes), null, null]),
      ...report.funnel.map((step) => ["funnel", step.stage, ...Array<null>(8).fill(null), step.reached, step.nextShare])
    ]
  )

/** Wins as CSV: one row per currency of the deal sizes, each with the period's counts, rate and cycle. */
export const winsCsv = (report: WinsReport) => {
  const common = [report.closed, report.won, report.winRate, report.cycleDays.median, report.cycleDays.mean]
  return csv(
    ["closed", "won", "winRate", "cycleDaysMedian", "cycleDaysMean", "currency", "count", "totalMinor", "averageMinor"],
    report.dealSize.length === 0
      ? [[...common, null, null, null, null]]
      : report.dealSize.map((d) => [...common, d.currency, d.count, d.totalMinor, d.averageMinor])
  )
}

/** Revenue as CSV: a row per month and currency (a month without sales has one row, currency empty). */
export const revenueCsv = (report: RevenueReport) =>
  csv(
    ["month", "currency", "count", "totalMinor", "averageMinor"],
    report.months.flatMap((m): ReadonlyArray<ReadonlyArray<Cell>> =>
      m.amounts.length === 0
        ? [[m.month, null, 0, 0, null]]
        : m.amounts.map((a) => [m.month, a.currency, a.count, a.totalMinor, a.averageMinor])
    )
  )

/** Satisfaction as CSV: the total, the distribution, then a row per manager and per campaign type. */
export const satisfactionCsv = (report: SatisfactionReport) =>
  csv(
    ["section", "key", "count", "mean"],
    [
      ["total", null, report.total.count, report.total.mean],
      ...report.distribution.map((d) => ["score", d.score, d.count, null]),
      ...report.byManager.map((g) => ["manager", g.managerId, g.scores.count, g.scores.mean]),
      ...report.byCampaignType.map((g) => ["campaignType", g.campaignType, g.scores.count, g.scores.mean])
    ]
  )

/** Response time as CSV: one row. */
export const responseTimeCsv = (report: ResponseTimeReport) =>
  csv(
    ["inbound", "answered", "unanswered", "medianHours", "meanHours"],
    [[report.inbound, report.answered, report.unanswered, report.medianHours, report.meanHours]]
  )

/** Delivery as CSV: the completion figures, then a row per assignee with overdue work. */
export const deliveryCsv = (report: DeliveryReport) =>
  csv(
    ["section", "key", "completed", "withDueDate", "onTime", "late", "onTimeRate", "overdue"],
    [
      ["completed", null, report.completed, report.withDueDate, report.onTime, report.late, report.onTimeRate, null],
      ...report.overdueNow.map((o) => ["overdue", o.assigneeId, null, null, null, null, null, o.count])
    ]
  )

/** The pipeline as CSV: a row per group (stage, owner, lead source, market) and currency (a group without amounts
 * has one row, currency empty). */
export const pipelineCsv = (report: PipelineReport) => {
  const rows = (
    section: string,
    groups: ReadonlyArray<{
      readonly key: string | null
      readonly count: number
      readonly amounts: ReadonlyArray<{ currency: string; totalMinor: number; weightedMinor: number }>
    }>
  ): ReadonlyArray<ReadonlyArray<Cell>> =>
    groups.flatMap((g) =>
      g.amounts.length === 0
        ? [[section, g.key, g.count, null, null, null]]
        : g.amounts.map((a) => [section, g.key, g.count, a.currency, a.totalMinor, a.weightedMinor])
    )
  return csv(
    ["section", "key", "count", "currency", "totalMinor", "weightedMinor"],
    [
      ...rows(
        "stage",
        report.stages.map((s) => ({ key: s.stage, count: s.count, amounts: s.amounts }))
      ),
      ...rows("owner", report.byOwner),
      ...rows("origination", report.byOrigination),
      ...rows("market", report.byMarket)
    ]
  )
}

/** Relationship activity as CSV: for the total and then each member, a row of interactions, a row per kind and per
 * result, and a row of first contacts (with how many led to an opportunity, and the share). */
export const activityCsv = (report: ActivityReport) => {
  const rows = (scope: string, memberId: string | null, a: ActivityCounts): ReadonlyArray<ReadonlyArray<Cell>> => [
    [scope, memberId, "interactions", null, a.interactions, null, null],
    ...a.byKind.map((k) => [scope, memberId, "kind", k.kind, k.count, null, null]),
    ...a.byResult.map((r) => [scope, memberId, "result", r.result, r.count, null, null]),
    [scope, memberId, "firstContacts", null, a.firstContacts, a.firstContactsWithOpportunity, a.firstContactConversion]
  ]
  return csv(
    ["scope", "memberId", "dimension", "key", "count", "withOpportunity", "conversion"],
    [...rows("total", null, report.total), ...report.byMember.flatMap((m) => rows("member", m.memberId, m.activity))]
  )
}

/** Retention as CSV: one row. */
export const retentionCsv = (report: RetentionReport) =>
  csv(
    ["previousFrom", "previousTo", "previousActive", "retained", "lapsed", "gained", "active", "retentionRate"],
    [
      [
        report.previous.from,
        report.previous.to,
        report.previousActive,
        report.retained,
        report.lapsed,
        report.gained,
        report.active,
        report.retentionRate
      ]
    ]
  )

/** The projects report as CSV: a row per running project and allocated currency (a project with no material has
 * one row, currency empty), then a row of the completed projects' duration. */
export const projectsCsv = (report: ProjectsReport) =>
  csv(
    [
      "section",
      "projectId",
      "name",
      "status",
      "budgetCurrency",
      "budgetMinor",
      "allocatedHours",
      "costCurrency",
      "costMinor",
      "remainingMinor",
      "overBudget",
      "completed",
      "durationDaysMedian",
      "durationDaysMean"
    ],
    [
      ...report.running.flatMap((p): ReadonlyArray<ReadonlyArray<Cell>> => {
        const head = [p.projectId, p.name, p.status, p.budget?.currency ?? null, p.budget?.amountMinor ?? null]
        const tail = [p.remainingMinor, p.overBudget, null, null, null]
        return p.allocatedCost.length === 0
          ? [["running", ...head, p.allocatedHours, null, null, ...tail]]
          : p.allocatedCost.map((c) => ["running", ...head, p.allocatedHours, c.currency, c.amountMinor, ...tail])
      }),
      [
        "completed",
        ...Array<null>(10).fill(null),
        report.completed,
        report.durationDays.median,
        report.durationDays.mean
      ]
    ]
  )
