import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Layer, TestClock } from "effect"
import { Actor } from "../domain/Actor.js"
import type { ClientId, OpportunityId, ProjectId, TaskId, TeamMemberId } from "../domain/Ids.js"
import { LocalDate } from "../domain/LocalDate.js"
import { DEFAULT_MARKETS } from "../domain/Market.js"
import type { OpenStage } from "../domain/Opportunity.js"
import { DEFAULT_ORIGINATIONS } from "../domain/Origination.js"
import * as Crm from "../Crm.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { ClientReports } from "../services/ClientReports.js"
import { Clients } from "../services/Clients.js"
import { Interactions } from "../services/Interactions.js"
import { Allocations } from "../services/Allocations.js"
import { DeliveryReports } from "../services/DeliveryReports.js"
import { Projects } from "../services/Projects.js"
import { Tasks } from "../services/Tasks.js"
import { Opportunities } from "../services/Opportunities.js"
import { SalesReports } from "../services/SalesReports.js"
import { Team } from "../services/Team.js"
import type { ContractStore } from "./contract/suite.js"

const d = (s: string) => LocalDate.make(s)
const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" })
const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" })
const referral = DEFAULT_ORIGINATIONS[0]!.id as never
const website = DEFAULT_ORIGINATIONS[2]!.id as never
const retail = DEFAULT_MARKETS[0]!.id as never
const technology = DEFAULT_MARKETS[3]!.id as never
const q1 = { from: d("2026-01-01"), to: d("2026-04-01") }

/** A quarter of sales, each step at its own instant (`TestClock`): six opportunities of two prospects, moved,
 * paused, lost, reopened and won over four months. The expectations below are computed by hand from it. */
