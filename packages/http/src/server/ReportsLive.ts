import { ClientReports, DeliveryReports, SalesReports } from "@agency-crm/core"
import { HttpApiBuilder, type HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import {
  activityCsv,
  conversionCsv,
  deliveryCsv,
  forecastCsv,
  pipelineCsv,
  projectsCsv,
  responseTimeCsv,
  retentionCsv,
  revenueCsv,
  satisfactionCsv,
  winsCsv
} from "./reportCsv.js"

const wantsCsv = (accept: string | undefined) => accept !== undefined && /\btext\/csv\b/i.test(accept)

/** The handler of a report endpoint: runs the report on the decoded query, and answers JSON, or CSV when the
 * request accepts `text/csv`. */
const served =
  <Q, A, E, R>(run: (query: Q) => Effect.Effect<A, E, R>, toCsv: (report: A) => string) =>
  ({ request, urlParams }: { readonly request: HttpServerRequest.HttpServerRequest; readonly urlParams: Q }) =>
    Effect.map(run(urlParams), (report) =>
      wantsCsv(request.headers.accept)
        ? HttpServerResponse.text(toCsv(report), { contentType: "text/csv; charset=utf-8" })
        : report
    )

/** Handlers of the reports group. */
export const ReportsLive = HttpApiBuilder.group(CrmApi, "reports", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const reports = yield* SalesReports
      const clientReports = yield* ClientReports
      const deliveryReports = yield* DeliveryReports
      return handlers
        .handleRaw("pipeline", served(reports.pipeline, pipelineCsv))
        .handleRaw("forecast", served(reports.forecast, forecastCsv))
        .handleRaw("conversion", served(reports.conversion, conversionCsv))
        .handleRaw("wins", served(reports.wins, winsCsv))
        .handleRaw("revenue", served(reports.revenue, revenueCsv))
        .handleRaw("satisfaction", served(clientReports.satisfaction, satisfactionCsv))
        .handleRaw("responseTime", served(clientReports.responseTime, responseTimeCsv))
        .handleRaw("activity", served(clientReports.activity, activityCsv))
        .handleRaw("retention", served(clientReports.retention, retentionCsv))
        .handleRaw("delivery", served(deliveryReports.delivery, deliveryCsv))
        .handleRaw("projects", served(deliveryReports.projects, projectsCsv))
    }),
    compiledResponses
  )
)
