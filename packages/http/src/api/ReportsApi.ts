import {
  ConversionReport,
  DeliveryQuery,
  DeliveryReport,
  ForecastReport,
  PipelineReport,
  ResponseTimeQuery,
  ResponseTimeReport,
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

const report = <const Name extends string, S extends Schema.Schema.AnyNoContext>(
  name: Name,
  success: S,
  summary: string,
  description: string
) =>
  HttpApiEndpoint.get(name, `/reports/sales/${name}`)
    .setUrlParams(SalesReportQuery)
    .addSuccess(success)
    .annotate(OpenApi.Summary, summary)
    .annotate(OpenApi.Description, description + CSV)

/** Sales reports over a period `[from, to)`; see docs/reports.md for every figure's definition. */
export const ReportsApi = HttpApiGroup.make("reports")
  .add(
    report(
      "pipeline",
      PipelineReport,
      "Pipeline at the end of the period",
      "The opportunities open at the end of the period (`to`), by the stage they were in then, by owner, by lead source and by market: count, total and probability-weighted amount per currency."
    )
  )
  .add(
    report(
      "forecast",
      ForecastReport,
      "Sales forecast",
      "Open opportunities expected to close in the period, by stage: count, total and probability-weighted amount per currency."
    )
  )
  .add(
    report(
      "conversion",
      ConversionReport,
      "Conversion and stage funnel",
      "Of the opportunities created in the period: how many were won, lost and paused (as of now), in all, by lead source and by market; and the stage funnel."
    )
  )
  .add(
    report(
      "wins",
      WinsReport,
      "Win rate, sales-cycle length and deal size",
      "Of the opportunities closed in the period (won, rejected, not qualified): the win rate, the median and mean days from creation to the win, and the sales orders per currency."
    )
  )
  .add(
    report(
      "revenue",
      RevenueReport,
      "Revenue by month",
      "The sales orders dated in the period, by calendar month and currency."
    )
  )
  .add(
    HttpApiEndpoint.get("satisfaction", "/reports/clients/satisfaction")
      .setUrlParams(SatisfactionQuery)
      .addSuccess(SatisfactionReport)
      .annotate(OpenApi.Summary, "Client satisfaction")
      .annotate(
        OpenApi.Description,
        "The feedback scores (1–5) given in the period: mean and distribution, by project manager and by campaign type; filters: organization, manager, campaign type." +
          CSV
      )
  )
  .add(
    HttpApiEndpoint.get("responseTime", "/reports/clients/response-time")
      .setUrlParams(ResponseTimeQuery)
      .addSuccess(ResponseTimeReport)
      .annotate(OpenApi.Summary, "Response time")
      .annotate(
        OpenApi.Description,
        "For each inbound call, e-mail, message, meeting or video call of the period: the hours until the next outbound interaction with the same organization; median and mean, and how many are still unanswered." +
          CSV
      )
  )
  .add(
    HttpApiEndpoint.get("delivery", "/reports/delivery")
      .setUrlParams(DeliveryQuery)
      .addSuccess(DeliveryReport)
      .annotate(OpenApi.Summary, "Delivery: on-time completion and overdue work")
      .annotate(
        OpenApi.Description,
        "Of the tasks completed in the period, how many met their due date; and the open tasks overdue on `today` (default today, UTC), by assignee; filters: organization, project, assignee." +
          CSV
      )
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Reports over a period `[from, to)`: the sales (filtered by owner, lead source, market and organization; money per currency, never converted) the client relationship (satisfaction, response time) and delivery."
  )
