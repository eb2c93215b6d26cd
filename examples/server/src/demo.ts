import {
  Actor,
  Clients,
  Contacts,
  Interactions,
  LocalDates,
  type LocalDate,
  Projects,
  Allocations,
  Reviews,
  type TaskStatus,
  Tasks,
  Team,
  type TeamMemberId
} from "@agency-crm/core"
import { Clock, DateTime, Effect } from "effect"
import { DAY, stoppedAt } from "./demoClock.js"
import { PROSPECTS_SEEDED, seedPipeline } from "./demoPipeline.js"

/** The admin key of the demo database (it holds made-up data only; never use it elsewhere). */
export const DEMO_ADMIN_KEY = "acrm_demo-admin-key-for-the-demo-database-only"

/** What the demo data holds. */
export interface DemoSummary {
  readonly members: number
  readonly clients: number
  readonly projects: number
  readonly tasks: number
  readonly opportunities: number
}

const eur = (amount: number) => ({ amountMinor: amount * 100, currency: "EUR" })

/** Fills an empty store with a small agency: a team, clients at every stage, projects of several campaign
 * types with tasks in every state (some overdue), allocations, interactions, a review, a completed and a
 * closed project, and a sales pipeline with months of stage history (see `seedPipeline`). Dates are relative to today, so the overdue tasks are overdue whenever it runs. Does
 * nothing (and answers `null`) when the store already has clients. */
