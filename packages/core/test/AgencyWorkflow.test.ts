import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import {
  Clients,
  Contacts,
  Interactions,
  LocalDate,
  Projects,
  Allocations,
  Reviews,
  Tasks,
  Timeline,
  Tracking
} from "../src/index.js"
import { asMember, failure, hire, setNow, TestLayer } from "./support.js"

const day = (s: string) => LocalDate.make(s)

describe("the five agency phases, end to end at the service level", () => {
  it.effect("capture → planning → execution → review → completion and closure", () =>
    Effect.gen(function* () {
      yield* setNow("2026-03-02T09:00:00Z")
      const manager = yield* hire("Marta Ruiz", "marta@agency.test")
      const designer = yield* hire("Leo Chen", "leo@agency.test")
      const asMarta = asMember(manager)
      const clients = yield* Clients
      const contacts = yield* Contacts
      const interactions = yield* Interactions
      const projects = yield* Projects
      const tasks = yield* Tasks
      const allocations = yield* Allocations
      const reviews = yield* Reviews
      const tracking = yield* Tracking
      const timeline = yield* Timeline

      // 1. Capture: a prospect, its contact, and the first meeting logged.
      const prospect = yield* asMarta(clients.create({ name: "Café Aurora", industry: "Food & drink" }))
      assert.strictEqual(prospect.kind, "prospect")
      const owner = yield* asMarta(
        contacts.create({ clientId: prospect.id, name: "Ana Gómez", position: "Owner", isPrimary: true })
      )
      const meeting = yield* asMarta(
        interactions.log({
          clientId: prospect.id,
          contactId: owner.id,
          kind: "meeting",
          direction: "outbound",
          summary: "First meeting: wants more local visibility",
          nextStep: "Send SEO proposal"
        })
      )
      assert.strictEqual(meeting.interaction.loggedById, manager.id)
      assert.isNull(meeting.followUpTask)

      // The proposal is approved: a project is created and the prospect becomes a client.
      const project = yield* asMarta(
        projects.create({
          clientId: prospect.id,
          name: "Local SEO 2026",
          campaignType: "seo",
          managerId: manager.id,
          objectives: ["Top 3 for 'café Madrid centro'", "+30% organic visits"],
          budget: { amountMinor: 1_200_000, currency: "EUR" },
          startDate: day("2026-03-02"),
          dueDate: day("2026-04-30")
        })
      )
      assert.strictEqual(project.status, "planned")
      assert.strictEqual((yield* clients.get(prospect.id)).kind, "client")

      // 2. Planning: tasks with assignees and deadlines; people and material allocated.
      const audit = yield* asMarta(
        tasks.create({
          projectId: project.id,
          title: "Technical SEO audit",
          assigneeId: designer.id,
          dueDate: day("2026-03-10"),
          priority: "high",
          estimateHours: 12
        })
      )
      const content = yield* asMarta(
        tasks.create({ projectId: project.id, title: "Write 4 landing pages", dueDate: day("2026-03-31") })
      )
      yield* asMarta(tasks.assign(content.id, manager.id))
      yield* asMarta(
        allocations.create({
          kind: "human",
          projectId: project.id,
          memberId: designer.id,
          role: "SEO specialist",
          hours: 40
        })
      )
      yield* asMarta(
        allocations.create({
          kind: "material",
          projectId: project.id,
          name: "Keyword tool licence",
          quantity: 2,
          unitCost: { amountMinor: 9_900, currency: "EUR" }
        })
      )
      yield* asMarta(projects.transition(project.id, "active"))

      // 3. Execution: tasks move; every client communication is logged, one with a follow-up task.
      yield* asMarta(tasks.transition(audit.id, "in_progress"))
      const call = yield* asMarta(
        interactions.log({
          clientId: prospect.id,
          contactId: owner.id,
          projectId: project.id,
          kind: "call",
          direction: "inbound",
          summary: "Client asks to add the terrace opening to the landing pages",
          followUp: { title: "Add terrace section", assigneeId: designer.id, dueDate: day("2026-03-20") }
        })
      )
      assert.isNotNull(call.followUpTask)
      assert.strictEqual(call.followUpTask!.originInteractionId, call.interaction.id)
      assert.strictEqual(call.followUpTask!.projectId, project.id)

      // Real-time tracking: on March 12th the audit is overdue.
      yield* setNow("2026-03-12T09:00:00Z")
      const overdue = yield* tracking.overdue()
      assert.deepStrictEqual(
        overdue.items.map((t) => t.id),
        [audit.id]
      )
      const soon = yield* tracking.dueSoon({ days: 10 })
      assert.deepStrictEqual(
        soon.items.map((t) => t.title),
        ["Add terrace section"]
      )

      // 4. Review: progress snapshot and adjustments.
      const review = yield* asMarta(
        reviews.record({
          projectId: project.id,
          summary: "Audit late; content on track",
          adjustments: ["Move audit deadline to March 16"]
        })
      )
      assert.strictEqual(review.progress.total, 3)
      assert.strictEqual(review.progress.overdueTasks, 1)
      assert.strictEqual(review.progress.health, "at_risk")
      yield* asMarta(tasks.update(audit.id, { dueDate: day("2026-03-16") }))

      // 5. Completion: not while tasks are open…
      const blocked = yield* failure(
        asMarta(projects.complete(project.id, { reportReference: "reports/final.pdf", deliveredOn: day("2026-04-28") }))
      )
      assert.strictEqual(blocked._tag, "OpenTasksRemain")
      if (blocked._tag === "OpenTasksRemain") assert.strictEqual(blocked.total, 3)

      for (const id of [audit.id, content.id, call.followUpTask!.id]) {
        const current = yield* tasks.get(id)
        if (current.status === "todo") yield* asMarta(tasks.transition(id, "in_progress"))
        yield* asMarta(tasks.transition(id, "in_review"))
        yield* asMarta(tasks.transition(id, "done"))
      }
      const progress = yield* tracking.progress(project.id)
      assert.strictEqual(progress.percentDone, 100)

      // …then completed with the final report, and closed with the client's feedback.
      const completed = yield* asMarta(
        projects.complete(project.id, { reportReference: "reports/final.pdf", deliveredOn: day("2026-04-28") })
      )
      assert.strictEqual(completed.status, "completed")
      const closed = yield* asMarta(
        projects.close(project.id, {
          feedback: {
            summary: "Very happy with the results",
            satisfaction: 5,
            contactId: owner.id,
            futureOpportunities: "Social media campaign in autumn"
          }
        })
      )
      assert.strictEqual(closed.project.status, "closed")
      assert.strictEqual(closed.feedback.kind, "feedback")
      assert.strictEqual(closed.feedback.satisfaction, 5)
      assert.strictEqual(closed.project.feedbackInteractionId, closed.feedback.id)

      // The detail view and the timeline tell the whole story.
      const detail = yield* projects.detail(project.id)
      assert.strictEqual(detail.client.id, prospect.id)
      assert.strictEqual(detail.manager.id, manager.id)
      assert.strictEqual(detail.tasks.items.length, 3)
      assert.strictEqual(detail.allocations.items.length, 2)
      assert.strictEqual(detail.resourceTotals.hours, 40)
      assert.deepStrictEqual(detail.resourceTotals.materialCost, [{ currency: "EUR", amountMinor: 19_800 }])
      assert.strictEqual(detail.latestReview?.id, review.id)
      assert.strictEqual(detail.recentInteractions[0]?.kind, "feedback")

      const story = yield* timeline.client(prospect.id, { limit: 200 })
      const kinds = story.items.map((e) => (e.kind === "change" ? e.event.type : `interaction:${e.interaction.kind}`))
      assert.include(kinds, "client.converted")
      assert.include(kinds, "project.closed")
      assert.include(kinds, "interaction:meeting")
      assert.include(kinds, "interaction:feedback")
      const times = story.items.map((e) => DateTime.toEpochMillis(e.at))
      assert.deepStrictEqual(
        times,
        [...times].sort((a, b) => b - a)
      )
      const closing = story.items.find((e) => e.kind === "change" && e.event.type === "project.closed")
      assert.strictEqual(closing?.kind === "change" ? closing.event.actorId : null, manager.id)
    }).pipe(Effect.provide(TestLayer))
  )
})
