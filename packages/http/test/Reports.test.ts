import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { aTaskWorld, send, TestServer } from "./support.js"

const json = (value: unknown) => JSON.stringify(value)

describe("sales reports over HTTP", () => {
  it.effect("answer JSON, or CSV when asked, with the same figures; a bad period is a 400 naming it", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-16T10:00:00Z"))
      const { acme, marta } = yield* aTaskWorld
      const deal = (yield* send(
        "POST",
        "/opportunities",
        json({
          name: 'Local SEO, "premium"',
          clientId: acme.id,
          ownerId: marta.id,
          stage: "negotiation",
          amount: { amountMinor: 120_000, currency: "EUR" }
        })
      )).body
      const won = yield* send("POST", `/opportunities/${deal.id}/win`, json({ salesOrder: { date: "2026-03-16" } }))
      assert.strictEqual(won.status, 200, JSON.stringify(won.body))

      const query = "from=2026-01-01&to=2026-05-01"
      const revenue = yield* send("GET", `/reports/sales/revenue?${query}`)
      assert.strictEqual(revenue.status, 200)
      assert.deepStrictEqual(revenue.body.months, [
        { month: "2026-01", amounts: [] },
        { month: "2026-02", amounts: [] },
        { month: "2026-03", amounts: [{ currency: "EUR", count: 1, totalMinor: 120_000, averageMinor: 120_000 }] },
        { month: "2026-04", amounts: [] }
      ])
      const csv = yield* send("GET", `/reports/sales/revenue?${query}`, undefined, { accept: "text/csv" })
      assert.strictEqual(csv.status, 200)
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/)
      assert.strictEqual(
        csv.body.raw,
        [
          "month,currency,count,totalMinor,averageMinor",
          "2026-01,,0,0,",
          "2026-02,,0,0,",
          "2026-03,EUR,1,120000,120000",
          "2026-04,,0,0,",
          ""
        ].join("\r\n")
      )
      for (const report of ["pipeline", "forecast", "conversion", "wins"]) {
        const reply = yield* send("GET", `/reports/sales/${report}?${query}`, undefined, { accept: "text/csv" })
        assert.strictEqual(reply.status, 200, report)
        const lines = String(reply.body.raw).trim().split("\r\n")
        assert.isAbove(lines.length, 1, report)
      }
      const project = (yield* send(
        "POST",
        "/projects",
        json({
          clientId: acme.id,
          name: 'Video, "launch"',
          campaignType: "video",
          managerId: marta.id,
          budget: { amountMinor: 50_000, currency: "EUR" }
        })
      )).body
      const activated = yield* send("POST", `/projects/${project.id}/transition`, json({ to: "active" }))
      assert.strictEqual(activated.status, 200, JSON.stringify(activated.body))
      const allocated = yield* send(
        "POST",
        "/allocations",
        json({
          kind: "material",
          projectId: project.id,
          name: "Drone",
          quantity: 2,
          unitCost: { amountMinor: 30_000, currency: "EUR" }
        })
      )
      assert.strictEqual(allocated.status, 201, JSON.stringify(allocated.body))
      const logged = yield* send(
        "POST",
        "/interactions",
        json({ clientId: acme.id, projectId: project.id, kind: "feedback", summary: "Great", satisfaction: 4 })
      )
      assert.strictEqual(logged.status, 201, JSON.stringify(logged.body))
      const satisfaction = yield* send("GET", `/reports/clients/satisfaction?${query}`, undefined, {
        accept: "text/csv"
      })
      assert.strictEqual(
        satisfaction.body.raw,
        [
          "section,key,count,mean",
          "total,,1,4",
          "score,1,0,",
          "score,2,0,",
          "score,3,0,",
          "score,4,1,",
          "score,5,0,",
          `manager,${marta.id},1,4`,
          "campaignType,video,1,4",
          ""
        ].join("\r\n")
      )
      const asked = yield* send(
        "POST",
        "/interactions",
        json({
          clientId: acme.id,
          kind: "call",
          direction: "inbound",
          summary: "Question",
          occurredAt: "2026-03-16T08:00:00Z"
        })
      )
      assert.strictEqual(asked.status, 201)
      const answered = yield* send(
        "POST",
        "/interactions",
        json({
          clientId: acme.id,
          kind: "email",
          direction: "outbound",
          summary: "Answer",
          occurredAt: "2026-03-16T09:30:00Z"
        })
      )
      assert.strictEqual(answered.status, 201)
      const response = yield* send("GET", `/reports/clients/response-time?${query}`, undefined, { accept: "text/csv" })
      assert.strictEqual(response.body.raw, "inbound,answered,unanswered,medianHours,meanHours\r\n1,1,0,1.5,1.5\r\n")
      const delivery = yield* send("GET", `/reports/delivery?${query}&today=2026-06-01`, undefined, {
        accept: "text/csv"
      })
      assert.strictEqual(
        delivery.body.raw,
        "section,key,completed,withDueDate,onTime,late,onTimeRate,overdue\r\ncompleted,,0,0,0,0,,\r\n"
      )
      // The inbound call was Acme's first conversation, and the deal came after it.
      const activity = yield* send("GET", `/reports/clients/activity?${query}`, undefined, { accept: "text/csv" })
      const activityLines = String(activity.body.raw).split("\r\n")
      assert.deepStrictEqual(activityLines.slice(0, 3), [
        "scope,memberId,dimension,key,count,withOpportunity,conversion",
        "total,,interactions,,3,,",
        "total,,kind,meeting,0,,"
      ])
      assert.include(activityLines, "total,,firstContacts,,1,1,1")
      assert.include(activityLines, "total,,result,none,3,,")
      assert.strictEqual(activityLines.filter((line) => line.startsWith("member,")).length, 13)
      // 120 days: the previous period starts on 3 September 2025, when Acme had nothing won or running.
      const retention = yield* send("GET", `/reports/clients/retention?${query}`, undefined, { accept: "text/csv" })
      assert.strictEqual(
        retention.body.raw,
        "previousFrom,previousTo,previousActive,retained,lapsed,gained,active,retentionRate\r\n2025-09-03,2026-01-01,0,0,0,1,1,\r\n"
      )
      const projects = yield* send("GET", `/reports/delivery/projects?${query}`, undefined, { accept: "text/csv" })
      assert.strictEqual(
        projects.body.raw,
        [
          "section,projectId,name,status,budgetCurrency,budgetMinor,allocatedHours,costCurrency,costMinor,remainingMinor,overBudget,completed,durationDaysMedian,durationDaysMean",
          `running,${project.id},"Video, ""launch""",active,EUR,50000,0,EUR,60000,-10000,true,,,`,
          "completed,,,,,,,,,,,0,,",
          ""
        ].join("\r\n")
      )
      const wins = yield* send("GET", `/reports/sales/wins?${query}`, undefined, { accept: "text/csv" })
      assert.strictEqual(String(wins.body.raw).split("\r\n")[1], "1,1,1,0,0,EUR,1,120000,120000")

      for (const bad of [
        "sales/wins?from=2026-05-01&to=2026-01-01",
        "sales/wins?from=2026-01-01",
        "sales/wins?from=2026-02-30&to=2026-03-01",
        "sales/revenue?from=0001-01-01&to=9999-12-31",
        "clients/retention?from=0001-01-01&to=0050-01-01"
      ]) {
        const reply = yield* send("GET", `/reports/${bad}`)
        assert.strictEqual(reply.status, 400, bad)
        assert.strictEqual(reply.body._tag, "ValidationFailed", bad)
      }
    }).pipe(Effect.provide(TestServer()))
  )
})