const dataset = Effect.gen(function* () {
  const at = (iso: string) => TestClock.setTime(Date.parse(`${iso}T10:00:00Z`))
  yield* at("2025-12-01")
  const team = yield* Team
  const clients = yield* Clients
  const opportunities = yield* Opportunities
  const marta = yield* team.create({ name: "Marta", email: "marta@agency.test", role: "manager" })
  const leo = yield* team.create({ name: "Leo", email: "leo@agency.test" })
  const a = yield* clients.create({ name: "Aurora", originationId: referral, marketId: retail })
  const b = yield* clients.create({ name: "Byteforge", originationId: website, marketId: technology })
  const create = (
    day: string,
    name: string,
    clientId: ClientId,
    ownerId: TeamMemberId,
    amount: { amountMinor: number; currency: string } | null,
    options: { readonly stage?: OpenStage; readonly expectedCloseDate?: LocalDate } = {}
  ) => Effect.zipRight(at(day), opportunities.create({ name, clientId, ownerId, amount, ...options }))
  const move = (
    day: string,
    id: OpportunityId,
    to: "presentation" | "proposal" | "negotiation" | "standby" | "rejected" | "not_qualified"
  ) => Effect.zipRight(at(day), opportunities.move(id, { to }))

  const o6 = yield* create("2025-12-20", "B3", b.id, leo.id, eur(400_000), { expectedCloseDate: d("2026-03-31") })

  // Delivery: a project's tasks, completed before, on and after their due dates, one with none, two still open.
  yield* at("2026-01-02")
  const projects = yield* Projects
  const tasks = yield* Tasks
  const delivery = yield* projects.create({
    clientId: a.id,
    name: "Delivery",
    campaignType: "seo",
    managerId: marta.id
  })
  yield* projects.transition(delivery.id, "active")
  const task = (title: string, dueDate: string | null, assigneeId: TeamMemberId | null = null) =>
    tasks.create({ projectId: delivery.id, title, dueDate: dueDate === null ? null : d(dueDate), assigneeId })
  const finish = (iso: string, id: TaskId) =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse(iso))
      for (const to of ["in_progress", "in_review", "done"] as const) yield* tasks.transition(id, to)
    })
  const t1 = yield* task("Early", "2026-02-10", marta.id)
  const t2 = yield* task("On the day", "2026-02-10", marta.id)
  const t3 = yield* task("Late", "2026-02-10", leo.id)
  const t4 = yield* task("Undated", null, leo.id)
  yield* task("Overdue", "2026-03-01", leo.id)
  yield* task("Overdue, nobody's", "2026-03-15")
  yield* task("Later", "2026-05-01", leo.id)
  const t7 = yield* task("Done in April", "2026-02-20", marta.id)
  yield* finish("2026-02-09T10:00:00Z", t1.id)
  yield* finish("2026-02-10T23:00:00Z", t2.id)
  yield* finish("2026-02-12T10:00:00Z", t3.id)
  yield* finish("2026-03-01T10:00:00Z", t4.id)
  yield* finish("2026-04-05T10:00:00Z", t7.id)
  const o1 = yield* create("2026-01-05", "A1", a.id, marta.id, eur(1_000_000))
  yield* move("2026-01-08", o6.id, "rejected")
  const o2 = yield* create("2026-01-10", "A2", a.id, leo.id, eur(500_000))
  yield* move("2026-01-12", o1.id, "presentation")
  yield* move("2026-01-15", o2.id, "presentation")
  yield* move("2026-01-20", o1.id, "proposal")
  yield* Effect.zipRight(at("2026-01-25"), opportunities.reopen(o6.id, { note: "New budget" }))
  const o3 = yield* create("2026-02-01", "B1", b.id, marta.id, usd(200_000))
  yield* move("2026-02-03", o1.id, "negotiation")
  yield* move("2026-02-03", o3.id, "presentation")
  yield* move("2026-02-05", o2.id, "rejected")
  yield* Effect.zipRight(at("2026-02-10"), opportunities.win(o1.id, { salesOrder: { date: d("2026-02-10") } }))
  const o4 = yield* create("2026-02-15", "B2", b.id, leo.id, null)
  yield* move("2026-02-20", o3.id, "proposal")
  yield* move("2026-02-20", o4.id, "standby")
  yield* move("2026-02-25", o6.id, "presentation")
  yield* move("2026-03-01", o3.id, "negotiation")
  yield* Effect.zipRight(at("2026-03-05"), opportunities.resume(o4.id))
  yield* move("2026-03-10", o4.id, "not_qualified")
  yield* Effect.zipRight(
    at("2026-03-15"),
    opportunities.win(o3.id, { salesOrder: { amount: usd(250_000), date: d("2026-03-16") } })
  )
  const o5 = yield* create("2026-03-20", "A3", a.id, marta.id, eur(300_000), {
    stage: "proposal",
    expectedCloseDate: d("2026-04-15")
  })
  yield* move("2026-03-25", o5.id, "negotiation")

  // Delivery and feedback: two projects, and scores about them (and one about no project).
  yield* at("2026-04-01")
  const interactions = yield* Interactions
  const seo = yield* projects.create({
    clientId: a.id,
    name: "SEO",
    campaignType: "seo",
    managerId: marta.id,
    budget: eur(500_000)
  })
  const social = yield* projects.create({
    clientId: b.id,
    name: "Social",
    campaignType: "social_media",
    managerId: leo.id,
    budget: eur(100_000)
  })
  yield* projects.transition(social.id, "active")
  const feedback = (day: string, clientId: ClientId, projectId: ProjectId | null, satisfaction: number) =>
    interactions.log({
      clientId,
      projectId,
      kind: "feedback",
      direction: "inbound",
      summary: `Feedback of ${day}`,
      satisfaction,
      occurredAt: DateTime.unsafeMake(`${day}T15:00:00Z`)
    })
  yield* feedback("2026-02-15", a.id, seo.id, 5)
  yield* feedback("2026-03-01", a.id, seo.id, 4)
  yield* feedback("2026-03-20", b.id, social.id, 2)
  yield* feedback("2026-01-20", a.id, null, 3)
  yield* feedback("2026-04-10", b.id, social.id, 5)
  // Questions and answers: inbound contacts and the agency's next outbound one with the same organization.
  const contact = (iso: string, clientId: ClientId, direction: "inbound" | "outbound", kind: "call" | "email") =>
    interactions.log({
      clientId,
      kind,
      direction,
      summary: `${direction} ${iso}`,
      occurredAt: DateTime.unsafeMake(iso)
    })
  yield* contact("2026-01-15T09:00:00Z", a.id, "outbound", "email")
  yield* contact("2026-02-01T09:00:00Z", a.id, "inbound", "call")
  yield* contact("2026-02-01T15:00:00Z", a.id, "outbound", "email")
  yield* contact("2026-02-10T10:00:00Z", a.id, "inbound", "email")
  yield* contact("2026-02-10T12:00:00Z", a.id, "inbound", "call")
  yield* contact("2026-02-11T10:00:00Z", a.id, "outbound", "call")
  yield* contact("2026-03-30T10:00:00Z", b.id, "inbound", "email")
  yield* contact("2026-04-02T10:00:00Z", b.id, "outbound", "email")
  yield* contact("2026-03-31T12:00:00Z", a.id, "inbound", "call")
  yield* at("2026-04-12")

  // April's relationship work, logged by the members themselves: a new organization's first call (an opportunity
  // is opened from it), a next step, an outcome, an internal note and a call with a follow-up task.
  const c = yield* clients.create({ name: "Cobalt" })
  const logged = (
    member: TeamMemberId,
    clientId: ClientId,
    day: string,
    kind: "call" | "email" | "meeting" | "note" | "video_call",
    direction: "inbound" | "outbound" | "internal",
    extra: {
      readonly nextStep?: string
      readonly outcome?: string
      readonly followUp?: { readonly title: string }
    } = {}
  ) =>
    interactions
      .log({
        clientId,
        kind,
        direction,
        summary: `${kind} ${day}`,
        occurredAt: DateTime.unsafeMake(`${day}T11:00:00Z`),
        ...extra
      })
      .pipe(Effect.provideService(Actor, Actor.member(member)))
  // Feedback before any conversation is no first contact.
  yield* feedback("2026-04-02", c.id, null, 4)
  const intro = yield* logged(leo.id, c.id, "2026-04-03", "call", "outbound")
  yield* logged(leo.id, c.id, "2026-04-06", "email", "inbound", { nextStep: "Send the deck" })
  yield* logged(leo.id, c.id, "2026-04-07", "meeting", "outbound", { outcome: "Scope agreed" })
  yield* logged(marta.id, b.id, "2026-04-08", "note", "internal")
  yield* logged(marta.id, b.id, "2026-04-09", "video_call", "outbound", { followUp: { title: "Send the plan" } })
  yield* opportunities.create({ name: "C1", originInteractionId: intro.interaction.id, ownerId: leo.id })

  // Projects: SEO starts today with material and time allocated; Social (active since 1 April) completes today,
  // over its budget.
  const allocations = yield* Allocations
  yield* projects.transition(seo.id, "active")
  const material = (projectId: ProjectId, quantity: number, unitCost: { amountMinor: number; currency: string }) =>
    allocations.create({ kind: "material", projectId, name: "Ads", quantity, unitCost })
  yield* material(seo.id, 2, eur(150_000))
  yield* material(seo.id, 1, usd(10_000))
  yield* allocations.create({ kind: "human", projectId: seo.id, memberId: marta.id, role: "Lead", hours: 12.5 })
  yield* material(social.id, 3, eur(50_000))
  yield* projects.complete(social.id, { reportReference: "social.pdf", deliveredOn: d("2026-04-12") })
  return { marta, leo, a, b, c, seo, social, delivery }
}).pipe(Effect.provideService(Actor, Actor.system))

