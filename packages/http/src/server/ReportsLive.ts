import { ClientReports, DeliveryReports, SalesReports } from "@agency-crm/core"
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import {
  conversionCsv,
  deliveryCsv,
  forecastCsv,
  pipelineCsv,
  responseTimeCsv,
  revenueCsv,
  satisfactionCsv,
  winsCsv
} from "./reportCsv.js"

const wantsCsv = (accept: string | undefined) => accept !== undefined && /\btext\/csv\b/i.test(accept)

/** Answers a report as JSON, or as CSV when the request accepts `text/csv`. */
const answer = <A>(accept: string | undefined, report: A, toCsv: (report: A) => string) =>
  wantsCsv(accept) ? HttpServerResponse.text(toCsv(report), { contentType: "text/csv; charset=utf-8" }) : report

/** Handlers of the reports group. */
export const ReportsLive = HttpApiBuilder.group(CrmApi, "reports", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const reports = yield* SalesReports
      const clientReports = yield* ClientReports
      const deliveryReports = yield* DeliveryReports
      return handlers
        .handleRaw("pipeline", ({ request, urlParams }) =>
          Effect.map(reports.pipeline(urlParams), (r) => answer(request.headers.accept, r, pipelineCsv))
        )
        .handleRaw("forecast", ({ request, urlParams }) =>
          Effect.map(reports.forecast(urlParams), (r) => answer(request.headers.accept, r, forecastCsv))
        )
        .handleRaw("conversion", ({ request, urlParams }) =>
          Effect.map(reports.conversion(urlParams), (r) => answer(request.headers.accept, r, conversionCsv))
        )
        .handleRaw("wins", ({ request, urlParams }) =>
          Effect.map(reports.wins(urlParams), (r) => answer(request.headers.accept, r, winsCsv))
        )
        .handleRaw("revenue", ({ request, urlParams }) =>
          Effect.map(reports.revenue(urlParams), (r) => answer(request.headers.accept, r, revenueCsv))
        )
        .handleRaw("satisfaction", ({ request, urlParams }) =>
          Effect.map(clientReports.satisfaction(urlParams), (r) => answer(request.headers.accept, r, satisfactionCsv))
        )
        .handleRaw("responseTime", ({ request, urlParams }) =>
          Effect.map(clientReports.responseTime(urlParams), (r) => answer(request.headers.accept, r, responseTimeCsv))
        )
        .handleRaw("delivery", ({ request, urlParams }) =>
          Effect.map(deliveryReports.delivery(urlParams), (r) => answer(request.headers.accept, r, deliveryCsv))
        )
    }),
    compiledResponses
  )
)
