import { LocalDate } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { OpenApi } from "@effect/platform"
import { DateTime, Effect } from "effect"
import { CrmApi } from "../src/index.js"
import { ADMIN_KEY, matchesOperation, recordingClient, TestServer } from "./support.js"

const d = (s: string) => LocalDate.make(s)

describe("the five agency phases over HTTP", () => {
  it.effect("walks capture → planning → execution → review → closure through every endpoint", () =>
    Effect.gen(function* () {
      const seen: Array<string> = []
      const admin = yield* recordingClient(ADMIN_KEY, seen)
      const me = yield* admin.team.me()
      assert.strictEqual(me.role, "admin")
      const marta = yield* admin.team.create({
        payload: { name: "Marta Ruiz", email: "marta@agency.test", role: "manager" }
      })
      const leo = yield* admin.team.create({ payload: { name: "Leo Chen", email: "leo@agency.test", title: "SEO" } })
      assert.strictEqual(leo.role, "member")
      const martaKey = yield* admin.apiKeys.create({ payload: { memberId: marta.id, name: "Marta's laptop" } })
      assert.deepStrictEqual(
        (yield* admin.apiKeys.list({ urlParams: { memberId: marta.id } })).items.map((k) => k.id),
        [martaKey.apiKey.id]
      )
      const api = yield* recordingClient(martaKey.secret, seen)
      assert.strictEqual((yield* api.team.list({ urlParams: { active: true } })).items.length, 3)
      yield* api.team.get({ path: { id: leo.id } })
      yield* admin.team.update({ path: { id: leo.id }, headers: { "if-match": '"1"' }, payload: { title: "SEO lead" } })

      // 1. Capture
      const prospect = yield* api.clients.create({ payload: { name: "Café Aurora", industry: "Food" } })
      assert.strictEqual(prospect.kind, "prospect")
      const ana = yield* api.contacts.create({
        payload: { clientId: prospect.id, name: "Ana Gómez", position: "Owner", isPrimary: true }
      })
      yield* api.contacts.list({ urlParams: { clientId: prospect.id } })
      yield* api.contacts.get({ path: { id: ana.id } })
      yield* api.contacts.update({ path: { id: ana.id }, headers: {}, payload: { phone: "+34 600 000 000" } })
      const meeting = yield* api.interactions.create({
        payload: { clientId: prospect.id, contactId: ana.id, kind: "meeting", summary: "First meeting" }
      })
      assert.isNull(meeting.followUpTask)
      const project = yield* api.projects.create({
        payload: {
          clientId: prospect.id,
          name: "Local SEO",
          campaignType: "seo",
          managerId: marta.id,
          budget: { amountMinor: 1_200_000, currency: "EUR" },
          startDate: d("2026-03-01"),
          dueDate: d("2026-12-31")
        }
      })
      assert.strictEqual((yield* api.clients.get({ path: { id: prospect.id } })).kind, "client")
      yield* api.clients.list({ urlParams: { kind: "client" } })
      yield* api.clients.update({ path: { id: prospect.id }, headers: {}, payload: { website: "aurora.example" } })

      // 2. Planning
      const audit = yield* api.tasks.create({
        payload: { projectId: project.id, title: "SEO audit", dueDate: d("2026-03-10"), priority: "high" }
      })
      yield* api.tasks.assign({ path: { id: audit.id }, headers: {}, payload: { assigneeId: leo.id } })
      const pages = yield* api.tasks.create({ payload: { projectId: project.id, title: "Landing pages" } })
      const human = yield* api.allocations.create({
        payload: { kind: "human", projectId: project.id, memberId: leo.id, role: "SEO", hours: 40 }
      })
      const tool = yield* api.allocations.create({
        payload: {
          kind: "material",
          projectId: project.id,
          name: "Keyword tool",
          quantity: 1,
          unitCost: { amountMinor: 9_900, currency: "EUR" }
        }
      })
      yield* api.allocations.list({ urlParams: { projectId: project.id } })
      yield* api.allocations.get({ path: { id: human.id } })
      yield* api.allocations.update({ path: { id: human.id }, headers: {}, payload: { hours: 45 } })
      yield* api.projects.transition({ path: { id: project.id }, headers: {}, payload: { to: "active" } })

      // 3. Execution
      yield* api.tasks.transition({ path: { id: audit.id }, headers: {}, payload: { to: "in_progress" } })
      const call = yield* api.interactions.create({
        payload: {
          clientId: prospect.id,
          projectId: project.id,
          kind: "call",
          direction: "inbound",
          summary: "Wants a terrace section",
          occurredAt: DateTime.unsafeMake("2026-03-05T10:00:00Z"),
          followUp: { title: "Terrace section", assigneeId: leo.id, dueDate: d("2026-03-20") }
        }
      })
      assert.strictEqual(call.followUpTask?.originInteractionId, call.interaction.id)
      yield* api.interactions.list({ urlParams: { projectId: project.id, kind: ["call", "meeting"] } })
      yield* api.interactions.get({ path: { id: call.interaction.id } })
      yield* api.interactions.update({ path: { id: call.interaction.id }, headers: {}, payload: { outcome: "Agreed" } })
      const overdue = yield* api.tracking.overdue({ urlParams: { today: d("2026-03-15") } })
      assert.deepStrictEqual(
        overdue.items.map((t) => t.id),
        [audit.id]
      )
      const soon = yield* api.tracking.dueSoon({ urlParams: { today: d("2026-03-15"), days: 7 } })
      assert.deepStrictEqual(
        soon.items.map((t) => t.title),
        ["Terrace section"]
      )
      yield* api.tracking.workload({ urlParams: { today: d("2026-03-15") } })
      yield* api.team.work({ path: { id: leo.id }, urlParams: {} })
      const list = yield* api.tasks.list({
        urlParams: { projectId: project.id, status: ["todo", "in_progress"], limit: 2 }
      })
      assert.isNotNull(list.nextCursor)
      yield* api.tasks.list({
        urlParams: { projectId: project.id, status: ["todo", "in_progress"], limit: 2, cursor: list.nextCursor! }
      })
      yield* api.tasks.get({ path: { id: pages.id } })
      yield* api.tasks.update({ path: { id: pages.id }, headers: { "if-match": '"1"' }, payload: { estimateHours: 6 } })

      // 4. Review
      const review = yield* api.reviews.create({
        payload: { projectId: project.id, summary: "Audit late", adjustments: ["Move audit to March 20"] }
      })
      yield* api.reviews.list({ urlParams: { projectId: project.id } })
      yield* api.reviews.get({ path: { id: review.id } })
      yield* api.reviews.update({ path: { id: review.id }, headers: {}, payload: { adjustments: ["Moved"] } })

      // 5. Completion and closure
      const refused = yield* Effect.flip(
        api.projects.complete({
          path: { id: project.id },
          headers: {},
          payload: { reportReference: "final.pdf", deliveredOn: d("2026-06-01") }
        })
      )
      assert.strictEqual(refused._tag, "OpenTasksRemain")
      for (const id of [audit.id, pages.id, call.followUpTask!.id]) {
        const task = yield* api.tasks.get({ path: { id } })
        if (task.status === "todo")
          yield* api.tasks.transition({ path: { id }, headers: {}, payload: { to: "in_progress" } })
        yield* api.tasks.transition({ path: { id }, headers: {}, payload: { to: "in_review" } })
        yield* api.tasks.transition({ path: { id }, headers: {}, payload: { to: "done" } })
      }
      yield* api.projects.complete({
        path: { id: project.id },
        headers: {},
        payload: { reportReference: "final.pdf", deliveredOn: d("2026-06-01") }
      })
      const closed = yield* api.projects.close({
        path: { id: project.id },
        headers: {},
        payload: { feedback: { summary: "Very happy", satisfaction: 5, futureOpportunities: "Social in autumn" } }
      })
      assert.strictEqual(closed.project.status, "closed")
      assert.strictEqual(closed.feedback.satisfaction, 5)
      const detail = yield* api.projects.detail({ path: { id: project.id }, urlParams: {} })
      assert.strictEqual(detail.progress.percentDone, 100)
      assert.strictEqual(detail.resourceTotals.hours, 45)
      yield* api.projects.progress({ path: { id: project.id }, urlParams: {} })
      yield* api.projects.get({ path: { id: project.id } })
      yield* api.projects.list({ urlParams: { clientId: prospect.id, status: ["closed"] } })
      const story = yield* api.projects.timeline({ path: { id: project.id }, urlParams: { limit: 200 } })
      assert.isTrue(story.items.some((e) => e.kind === "change" && e.event.type === "project.closed"))
      yield* api.clients.timeline({ path: { id: prospect.id }, urlParams: {} })
      const history = yield* api.history.history({ path: { entityType: "task", entityId: audit.id }, urlParams: {} })
      assert.strictEqual(history.items[0]?.type, "task.status_changed")
      const found = yield* api.search.search({ urlParams: { q: "cafe auro" } })
      assert.strictEqual(found.items[0]?.entityId, prospect.id)

      // Edits and deletions on a second client's work.
      const other = yield* api.clients.create({ payload: { name: "Old lead" } })
      const otherProject = yield* api.projects.create({
        payload: { clientId: other.id, name: "Trial", campaignType: "other", managerId: marta.id }
      })
      yield* api.projects.update({ path: { id: otherProject.id }, headers: {}, payload: { description: "Trial run" } })
      const scratch = yield* api.tasks.create({ payload: { projectId: otherProject.id, title: "Scratch" } })
      yield* api.tasks.remove({ path: { id: scratch.id }, headers: {} })
      yield* api.allocations.remove({ path: { id: tool.id }, headers: {} })
      yield* api.reviews.remove({ path: { id: review.id }, headers: {} })
      yield* api.interactions.remove({ path: { id: meeting.interaction.id }, headers: {} })
      yield* api.projects.remove({ path: { id: otherProject.id }, headers: {} })
      yield* api.clients.archive({ path: { id: other.id }, headers: {} })
      yield* api.clients.restore({ path: { id: other.id }, headers: {} })
      yield* api.clients.remove({ path: { id: other.id }, headers: {} })
      const temp = yield* admin.team.create({ payload: { name: "Temp", email: "temp@agency.test" } })
      const tempKey = yield* admin.apiKeys.create({ payload: { memberId: temp.id, name: "temp" } })
      const revoked = yield* admin.apiKeys.revoke({ path: { id: tempKey.apiKey.id } })
      assert.isNotNull(revoked.revokedAt)
      assert.isNotNull((yield* admin.apiKeys.get({ path: { id: tempKey.apiKey.id } })).revokedAt)
      yield* admin.team.remove({ path: { id: temp.id }, headers: {} })
      yield* api.contacts.remove({ path: { id: ana.id }, headers: {} })
      yield* api.health.health()
      // The test server runs no plugins.
      assert.deepStrictEqual(yield* admin.plugins.status(), [])

      // Data in and out, and a person's data: an admin's.
      const imported = yield* admin.data.import({
        path: { kind: "markets" },
        urlParams: { dryRun: true },
        payload: "name,description\nAerospace,Planes and satellites\n"
      })
      assert.strictEqual(imported.imported, 1)
      assert.isFalse(imported.committed)
      const exported = yield* admin.data.export({ path: { kind: "organizations" }, urlParams: { format: "csv" } })
      assert.include(exported, "Café Aurora")
      const cleo = yield* api.contacts.create({ payload: { clientId: prospect.id, name: "Cleo Erasable" } })
      const document = yield* admin.data.personalData({ path: { id: cleo.id } })
      assert.strictEqual(document.contact.name, "Cleo Erasable")
      const erased = yield* admin.data.erase({ path: { id: cleo.id } })
      assert.deepStrictEqual(erased.erasedFields, ["name"])
      assert.strictEqual((yield* api.contacts.get({ path: { id: cleo.id } })).name, "Erased contact")

      // Sales: master data, a prospect from a lead source, its first call, an opportunity through its stages.
      const referral = (yield* api.originations.list({ urlParams: {} })).items.find((o) => o.name === "Referral")!
      yield* api.originations.get({ path: { id: referral.id } })
      const fair = yield* api.originations.create({ payload: { name: "Trade fair" } })
      yield* api.originations.update({ path: { id: fair.id }, headers: {}, payload: { description: "Horeca fair" } })
      const bakeries = yield* api.markets.create({ payload: { name: "Bakeries", description: "Artisan bakeries" } })
      yield* api.markets.get({ path: { id: bakeries.id } })
      yield* api.markets.update({ path: { id: bakeries.id }, headers: {}, payload: { name: "Bakeries & cafés" } })
      const growth = yield* api.positions.create({ payload: { name: "Head of growth" } })
      yield* api.positions.get({ path: { id: growth.id } })
      yield* api.positions.update({ path: { id: growth.id }, headers: {}, payload: { description: "Growth lead" } })
      yield* api.positions.list({ urlParams: { archived: false } })
      yield* api.markets.list({ urlParams: {} })
      const lead = yield* api.clients.create({
        payload: { name: "Panadería Sol", marketId: bakeries.id, originationId: referral.id }
      })
      const sol = yield* api.contacts.create({
        payload: { clientId: lead.id, name: "Sol Ortega", positionId: growth.id }
      })
      const firstCall = yield* api.interactions.create({
        payload: {
          contactId: sol.id,
          kind: "call",
          summary: "First call",
          nextStep: "Send the deck",
          followUp: { title: "Send the deck", assigneeId: leo.id, dueDate: d("2026-07-01") }
        }
      })
      assert.strictEqual(firstCall.interaction.clientId, lead.id)
      assert.isNull(firstCall.followUpTask?.projectId)
      const deal = yield* api.opportunities.create({
        payload: {
          name: "Sol on social media",
          originInteractionId: firstCall.interaction.id,
          amount: { amountMinor: 450_000, currency: "EUR" }
        }
      })
      assert.strictEqual(deal.marketId, bakeries.id)
      yield* api.opportunities.list({ urlParams: { marketId: bakeries.id, stage: ["interest"] } })
      yield* api.opportunities.get({ path: { id: deal.id } })
      yield* api.opportunities.update({ path: { id: deal.id }, headers: {}, payload: { notes: "Three shops" } })
      for (const to of ["presentation", "proposal", "negotiation"] as const) {
        yield* api.opportunities.move({ path: { id: deal.id }, headers: {}, payload: { to } })
      }
      const pipeline = yield* api.opportunities.pipeline({ urlParams: { marketId: bakeries.id } })
      assert.deepStrictEqual(
        pipeline.stages.map((stage) => stage.count),
        [0, 0, 0, 1]
      )
      const won = yield* api.opportunities.win({
        path: { id: deal.id },
        headers: {},
        payload: { project: { campaignType: "social_media", managerId: marta.id } }
      })
      assert.strictEqual(won.opportunity.stage, "sales_order")
      assert.strictEqual(won.project?.clientId, lead.id)
      // The test clock stands at the epoch: everything above happened on 1970-01-01.
      const period = { from: d("1970-01-01"), to: d("1971-01-01") }
      const pipelineReport = yield* api.reports.pipeline({ urlParams: period })
      assert.strictEqual(pipelineReport.stages.length, 4)
      const forecast = yield* api.reports.forecast({ urlParams: period })
      assert.strictEqual(forecast.stages.length, 4)
      const conversion = yield* api.reports.conversion({ urlParams: { ...period, marketId: bakeries.id } })
      assert.strictEqual(conversion.total.won, 1)
      const wins = yield* api.reports.wins({ urlParams: period })
      assert.strictEqual(wins.won, 1)
      const revenue = yield* api.reports.revenue({ urlParams: period })
      assert.strictEqual(revenue.months.length, 12)
      const satisfaction = yield* api.reports.satisfaction({ urlParams: { ...period, campaignType: "seo" } })
      assert.deepStrictEqual(satisfaction.total, { count: 1, mean: 5 })
      // The inbound call of 5 March 2026 has no outbound interaction after it.
      const response = yield* api.reports.responseTime({ urlParams: { from: d("2026-01-01"), to: d("2027-01-01") } })
      assert.deepStrictEqual([response.inbound, response.unanswered], [1, 1])
      const delivery = yield* api.reports.delivery({ urlParams: { ...period, projectId: project.id } })
      assert.strictEqual(delivery.completed, 3)
      // Marta's 1970: the first call with Panadería Sol (its first contact; the deal was opened from it) and the
      // closing feedback of the prospect, whose first conversation is the call of March 2026.
      const activity = yield* api.reports.activity({ urlParams: { ...period, memberId: marta.id } })
      assert.deepStrictEqual(
        [activity.total.interactions, activity.total.firstContacts, activity.total.firstContactConversion],
        [2, 1, 1]
      )
      const retention = yield* api.reports.retention({ urlParams: period })
      assert.deepStrictEqual(
        [retention.previous.from, retention.gained, retention.retentionRate],
        ["1969-01-01", 2, null]
      )
      // The project ran in 1970 (activated, completed and closed at the test clock's epoch).
      const projects = yield* api.reports.projects({ urlParams: { ...period, clientId: prospect.id } })
      assert.deepStrictEqual(
        projects.running.map((p) => [p.projectId, p.allocatedHours]),
        [[project.id, 45]]
      )
      const stages = yield* api.opportunities.history({ path: { id: deal.id }, urlParams: {} })
      assert.strictEqual(stages.items.length, 5)
      const paused = yield* api.opportunities.create({ payload: { name: "Sol newsletter", clientId: lead.id } })
      yield* api.opportunities.move({ path: { id: paused.id }, headers: {}, payload: { to: "standby" } })
      yield* api.opportunities.resume({ path: { id: paused.id }, headers: {}, payload: {} })
      yield* api.opportunities.move({ path: { id: paused.id }, headers: {}, payload: { to: "rejected" } })
      yield* api.opportunities.reopen({ path: { id: paused.id }, headers: {}, payload: { note: "New owner" } })
      yield* api.opportunities.remove({ path: { id: paused.id }, headers: {} })
      yield* api.originations.archive({ path: { id: referral.id }, headers: {} })
      yield* api.originations.restore({ path: { id: referral.id }, headers: {} })
      yield* api.originations.remove({ path: { id: fair.id }, headers: {} })
      yield* api.markets.archive({ path: { id: bakeries.id }, headers: {} })
      yield* api.markets.restore({ path: { id: bakeries.id }, headers: {} })
      const spare = yield* api.markets.create({ payload: { name: "Spare" } })
      yield* api.markets.remove({ path: { id: spare.id }, headers: {} })
      yield* api.positions.archive({ path: { id: growth.id }, headers: {} })
      yield* api.positions.restore({ path: { id: growth.id }, headers: {} })
      const extra = yield* api.positions.create({ payload: { name: "Extra" } })
      yield* api.positions.remove({ path: { id: extra.id }, headers: {} })

      // The SSE stream is exercised in its own test; every other operation was called above.
      const operations = Object.entries(OpenApi.fromApi(CrmApi).paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
      )
      const missed = operations.filter((op) => op !== "GET /events" && !seen.some((r) => matchesOperation(r, op)))
      assert.deepStrictEqual(missed, [])
      assert.isAbove(operations.length, 50)
    }).pipe(Effect.provide(TestServer()))
  )
})