const outcomes = (created: number, won: number, lost: number, standby: number) => ({
  created,
  won,
  lost,
  standby,
  open: created - won - lost - standby,
  wonShare: created === 0 ? null : won / created,
  lostShare: created === 0 ? null : lost / created,
  standbyShare: created === 0 ? null : standby / created
})

/** The reports, with hand-computed expectations over `dataset`, on a store built by `store` (a fresh one per test):
 * the same figures on every adapter. */
export const reportCases = <E>(name: string, store: Layer.Layer<ContractStore, E>): void => {
  const services = Crm.layer.pipe(
    Layer.provideMerge(store),
    Layer.provideMerge(IdGenerator.layerSequential),
    Layer.merge(Layer.succeed(Actor, Actor.system))
  )
  const withData = <A, E2>(body: (world: Effect.Effect.Success<typeof dataset>) => Effect.Effect<A, E2, any>) =>
    Effect.flatMap(dataset, body).pipe(Effect.provide(services)) as Effect.Effect<A, E2 | E, never>

  describe(`${name}: reports`, () => {
    it.effect("delivery: tasks completed on time in the period, and what is overdue now by assignee", () =>
      withData(({ leo, marta }) =>
        Effect.gen(function* () {
          const reports = yield* DeliveryReports
          // Completed in Q1: early and on the day (on time), late, and one without a due date; April's is out.
          // Overdue on 12 April: Leo's (due 1 March) and the unassigned one (due 15 March).
          assert.deepStrictEqual(yield* reports.delivery({ ...q1, today: d("2026-04-12") }), {
            completed: 4,
            withDueDate: 3,
            onTime: 2,
            late: 1,
            onTimeRate: 2 / 3,
            overdueNow: [
              { assigneeId: leo.id, count: 1 },
              { assigneeId: null, count: 1 }
            ]
          })
          const martas = yield* reports.delivery({ ...q1, assigneeId: marta.id, today: d("2026-04-12") })
          assert.deepStrictEqual([martas.completed, martas.onTimeRate, martas.overdueNow], [2, 1, []])
          // "Now" is the clock's day unless given: 12 April here.
          assert.strictEqual((yield* reports.delivery(q1)).overdueNow.length, 2)
          const march = yield* reports.delivery({ from: d("2026-03-01"), to: d("2026-04-01"), today: d("2026-03-10") })
          assert.deepStrictEqual([march.completed, march.withDueDate, march.onTimeRate], [1, 0, null])
          assert.deepStrictEqual(march.overdueNow, [{ assigneeId: leo.id, count: 1 }])
        })
      )
    )

    it.effect("response time: hours from each inbound contact of the period to the next outbound one", () =>
      withData(({ a }) =>
        Effect.gen(function* () {
          const reports = yield* ClientReports
          // Q1's inbound calls and e-mails (feedback is not a question): answered after 6, 24, 22 and 72 hours
          // (the last answer falls after the period; it counts), and one still unanswered.
          assert.deepStrictEqual(yield* reports.responseTime(q1), {
            inbound: 5,
            answered: 4,
            unanswered: 1,
            medianHours: 23,
            meanHours: 31
          })
          assert.deepStrictEqual(yield* reports.responseTime({ ...q1, clientId: a.id }), {
            inbound: 4,
            answered: 3,
            unanswered: 1,
            medianHours: 22,
            meanHours: 17.33
          })
          const none = yield* reports.responseTime({ from: d("2025-01-01"), to: d("2025-02-01") })
          assert.deepStrictEqual(none, { inbound: 0, answered: 0, unanswered: 0, medianHours: null, meanHours: null })
        })
      )
    )

    it.effect("satisfaction: mean and distribution of the period's feedback, by manager and campaign type", () =>
      withData(({ leo, marta }) =>
        Effect.gen(function* () {
          const reports = yield* ClientReports
          // In Q1: 5 and 4 on Marta's SEO project, 2 on Leo's social one, 3 about no project (April's 5 is out).
          assert.deepStrictEqual(yield* reports.satisfaction(q1), {
            total: { count: 4, mean: 3.5 },
            distribution: [
              { score: 1, count: 0 },
              { score: 2, count: 1 },
              { score: 3, count: 1 },
              { score: 4, count: 1 },
              { score: 5, count: 1 }
            ],
            byManager: [
              { managerId: marta.id, scores: { count: 2, mean: 4.5 } },
              { managerId: leo.id, scores: { count: 1, mean: 2 } },
              { managerId: null, scores: { count: 1, mean: 3 } }
            ],
            byCampaignType: [
              { campaignType: "seo", scores: { count: 2, mean: 4.5 } },
              { campaignType: "social_media", scores: { count: 1, mean: 2 } },
              { campaignType: null, scores: { count: 1, mean: 3 } }
            ]
          })
          const leos = yield* reports.satisfaction({ ...q1, managerId: leo.id })
          assert.deepStrictEqual(leos.total, { count: 1, mean: 2 })
          const social = yield* reports.satisfaction({
            from: d("2026-01-01"),
            to: d("2026-05-01"),
            campaignType: "social_media"
          })
          assert.deepStrictEqual(social.total, { count: 2, mean: 3.5 })
          const none = yield* reports.satisfaction({ from: d("2025-01-01"), to: d("2025-02-01") })
          assert.deepStrictEqual(none.total, { count: 0, mean: null })
        })
      )
    )

    it.effect(
      "activity: interactions by kind and result, per member, and first contacts that led to an opportunity",
      () =>
        withData(({ leo, marta, c }) =>
          Effect.gen(function* () {
            const reports = yield* ClientReports
            const counts = (
              kinds: Partial<
                Record<"meeting" | "call" | "email" | "message" | "video_call" | "note" | "feedback", number>
              >,
              results: Partial<Record<"opportunity" | "next_step" | "outcome" | "none", number>>,
              firstContacts: number,
              withOpportunity: number
            ) => ({
              interactions: Object.values(kinds).reduce((a, b) => a + b, 0),
              byKind: (["meeting", "call", "email", "message", "video_call", "note", "feedback"] as const).map(
                (kind) => ({
                  kind,
                  count: kinds[kind] ?? 0
                })
              ),
              byResult: (["opportunity", "next_step", "outcome", "none"] as const).map((result) => ({
                result,
                count: results[result] ?? 0
              })),
              firstContacts,
              firstContactsWithOpportunity: withOpportunity,
              firstContactConversion: firstContacts === 0 ? null : withOpportunity / firstContacts
            })
            const april = { from: d("2026-04-01"), to: d("2026-05-01") }
            // April: the system's outbound e-mail and feedback to Byteforge, and Cobalt's feedback; Leo's call (C1
            // was opened from it, and it is Cobalt's first contact: feedback is no conversation), e-mail with a next
            // step and meeting with an outcome; Marta's internal note and video call with a follow-up task.
            assert.deepStrictEqual(yield* reports.activity(april), {
              total: counts(
                { meeting: 1, call: 1, email: 2, video_call: 1, note: 1, feedback: 2 },
                { opportunity: 1, next_step: 2, outcome: 1, none: 4 },
                1,
                1
              ),
              byMember: [
                { memberId: marta.id, activity: counts({ video_call: 1, note: 1 }, { next_step: 1, none: 1 }, 0, 0) },
                {
                  memberId: leo.id,
                  activity: counts(
                    { call: 1, email: 1, meeting: 1 },
                    { opportunity: 1, next_step: 1, outcome: 1 },
                    1,
                    1
                  )
                },
                { memberId: null, activity: counts({ email: 1, feedback: 2 }, { none: 3 }, 0, 0) }
              ]
            })
            const leos = yield* reports.activity({ ...april, memberId: leo.id })
            assert.deepStrictEqual(
              leos.byMember.map((m) => m.memberId),
              [leo.id]
            )
            assert.strictEqual(leos.total.interactions, 3)
            const cobalt = yield* reports.activity({ ...april, clientId: c.id })
            assert.deepStrictEqual([cobalt.total.interactions, cobalt.total.firstContactConversion], [4, 1])
            // Q1: four feedbacks and eight calls and e-mails, none with a result. Aurora's first contact (15 January)
            // was followed by A3; Byteforge's (30 March) by no opportunity (B1 and B2 came before it).
            assert.deepStrictEqual(yield* reports.activity(q1), {
              total: counts({ call: 4, email: 4, feedback: 4 }, { none: 12 }, 2, 1),
              byMember: [{ memberId: null, activity: counts({ call: 4, email: 4, feedback: 4 }, { none: 12 }, 2, 1) }]
            })
            const none = yield* reports.activity({ from: d("2025-01-01"), to: d("2025-02-01") })
            assert.deepStrictEqual(none, { total: counts({}, {}, 0, 0), byMember: [] })
          })
        )
    )

    it.effect("first contacts are kept as an organization's interactions are logged, moved and deleted", () =>
      withData(({ c }) =>
        Effect.gen(function* () {
          const interactions = yield* Interactions
          const first = Effect.map(interactions.list({ clientId: c.id, firstContact: true }), (page) =>
            page.items.map((i) => i.summary)
          )
          // Cobalt's feedback of 2 April is no conversation: its first contact is Leo's call of 3 April.
          assert.deepStrictEqual(yield* first, ["call 2026-04-03"])
          const earlier = yield* interactions.log({
            clientId: c.id,
            kind: "message",
            direction: "inbound",
            summary: "A message found later",
            occurredAt: DateTime.unsafeMake("2026-03-28T09:00:00Z")
          })
          assert.isTrue(earlier.interaction.firstContact)
          assert.deepStrictEqual(yield* first, ["A message found later"])
          yield* interactions.update(earlier.interaction.id, {
            occurredAt: DateTime.unsafeMake("2026-04-20T09:00:00Z")
          })
          assert.deepStrictEqual(yield* first, ["call 2026-04-03"])
          const call = (yield* interactions.list({ clientId: c.id, firstContact: true })).items[0]!
          yield* interactions.remove(call.id)
          assert.deepStrictEqual(yield* first, ["email 2026-04-06"])
          // An internal exchange is no contact: the meeting of 7 April becomes the first.
          const email = (yield* interactions.list({ clientId: c.id, firstContact: true })).items[0]!
          yield* interactions.update(email.id, { direction: "internal" })
          assert.deepStrictEqual(yield* first, ["meeting 2026-04-07"])
        }).pipe(Effect.provideService(Actor, Actor.system))
      )
    )

    it.effect("retention: organizations active in the previous period that are active in this one", () =>
      withData(() =>
        Effect.gen(function* () {
          const reports = yield* ClientReports
          // Q1 (90 days) follows 3 October – 1 January, when nothing was won or running: Aurora (A1 won, Delivery
          // running) and Byteforge (B1 won) are both gained.
          assert.deepStrictEqual(yield* reports.retention(q1), {
            previous: { from: d("2025-10-03"), to: d("2026-01-01") },
            previousActive: 0,
            retained: 0,
            lapsed: 0,
            gained: 2,
            active: 2,
            retentionRate: null
          })
          // The second half of 2026 (184 days) follows 29 December – 1 July: Aurora and Byteforge (Social ran in
          // April). Only Aurora's Delivery project still runs after July; Cobalt has never been active.
          const h2 = { from: d("2026-07-01"), to: d("2027-01-01") }
          assert.deepStrictEqual(yield* reports.retention(h2), {
            previous: { from: d("2025-12-29"), to: d("2026-07-01") },
            previousActive: 2,
            retained: 1,
            lapsed: 1,
            gained: 0,
            active: 1,
            retentionRate: 0.5
          })
          const tech = yield* reports.retention({ ...h2, marketId: technology })
          assert.deepStrictEqual([tech.previousActive, tech.retained, tech.retentionRate], [1, 0, 0])
          const q2 = yield* reports.retention({ from: d("2026-04-01"), to: d("2026-07-01") })
          assert.deepStrictEqual([q2.previousActive, q2.retained, q2.retentionRate], [2, 2, 1])
        })
      )
    )

    it.effect("projects: each running project's budget against its allocated cost; how long completed ones took", () =>
      withData(({ leo, delivery, seo, social }) =>
        Effect.gen(function* () {
          const reports = yield* DeliveryReports
          const april = { from: d("2026-04-01"), to: d("2026-05-01") }
          // Running in April: Delivery (since January), SEO (since 12 April) and Social (1 to 12 April: 11 days).
          assert.deepStrictEqual(yield* reports.projects(april), {
            running: [
              {
                projectId: delivery.id,
                name: "Delivery",
                status: "active",
                budget: null,
                allocatedHours: 0,
                allocatedCost: [],
                remainingMinor: null,
                overBudget: false
              },
              {
                projectId: seo.id,
                name: "SEO",
                status: "active",
                budget: eur(500_000),
                allocatedHours: 12.5,
                allocatedCost: [eur(300_000), usd(10_000)],
                remainingMinor: 200_000,
                overBudget: false
              },
              {
                projectId: social.id,
                name: "Social",
                status: "completed",
                budget: eur(100_000),
                allocatedHours: 0,
                allocatedCost: [eur(150_000)],
                remainingMinor: -50_000,
                overBudget: true
              }
            ],
            completed: 1,
            durationDays: { median: 11, mean: 11 }
          })
          const leos = yield* reports.projects({ ...april, managerId: leo.id })
          assert.deepStrictEqual(
            leos.running.map((p) => p.name),
            ["Social"]
          )
          const first = yield* reports.projects(q1)
          assert.deepStrictEqual(
            [first.running.map((p) => p.name), first.completed, first.durationDays],
            [["Delivery"], 0, { median: null, mean: null }]
          )
          const may = yield* reports.projects({ from: d("2026-05-01"), to: d("2026-06-01") })
          assert.deepStrictEqual(
            may.running.map((p) => p.name),
            ["Delivery", "SEO"]
          )
        })
      )
    )

    it.effect("pipeline: what was open at the end of the period, by stage, owner, source and market", () =>
      withData(({ leo, marta }) =>
        Effect.gen(function* () {
          const reports = yield* SalesReports
          // On 1 April: B3 (reopened, now in presentation, 25%) and A3 (negotiation, 75%); the rest closed.
          const eurOf = (total: number, weighted: number) => [
            { currency: "EUR", totalMinor: total, weightedMinor: weighted }
          ]
          assert.deepStrictEqual(yield* reports.pipeline(q1), {
            stages: [
              { stage: "interest", count: 0, amounts: [] },
              { stage: "presentation", count: 1, amounts: eurOf(400_000, 100_000) },
              { stage: "proposal", count: 0, amounts: [] },
              { stage: "negotiation", count: 1, amounts: eurOf(300_000, 225_000) }
            ],
            byOwner: [
              { key: marta.id, count: 1, amounts: eurOf(300_000, 225_000) },
              { key: leo.id, count: 1, amounts: eurOf(400_000, 100_000) }
            ],
            byOrigination: [
              { key: referral, count: 1, amounts: eurOf(300_000, 225_000) },
              { key: website, count: 1, amounts: eurOf(400_000, 100_000) }
            ],
            byMarket: [
              { key: retail, count: 1, amounts: eurOf(300_000, 225_000) },
              { key: technology, count: 1, amounts: eurOf(400_000, 100_000) }
            ]
          })
          // On 1 February: B3 in interest (reopened), A1 in proposal, A2 in presentation; each has moved on since,
          // so each weighs at the default probability of the stage it was in then (10%, 50%, 25%).
          const february = yield* reports.pipeline({ from: d("2026-01-01"), to: d("2026-02-01") })
          assert.deepStrictEqual(february.stages, [
            { stage: "interest", count: 1, amounts: eurOf(400_000, 40_000) },
            { stage: "presentation", count: 1, amounts: eurOf(500_000, 125_000) },
            { stage: "proposal", count: 1, amounts: eurOf(1_000_000, 500_000) },
            { stage: "negotiation", count: 0, amounts: [] }
          ])
          const leos = yield* reports.pipeline({ from: d("2026-01-01"), to: d("2026-02-01"), ownerId: leo.id })
          assert.deepStrictEqual(
            leos.stages.map((s) => s.count),
            [1, 1, 0, 0]
          )
        })
      )
    )

    it.effect("conversion: outcomes of the quarter's new opportunities, by source and market, and the funnel", () =>
      withData(() =>
        Effect.gen(function* () {
          const report = yield* (yield* SalesReports).conversion(q1)
          // Created in Q1: A1 (won), A2 (rejected), B1 (won), B2 (not qualified), A3 (open). B3 is from December.
          assert.deepStrictEqual(report.total, outcomes(5, 2, 2, 0))
          assert.deepStrictEqual(report.byOrigination, [
            { originationId: referral, outcomes: outcomes(3, 1, 1, 0) },
            { originationId: website, outcomes: outcomes(2, 1, 1, 0) }
          ])
          assert.deepStrictEqual(report.byMarket, [
            { marketId: retail, outcomes: outcomes(3, 1, 1, 0) },
            { marketId: technology, outcomes: outcomes(2, 1, 1, 0) }
          ])
          // interest: A1 A2 B1 B2 (A3 was created at proposal); presentation: A1 A2 B1; proposal: A1 B1 A3;
          // negotiation: A1 B1 A3; sales order: A1 B1.
          assert.deepStrictEqual(report.funnel, [
            { stage: "interest", reached: 4, nextShare: 3 / 4 },
            { stage: "presentation", reached: 3, nextShare: 2 / 3 },
            { stage: "proposal", reached: 3, nextShare: 1 },
            { stage: "negotiation", reached: 3, nextShare: 2 / 3 },
            { stage: "sales_order", reached: 2, nextShare: null }
          ])
        })
      )
    )

    it.effect("wins: win rate, cycle length and deal size of what closed in the period", () =>
      withData(({ marta }) =>
        Effect.gen(function* () {
          const reports = yield* SalesReports
          // Closed in Q1: A1 won (36 days), A2 rejected, B2 not qualified, B1 won (42 days); B3 was rejected in
          // January but reopened, so it is not closed.
          assert.deepStrictEqual(yield* reports.wins(q1), {
            closed: 4,
            won: 2,
            winRate: 0.5,
            cycleDays: { median: 39, mean: 39 },
            dealSize: [
              { currency: "EUR", count: 1, totalMinor: 1_000_000, averageMinor: 1_000_000 },
              { currency: "USD", count: 1, totalMinor: 250_000, averageMinor: 250_000 }
            ]
          })
          const martas = yield* reports.wins({ ...q1, ownerId: marta.id })
          assert.strictEqual(martas.winRate, 1)
          const february = yield* reports.wins({ from: d("2026-02-01"), to: d("2026-03-01") })
          assert.deepStrictEqual([february.closed, february.won, february.cycleDays.median], [2, 1, 36])
        })
      )
    )

    it.effect("revenue by month and currency; forecast of what is expected to close", () =>
      withData(() =>
        Effect.gen(function* () {
          const reports = yield* SalesReports
          assert.deepStrictEqual(yield* reports.revenue(q1), {
            months: [
              { month: "2026-01", amounts: [] },
              {
                month: "2026-02",
                amounts: [{ currency: "EUR", count: 1, totalMinor: 1_000_000, averageMinor: 1_000_000 }]
              },
              { month: "2026-03", amounts: [{ currency: "USD", count: 1, totalMinor: 250_000, averageMinor: 250_000 }] }
            ]
          })
          // Open now and expected in Q1: B3 (presentation, 25%); in Q2: A3 (negotiation, 75%).
          const forecast = yield* reports.forecast(q1)
          assert.deepStrictEqual(forecast.stages[1], {
            stage: "presentation",
            count: 1,
            amounts: [{ currency: "EUR", totalMinor: 400_000, weightedMinor: 100_000 }]
          })
          assert.deepStrictEqual(
            forecast.stages.map((s) => s.count),
            [0, 1, 0, 0]
          )
          const q2 = yield* reports.forecast({ from: d("2026-04-01"), to: d("2026-07-01") })
          assert.deepStrictEqual(q2.stages[3]!.amounts, [
            { currency: "EUR", totalMinor: 300_000, weightedMinor: 225_000 }
          ])
        })
      )
    )

    it.effect("an empty period answers zeros and no shares; a reversed period is refused naming `to`", () =>
      withData(() =>
        Effect.gen(function* () {
          const reports = yield* SalesReports
          const empty = { from: d("2025-01-01"), to: d("2025-02-01") }
          const conversion = yield* reports.conversion(empty)
          assert.deepStrictEqual(conversion.total, outcomes(0, 0, 0, 0))
          assert.isTrue(conversion.funnel.every((step) => step.reached === 0 && step.nextShare === null))
          assert.deepStrictEqual(yield* reports.wins(empty), {
            closed: 0,
            won: 0,
            winRate: null,
            cycleDays: { median: null, mean: null },
            dealSize: []
          })
          assert.deepStrictEqual(yield* reports.revenue(empty), { months: [{ month: "2025-01", amounts: [] }] })
          // Early years keep four digits; a period reaches at most 100 years; retention's previous period of the same
          // length may not start before year 0.
          assert.deepStrictEqual(
            (yield* reports.revenue({ from: d("0001-01-01"), to: d("0001-03-01") })).months.map((m) => m.month),
            ["0001-01", "0001-02"]
          )
          const century = yield* Effect.flip(reports.revenue({ from: d("1900-01-01"), to: d("2000-01-03") }))
          assert.deepStrictEqual(century._tag === "ValidationFailed" ? century.issues.map((i) => i.path) : [], ["to"])
          const retention = yield* Effect.flip(
            Effect.flatMap(ClientReports, (r) => r.retention({ from: d("0001-01-01"), to: d("0050-01-01") }))
          )
          assert.deepStrictEqual(retention._tag === "ValidationFailed" ? retention.issues.map((i) => i.path) : [], [
            "from"
          ])
          const earliest = yield* Effect.flatMap(ClientReports, (r) =>
            r.retention({ from: d("0001-01-01"), to: d("0001-02-01") })
          )
          assert.deepStrictEqual(earliest.previous, { from: d("0000-12-01"), to: d("0001-01-01") })
          const reversed = yield* Effect.flip(reports.wins({ from: d("2026-02-01"), to: d("2026-02-01") }))
          assert.strictEqual(reversed._tag, "ValidationFailed")
          if (reversed._tag === "ValidationFailed")
            assert.deepStrictEqual(
              reversed.issues.map((i) => i.path),
              ["to"]
            )
        })
      )
    )
  })
}
