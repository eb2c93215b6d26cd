import * as CrmHttpClient from "@agency-crm/http/client"
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { LocalDates } from "@agency-crm/core"
import { DateTime, Effect } from "effect"
import { join } from "node:path"
import { DEMO_ADMIN_KEY } from "../src/demo.js"
import { startServer, tempDir } from "./serverProcess.js"

describe("--demo", () => {
  it("starts on its own database filled with a realistic agency, once", async () => {
    const temp = tempDir()
    const env = { CRM_DB_FILE: join(temp.dir, "demo.db") }
    try {
      const server = await startServer(env, ["--demo"])
      assert.include(server.stdout(), DEMO_ADMIN_KEY)
      const seen = await Effect.runPromise(
        Effect.gen(function* () {
          const api = yield* CrmHttpClient.make({ baseUrl: server.url, apiKey: DEMO_ADMIN_KEY })
          const all = { limit: 200 } as const
          const today = LocalDates.fromDateTime(DateTime.unsafeMake(Date.now()))
          const lastYear = { from: LocalDates.addDays(today, -365), to: LocalDates.addDays(today, 1) }
          const lastQuarter = { from: LocalDates.addDays(today, -90), to: LocalDates.addDays(today, 1) }
          return {
            team: (yield* api.team.list({ urlParams: all })).items,
            clients: (yield* api.clients.list({ urlParams: all })).items,
            projects: (yield* api.projects.list({ urlParams: all })).items,
            tasks: (yield* api.tasks.list({ urlParams: all })).items,
            allocations: (yield* api.allocations.list({ urlParams: all })).items,
            interactions: (yield* api.interactions.list({ urlParams: all })).items,
            reviews: (yield* api.reviews.list({ urlParams: all })).items,
            overdue: (yield* api.tracking.overdue({ urlParams: {} })).items,
            opportunities: (yield* api.opportunities.list({ urlParams: all })).items,
            pipeline: yield* api.opportunities.pipeline({ urlParams: {} }),
            wins: yield* api.reports.wins({ urlParams: lastYear }),
            conversion: yield* api.reports.conversion({ urlParams: lastYear }),
            revenue: yield* api.reports.revenue({ urlParams: lastYear }),
            activity: yield* api.reports.activity({ urlParams: lastYear }),
            retention: yield* api.reports.retention({ urlParams: lastQuarter }),
            projectsReport: yield* api.reports.projects({ urlParams: lastQuarter }),
            satisfaction: yield* api.reports.satisfaction({ urlParams: lastQuarter }),
            delivery: yield* api.reports.delivery({ urlParams: lastQuarter }),
            history: yield* Effect.flatMap(
              api.opportunities.list({ urlParams: { stage: ["sales_order"], limit: 1 } }),
              (won) => api.opportunities.history({ path: { id: won.items[0]!.id }, urlParams: {} })
            )
          }
        }).pipe(Effect.provide(FetchHttpClient.layer))
      )
      const distinct = <A>(values: ReadonlyArray<A>) => [...new Set(values)].sort()
      assert.deepStrictEqual(distinct(seen.team.map((m) => m.role)), ["admin", "manager", "member", "viewer"])
      assert.deepStrictEqual(distinct(seen.clients.map((c) => c.kind)), ["client", "prospect"])
      assert.isTrue(seen.clients.some((c) => c.archivedAt !== null))
      assert.deepStrictEqual(distinct(seen.projects.map((p) => p.status)), [
        "active",
        "closed",
        "completed",
        "on_hold",
        "planned"
      ])
      assert.isAtLeast(distinct(seen.projects.map((p) => p.campaignType)).length, 4)
      assert.deepStrictEqual(distinct(seen.tasks.map((t) => t.status)), [
        "blocked",
        "cancelled",
        "done",
        "in_progress",
        "in_review",
        "todo"
      ])
      assert.isAtLeast(seen.overdue.length, 2)
      assert.deepStrictEqual(distinct(seen.allocations.map((a) => a.kind)), ["human", "material"])
      assert.isTrue(seen.interactions.some((i) => i.kind === "feedback"))
      assert.isAtLeast(seen.interactions.length, 5)
      assert.isAtLeast(seen.reviews.length, 1)
      // A believable pipeline: dozens of opportunities in every stage, from every source and market, with history
      // spread over past months.
      assert.isAtLeast(seen.opportunities.length, 30)
      assert.deepStrictEqual(distinct(seen.opportunities.map((o) => o.stage)), [
        "interest",
        "negotiation",
        "not_qualified",
        "presentation",
        "proposal",
        "rejected",
        "sales_order",
        "standby"
      ])
      assert.isAtLeast(distinct(seen.opportunities.map((o) => o.originationId)).length, 7)
      assert.isAtLeast(distinct(seen.opportunities.map((o) => o.marketId)).length, 10)
      assert.isTrue(seen.pipeline.stages.every((stage) => stage.count > 0))
      const months = distinct(seen.opportunities.map((o) => DateTime.formatIso(o.createdAt).slice(0, 7)))
      assert.isAtLeast(months.length, 5)
      // The sales reports have something to show.
      assert.isAbove(seen.wins.won, 0)
      assert.isAbove(seen.wins.closed, seen.wins.won)
      assert.isAbove(seen.wins.cycleDays.median ?? 0, 7)
      assert.isAbove(seen.conversion.total.created, 20)
      assert.isTrue(seen.conversion.funnel.every((step) => step.reached > 0))
      assert.isAbove(seen.revenue.months.filter((m) => m.amounts.length > 0).length, 1)
      // And so have the relationship and delivery reports.
      assert.isAbove(seen.activity.total.firstContacts, 5)
      assert.isAbove(seen.activity.total.firstContactConversion ?? 0, 0)
      assert.isAbove(seen.retention.previousActive, 1)
      assert.isAbove(seen.retention.retentionRate ?? 0, 0)
      assert.isBelow(seen.retention.retentionRate ?? 1, 1)
      assert.isAtLeast(seen.projectsReport.completed, 2)
      assert.isAbove(seen.projectsReport.durationDays.median ?? 0, 30)
      assert.isTrue(seen.projectsReport.running.some((p) => p.budget !== null && p.allocatedCost.length > 0))
      assert.isAtLeast(seen.satisfaction.total.count, 2)
      assert.isAbove(seen.delivery.onTimeRate ?? 0, 0)
      assert.isBelow(seen.delivery.onTimeRate ?? 1, 1)
      const history = seen.history.items
      assert.strictEqual(history[history.length - 1]!.toStage, "sales_order")
      assert.isAbove(
        DateTime.toEpochMillis(history[history.length - 1]!.changedAt) - DateTime.toEpochMillis(history[0]!.changedAt),
        14 * 86_400_000
      )
      assert.strictEqual(await server.stop(), 0)

      // A second start keeps the data and adds nothing.
      const again = await startServer(env, ["--demo"])
      const count = await Effect.runPromise(
        Effect.flatMap(CrmHttpClient.make({ baseUrl: again.url, apiKey: DEMO_ADMIN_KEY }), (api) =>
          api.clients.list({ urlParams: { limit: 200 } })
        ).pipe(Effect.provide(FetchHttpClient.layer))
      )
      assert.strictEqual(count.items.length, seen.clients.length)
      assert.strictEqual(await again.stop(), 0)
    } finally {
      temp.remove()
    }
  })

  it("long-lived event streams do not hold a shutdown past its grace period", async () => {
    const temp = tempDir()
    try {
      const server = await startServer({ CRM_DB_FILE: join(temp.dir, "d.db"), CRM_SHUTDOWN_GRACE_MS: "300" }, [
        "--demo"
      ])
      const stream = await fetch(`${server.url}/events`, { headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` } })
      assert.strictEqual(stream.status, 200)
      // Without the grace period's cut the open stream would hold the exit until the test times out.
      assert.strictEqual(await server.stop(), 0)
      await stream.body?.cancel().catch(() => undefined)
    } finally {
      temp.remove()
    }
  })
})