export const seedDemo = Effect.gen(function* () {
  const clients = yield* Clients
  const existing = yield* clients.list({ limit: 1 }).pipe(Effect.provideService(Actor, Actor.system))
  if (existing.items.length > 0) return null

  const team = yield* Team
  const contacts = yield* Contacts
  const projects = yield* Projects
  const tasks = yield* Tasks
  const allocations = yield* Allocations
  const interactions = yield* Interactions
  const reviews = yield* Reviews
  const nowMs = yield* Clock.currentTimeMillis
  const today = LocalDates.fromDateTime(DateTime.unsafeMake(nowMs))
  const day = (offset: number): LocalDate => LocalDates.addDays(today, offset)
  const daysAgo = (n: number) => DateTime.unsafeMake(nowMs - n * DAY)
  /** Runs `effect` as if `n` days ago, so projects and tasks carry believable dates. */
  const onDay =
    (n: number) =>
    <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.withClock(effect, stoppedAt(nowMs - n * DAY))

  const hire = (name: string, email: string, title: string, role: "manager" | "member" | "viewer") =>
    team.create({ name, email, title, role }).pipe(Effect.provideService(Actor, Actor.system))
  const marta = yield* hire("Marta Ruiz", "marta@demo-agency.test", "Account director", "manager")
  const leo = yield* hire("Leo Chen", "leo@demo-agency.test", "SEO specialist", "member")
  const sofia = yield* hire("Sofia Rossi", "sofia@demo-agency.test", "Content designer", "member")
  yield* hire("Tom Becker", "tom@demo-agency.test", "Finance", "viewer")

  const asMarta = Effect.provideService(Actor, Actor.member(marta.id))
  let taskCount = 0
  let projectCount = 0

  const work = Effect.gen(function* () {
    /** A task moved along the lifecycle to `status`. */
    const task = (
      projectId: Parameters<typeof tasks.create>[0]["projectId"],
      title: string,
      status: TaskStatus,
      options: { assigneeId?: TeamMemberId; dueDate?: LocalDate; priority?: "low" | "medium" | "high" | "urgent" } = {}
    ) =>
      Effect.gen(function* () {
        const created = yield* tasks.create({ projectId, title, ...options })
        taskCount += 1
        const path: Record<TaskStatus, ReadonlyArray<TaskStatus>> = {
          todo: [],
          in_progress: ["in_progress"],
          in_review: ["in_progress", "in_review"],
          done: ["in_progress", "in_review", "done"],
          blocked: ["blocked"],
          cancelled: ["cancelled"]
        }
        for (const to of path[status]) yield* tasks.transition(created.id, to)
        return created
      })
    const project = (input: Parameters<typeof projects.create>[0]) =>
      Effect.tap(projects.create(input), () => Effect.sync(() => (projectCount += 1)))

    // A client in full swing: a local SEO campaign with tasks in every state.
    const aurora = yield* clients.create({
      name: "Café Aurora",
      industry: "Food & drink",
      website: "https://cafe-aurora.example",
      ownerId: marta.id
    })
    const ana = yield* contacts.create({
      clientId: aurora.id,
      name: "Ana Gómez",
      position: "Owner",
      email: "ana@cafe-aurora.example",
      isPrimary: true
    })
    yield* interactions.log({
      clientId: aurora.id,
      contactId: ana.id,
      kind: "meeting",
      direction: "outbound",
      occurredAt: daysAgo(45),
      summary: "First meeting: wants more local visibility for the new terrace",
      nextStep: "Send an SEO proposal"
    })
    const seo = yield* project({
      clientId: aurora.id,
      name: "Local SEO 2026",
      campaignType: "seo",
      managerId: marta.id,
      objectives: ["Top 3 for 'café near me' in the district", "+30% organic visits"],
      budget: eur(12_000),
      startDate: day(-30),
      dueDate: day(30)
    })
    yield* onDay(30)(projects.transition(seo.id, "active"))
    yield* onDay(22)(
      task(seo.id, "Technical SEO audit", "done", { assigneeId: leo.id, dueDate: day(-20), priority: "high" })
    )
    yield* task(seo.id, "Keyword research", "in_review", { assigneeId: leo.id, dueDate: day(2) })
    yield* task(seo.id, "Rewrite four landing pages", "in_progress", { assigneeId: sofia.id, dueDate: day(5) })
    yield* task(seo.id, "Clean up the Google Business Profile", "todo", {
      assigneeId: leo.id,
      dueDate: day(-3),
      priority: "urgent"
    })
    yield* task(seo.id, "Backlink outreach to local press", "blocked", { dueDate: day(-1) })
    yield* task(seo.id, "Migrate the old sitemap", "cancelled", { assigneeId: leo.id })
    yield* allocations.create({ kind: "human", projectId: seo.id, memberId: leo.id, role: "SEO specialist", hours: 40 })
    yield* allocations.create({ kind: "human", projectId: seo.id, memberId: sofia.id, role: "Copywriter", hours: 24 })
    yield* allocations.create({
      kind: "material",
      projectId: seo.id,
      name: "Keyword tool licence",
      quantity: 2,
      unitCost: eur(99)
    })
    yield* interactions.log({
      clientId: aurora.id,
      contactId: ana.id,
      projectId: seo.id,
      kind: "call",
      direction: "inbound",
      occurredAt: daysAgo(6),
      summary: "Ana asks to feature the terrace opening on the landing pages",
      followUp: { title: "Add a terrace section", assigneeId: sofia.id, dueDate: day(4) }
    })
    taskCount += 1
    yield* interactions.log({
      clientId: aurora.id,
      contactId: ana.id,
      projectId: seo.id,
      kind: "email",
      direction: "outbound",
      occurredAt: daysAgo(2),
      summary: "Sent the audit summary and the keyword shortlist"
    })
    yield* reviews.record({
      projectId: seo.id,
      summary: "Audit done on time; profile clean-up is late and blocks the local pack work",
      adjustments: ["Leo prioritises the Business Profile this week", "Outreach waits for the press list"]
    })

    // A retail client with one campaign planned and one on hold.
    const nordlicht = yield* clients.create({ name: "Nordlicht Outdoor", industry: "Retail", ownerId: marta.id })
    yield* contacts.create({ clientId: nordlicht.id, name: "Jonas Berg", position: "Marketing lead", isPrimary: true })
    const social = yield* project({
      clientId: nordlicht.id,
      name: "Autumn social campaign",
      campaignType: "social_media",
      managerId: marta.id,
      budget: eur(8_500),
      startDate: day(7),
      dueDate: day(60)
    })
    yield* task(social.id, "Content calendar", "todo", { assigneeId: sofia.id, dueDate: day(10) })
    yield* task(social.id, "Influencer shortlist", "todo", { dueDate: day(14), priority: "low" })
    const newsletter = yield* project({
      clientId: nordlicht.id,
      name: "Newsletter relaunch",
      campaignType: "email_marketing",
      managerId: marta.id,
      startDate: day(-20),
      dueDate: day(25)
    })
    yield* onDay(20)(projects.transition(newsletter.id, "active"))
    yield* task(newsletter.id, "New template", "in_progress", { assigneeId: sofia.id, dueDate: day(8) })
    yield* onDay(3)(projects.transition(newsletter.id, "on_hold"))
    yield* interactions.log({
      clientId: nordlicht.id,
      projectId: newsletter.id,
      kind: "video_call",
      direction: "inbound",
      occurredAt: daysAgo(3),
      summary: "Newsletter paused until their new shop system is live",
      outcome: "On hold for about three weeks"
    })

    // A client whose brand refresh is delivered and whose launch video is closed with feedback.
    const kito = yield* clients.create({ name: "Kito Fintech", industry: "Financial services", ownerId: marta.id })
    const lena = yield* contacts.create({ clientId: kito.id, name: "Lena Ito", position: "CMO", isPrimary: true })
    const brand = yield* project({
      clientId: kito.id,
      name: "Brand refresh",
      campaignType: "branding",
      managerId: marta.id,
      startDate: day(-90),
      dueDate: day(-10)
    })
    yield* onDay(88)(projects.transition(brand.id, "active"))
    yield* onDay(62)(task(brand.id, "Logo variants", "done", { assigneeId: sofia.id, dueDate: day(-60) }))
    yield* onDay(16)(task(brand.id, "Brand guidelines", "done", { assigneeId: sofia.id, dueDate: day(-20) }))
    yield* onDay(12)(
      projects.complete(brand.id, { reportReference: "reports/kito-brand-refresh.pdf", deliveredOn: day(-12) })
    )
    yield* interactions.log({
      clientId: kito.id,
      projectId: brand.id,
      contactId: lena.id,
      kind: "feedback",
      direction: "inbound",
      occurredAt: daysAgo(10),
      summary: "Happy with the new identity; the guidelines came a little late",
      satisfaction: 4
    })
    const video = yield* project({
      clientId: kito.id,
      name: "Launch video",
      campaignType: "video",
      managerId: marta.id,
      startDate: day(-120),
      dueDate: day(-40)
    })
    yield* onDay(118)(projects.transition(video.id, "active"))
    yield* onDay(100)(task(video.id, "Storyboard", "done", { assigneeId: sofia.id }))
    yield* onDay(50)(task(video.id, "Shoot and edit", "done", { assigneeId: leo.id }))
    yield* onDay(42)(
      projects.complete(video.id, { reportReference: "reports/kito-launch-video.pdf", deliveredOn: day(-42) })
    )
    yield* onDay(40)(
      projects.close(video.id, {
        feedback: {
          summary: "Loved the video; it doubled sign-ups in launch week",
          satisfaction: 5,
          contactId: lena.id,
          futureOpportunities: "A series of explainer videos next year"
        }
      })
    )

    // A prospect after a first meeting, and an archived old lead.
    const nube = yield* clients.create({ name: "Bistro Nube", industry: "Food & drink" })
    const pablo = yield* contacts.create({ clientId: nube.id, name: "Pablo Díaz", position: "Owner", isPrimary: true })
    yield* interactions.log({
      clientId: nube.id,
      contactId: pablo.id,
      kind: "meeting",
      direction: "inbound",
      occurredAt: daysAgo(1),
      summary: "First meeting: interested in paid search for lunch deals",
      nextStep: "Prepare a SEM estimate"
    })
    const oldShoes = yield* clients.create({ name: "Old Shoes Ltd", industry: "Retail" })
    yield* clients.archive(oldShoes.id)
  })
  yield* asMarta(work)
  const opportunities = yield* asMarta(seedPipeline({ owners: [marta.id, leo.id, sofia.id], manager: marta.id }))

  const summary: DemoSummary = {
    members: 4,
    clients: 5 + PROSPECTS_SEEDED,
    projects: projectCount,
    tasks: taskCount,
    opportunities
  }
  return summary
})
