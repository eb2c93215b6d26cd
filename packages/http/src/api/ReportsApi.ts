import {
  ActivityQuery,
  ActivityReport,
  ConversionReport,
  DeliveryQuery,
  DeliveryReport,
  ForecastReport,
  PipelineReport,
  ProjectsReport,
  ProjectsReportQuery,
  ResponseTimeQuery,
  ResponseTimeReport,
  RetentionQuery,
  RetentionReport,
  RevenueReport,
  SalesReportQuery,
  SatisfactionQuery,
  SatisfactionReport,
  WinsReport
} from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import type { Schema } from "effect"
import { Authentication } from "./Authentication.js"

const CSV = " Send `Accept: text/csv` for the same figures as CSV (one row per line of the report, with a header)."

/** A report endpoint: its query as URL parameters, its figures as the success (JSON, or CSV on request). */
const report = <
  const Name extends string,
  Q extends Schema.Schema<any, any, never>,
  S extends Schema.Schema.AnyNoContext
>(
  name: Name,
  path: `/${string}`,
  query: Q & HttpApiEndpoint.HttpApiEndpoint.ValidateUrlParams<Q>,
  success: S,
  summary: string,
  description: string
) =>
  HttpApiEndpoint.get(name, path)
    .setUrlParams(query)
    .addSuccess(success)
    .annotate(OpenApi.Summary, summary)
    .annotate(OpenApi.Description, description + CSV)

const salesReport = <const Name extends string, S extends Schema.Schema.AnyNoContext>(
  name: Name,
  success: S,
  summary: string,
  description: string
) => report(name, `/reports/sales/${name}`, SalesReportQuery, success, summary, description)

/** Sales reports over a period `[from, to)`; see docs/reports.md for every figure's definition. */
export const ReportsApi = HttpApiGroup.make("reports")
  .add(
    salesReport(
      "pipeline",
      PipelineReport,
      "Pipeline at the end of the period",
      "The opportunities open at the end of the period (`to`), by the stage they were in then, by owner, by lead source and by market: count, total and probability-weighted amount per currency."
    )
  )
  .add(
    salesReport(
      "forecast",
      ForecastReport,
      "Sales forecast",
      "Open opportunities expected to close in the period, by stage: count, total and probability-weighted amount per currency."
    )
  )
  .add(
    salesReport(
      "conversion",
      ConversionReport,
      "Conversion and stage funnel",
      "Of the opportunities created in the period: how many were won, lost and paused (as of now), in all, by lead source and by market; and the stage funnel."
    )
  )
  .add(
    salesReport(
      "wins",
      WinsReport,
      "Win rate, sales-cycle length and deal size",
      "Of the opportunities closed in the period (won, rejected, not qualified): the win rate, the median and mean days from creation to the win, and the sales orders per currency."
    )
  )
  .add(
    salesReport(
      "revenue",
      RevenueReport,
      "Revenue by month",
      "The sales orders dated in the period, by calendar month and currency."
    )
  )
  .add(
    report(
      "satisfaction",
      "/reports/clients/satisfaction",
      SatisfactionQuery,
      SatisfactionReport,
      "Client satisfaction",
      "The feedback scores (1–5) given in the period: mean and distribution, by project manager and by campaign type; filters: organization, manager, campaign type."
    )
  )
  .add(
    report(
      "responseTime",
      "/reports/clients/response-time",
      ResponseTimeQuery,
      ResponseTimeReport,
      "Response time",
      "For each inbound call, e-mail, message, meeting or video call of the period: the hours until the next outbound interaction with the same organization; median and mean, and how many are still unanswered."
    )
  )
  .add(
    report(
      "activity",
      "/reports/clients/activity",
      ActivityQuery,
      ActivityReport,
      "Relationship activity",
      "The interactions of the period by kind and by result (opportunity opened, next step, outcome, none), in all and per member who logged them; and the share of first contacts that led to an opportunity; filters: organization, member."
    )
  )
  .add(
    report(
      "retention",
      "/reports/clients/retention",
      RetentionQuery,
      RetentionReport,
      "Client retention",
      "Of the organizations active in the previous period of the same length (a won opportunity or a running project), how many are active in this one; filters: market, lead source."
    )
  )
  .add(
    report(
      "delivery",
      "/reports/delivery",
      DeliveryQuery,
      DeliveryReport,
      "Delivery: on-time completion and overdue work",
      "Of the tasks completed in the period, how many met their due date; and the open tasks overdue on `today` (default today, UTC), by assignee; filters: organization, project, assignee."
    )
  )
  .add(
    report(
      "projects",
      "/reports/delivery/projects",
      ProjectsReportQuery,
      ProjectsReport,
      "Projects: budget against allocated cost, and duration",
      "Each project running in the period with its budget against its allocated material cost (and allocated hours); and the median and mean days from activation to completion of the projects completed in the period; filters: organization, manager, campaign type."
    )
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Reports over a period `[from, to)`: the sales (filtered by owner, lead source, market and organization; money per currency, never converted), the client relationship (satisfaction, response time, activity, retention) and delivery (tasks, projects)."
  )
