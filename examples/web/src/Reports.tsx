import type {
  ConversionReport,
  DeliveryReport,
  ForecastReport,
  LocalDate,
  PipelineReport,
  ResponseTimeReport,
  RetentionReport,
  RevenueReport,
  SatisfactionReport,
  WinsReport
} from "@agency-crm/core"
import { useEffect, useRef } from "preact/hooks"
import type { Signed } from "./App.js"
import { Input, useForm } from "./fields.js"
import { NO_SALES_FILTER, salesFilterOf, SalesFilterPickers } from "./SalesFilter.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"
import { words } from "./text.js"
import { NotReady } from "./parts.js"

const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`)

/** One series to chart and to download: labels and their values. */
interface Series {
  readonly title: string
  readonly label: string
  readonly labels: ReadonlyArray<string>
  readonly values: ReadonlyArray<number>
}

/** The series as CSV, for the download (quoted where a label needs it). */
const csvOf = (series: Series) => {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)
  return [`${quote(series.label)},value`, ...series.labels.map((l, i) => `${quote(l)},${series.values[i]}`)].join("\n")
}

const download = (series: Series) => {
  const link = document.createElement("a")
  link.href = URL.createObjectURL(new Blob([`${csvOf(series)}\n`], { type: "text/csv" }))
  link.download = `${series.title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}.csv`
  link.click()
  URL.revokeObjectURL(link.href)
}

/** A bar chart of one series, drawn by Chart.js, which is loaded only when a chart is first shown. */
const BarChart = ({ series }: { readonly series: Series }) => {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    let chart: { destroy: () => void } | undefined
    let current = true
    void import("chart.js/auto").then(({ default: Chart }) => {
      if (!current || canvas.current === null) return
      chart = new Chart(canvas.current, {
        type: "bar",
        data: {
          labels: [...series.labels],
          datasets: [{ label: series.label, data: [...series.values], backgroundColor: "#0b5cad" }]
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false }
      })
    })
    return () => {
      current = false
      chart?.destroy()
    }
  }, [series])
  const summary = series.labels.map((l, i) => `${l}: ${series.values[i]}`).join(", ")
  return (
    <figure>
      <figcaption>
        <h2>{series.title}</h2>
        <button type="button" class="secondary" onClick={() => download(series)}>
          Download CSV<span class="visually-hidden"> of {series.title}</span>
        </button>
      </figcaption>
      <div class="chart">
        <canvas ref={canvas} role="img" aria-label={`${series.title}: ${summary || "no data"}`} />
      </div>
    </figure>
  )
}

/** The KPIs over a period: figures, and charts with their CSV. */
export const ReportsPage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const { api } = signed
  const pickers = useForm({
    from: isoDay(new Date(Date.now() - 90 * 86_400_000)),
    to: isoDay(new Date(Date.now() + 86_400_000)),
    ...NO_SALES_FILTER
  })
  const { from, to } = pickers.values
  const filter = salesFilterOf(pickers.values)
  const loaded = useLoad(async () => {
    const period = { from: from as LocalDate, to: to as LocalDate }
    const sales = { ...period, ...filter }
    // Retention is about organizations, which have a market and a lead source but no owner.
    const { ownerId: _, ...organizations } = filter
    const [wins, conversion, revenue, pipeline, forecast, satisfaction, responseTime, retention, delivery] =
      await Promise.all([
        call(api.reports.wins({ urlParams: sales })),
        call(api.reports.conversion({ urlParams: sales })),
        call(api.reports.revenue({ urlParams: sales })),
        call(api.reports.pipeline({ urlParams: sales })),
        call(api.reports.forecast({ urlParams: sales })),
        call(api.reports.satisfaction({ urlParams: period })),
        call(api.reports.responseTime({ urlParams: period })),
        call(api.reports.retention({ urlParams: { ...period, ...organizations } })),
        call(api.reports.delivery({ urlParams: period }))
      ])
    return { wins, conversion, revenue, pipeline, forecast, satisfaction, responseTime, retention, delivery }
  }, [...Object.values(pickers.values), version])
  return (
    <>
      <h1>Reports</h1>
      <form class="period" onSubmit={(e) => e.preventDefault()}>
        <Input form={pickers} name="from" id="report-from" label="From" type="date" required />
        <Input form={pickers} name="to" id="report-to" label="To (not included)" type="date" required />
        <SalesFilterPickers signed={signed} form={pickers} />
      </form>
      <p class="hint">Owner, lead source and market narrow the sales figures; market and lead source, retention too.</p>
      {loaded.state !== "ready" ? <NotReady loaded={loaded} what="the reports" /> : <Figures {...loaded.value} />}
    </>
  )
}

type Reports = {
  readonly wins: WinsReport
  readonly conversion: ConversionReport
  readonly revenue: RevenueReport
  readonly pipeline: PipelineReport
  readonly forecast: ForecastReport
  readonly satisfaction: SatisfactionReport
  readonly responseTime: ResponseTimeReport
  readonly retention: RetentionReport
  readonly delivery: DeliveryReport
}

/** The weighted amount of each stage in one currency, in major units. */
const weighted = (stages: ForecastReport["stages"], currency: string) =>
  stages.map((stage) => (stage.amounts.find((a) => a.currency === currency)?.weightedMinor ?? 0) / 100)

const Figures = ({
  conversion,
  delivery,
  forecast,
  pipeline,
  responseTime,
  retention,
  revenue,
  satisfaction,
  wins
}: Reports) => {
  const currency =
    [...revenue.months.flatMap((m) => m.amounts), ...pipeline.stages.flatMap((s) => s.amounts)][0]?.currency ?? "EUR"
  const charts: ReadonlyArray<Series> = [
    {
      title: `Revenue by month (${currency})`,
      label: "month",
      labels: revenue.months.map((m) => m.month),
      values: revenue.months.map((m) => (m.amounts.find((a) => a.currency === currency)?.totalMinor ?? 0) / 100)
    },
    {
      title: `Pipeline at the end of the period, weighted (${currency})`,
      label: "stage",
      labels: pipeline.stages.map((stage) => words(stage.stage)),
      values: weighted(pipeline.stages, currency)
    },
    {
      title: `Forecast: expected to close in the period, weighted (${currency})`,
      label: "stage",
      labels: forecast.stages.map((stage) => words(stage.stage)),
      values: weighted(forecast.stages, currency)
    },
    {
      title: "Stage funnel",
      label: "stage",
      labels: conversion.funnel.map((step) => words(step.stage)),
      values: conversion.funnel.map((step) => step.reached)
    },
    {
      title: "Satisfaction scores",
      label: "score",
      labels: satisfaction.distribution.map((d) => String(d.score)),
      values: satisfaction.distribution.map((d) => d.count)
    }
  ]
  return (
    <>
      <dl class="figures">
        <div>
          <dt>Win rate</dt>
          <dd>{percent(wins.winRate)}</dd>
        </div>
        <div>
          <dt>Won</dt>
          <dd>{wins.won}</dd>
        </div>
        <div>
          <dt>Sales cycle (median days)</dt>
          <dd>{wins.cycleDays.median ?? "—"}</dd>
        </div>
        <div>
          <dt>Tasks on time</dt>
          <dd>{percent(delivery.onTimeRate)}</dd>
        </div>
        <div>
          <dt>Response time (median hours)</dt>
          <dd>
            {responseTime.medianHours ?? "—"} ({responseTime.unanswered} unanswered)
          </dd>
        </div>
        <div>
          <dt>Retention</dt>
          <dd>
            {percent(retention.retentionRate)} ({retention.retained} of {retention.previousActive})
          </dd>
        </div>
        <div>
          <dt>Satisfaction</dt>
          <dd>
            {satisfaction.total.mean === null ? "—" : satisfaction.total.mean.toFixed(1)} ({satisfaction.total.count})
          </dd>
        </div>
      </dl>
      <div class="columns">
        {charts.map((series) => (
          <BarChart key={series.title} series={series} />
        ))}
      </div>
    </>
  )
}
