/**
 * Agency CRM inside your own program: the core services on a SQLite file, no HTTP. Runs one campaign from
 * first meeting to review and prints the project summary. Usage: `node dist/main.js [database file]`
 * (default: a fresh temp file, removed at the end).
 */
import {
  Actor,
  Clients,
  Contacts,
  Crm,
  IdGenerator,
  Interactions,
  LocalDates,
  Projects,
  Allocations,
  Reviews,
  Tasks,
  Team,
  Timeline
} from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { Clock, DateTime, Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const campaign = Effect.gen(function* () {
  const team = yield* Team
  const clients = yield* Clients
  const contacts = yield* Contacts
  const interactions = yield* Interactions
  const projects = yield* Projects
  const tasks = yield* Tasks
  const allocations = yield* Allocations
  const reviews = yield* Reviews
  const timeline = yield* Timeline
  const today = LocalDates.fromDateTime(DateTime.unsafeMake(yield* Clock.currentTimeMillis))
  const day = (n: number) => LocalDates.addDays(today, n)

  // Your tool decides who acts: here the system sets up the team, then each person acts as themselves.
  const asSystem = Effect.provideService(Actor, Actor.system)
  const marta = yield* asSystem(team.create({ name: "Marta Ruiz", email: "marta@agency.test", role: "manager" }))
  const leo = yield* asSystem(team.create({ name: "Leo Chen", email: "leo@agency.test", role: "member" }))
  const asMarta = Effect.provideService(Actor, Actor.member(marta.id))
  const asLeo = Effect.provideService(Actor, Actor.member(leo.id))

  const project = yield* asMarta(
    Effect.gen(function* () {
      const client = yield* clients.create({ name: "Café Aurora", industry: "Food & drink" })
      const ana = yield* contacts.create({ clientId: client.id, name: "Ana Gómez", isPrimary: true })
      yield* interactions.log({ clientId: client.id, contactId: ana.id, kind: "meeting", summary: "First meeting" })
      const project = yield* projects.create({
        clientId: client.id,
        name: "Local SEO",
        campaignType: "seo",
        managerId: marta.id,
        startDate: day(-14),
        dueDate: day(30)
      })
      yield* tasks.create({ projectId: project.id, title: "SEO audit", assigneeId: leo.id, dueDate: day(-2) })
      yield* tasks.create({ projectId: project.id, title: "Landing pages", assigneeId: leo.id, dueDate: day(10) })
      yield* allocations.create({ kind: "human", projectId: project.id, memberId: leo.id, role: "SEO", hours: 40 })
      yield* projects.transition(project.id, "active")
      return project
    })
  )

  // Leo works on his own tasks (the policy lets a member move only tasks assigned to them).
  const mine = yield* asLeo(tasks.list({ projectId: project.id, assigneeId: leo.id, sortBy: "dueDate" }))
  yield* asLeo(tasks.transition(mine.items[1]!.id, "in_progress"))

  yield* asMarta(reviews.record({ projectId: project.id, summary: "Audit is late", adjustments: ["Audit first"] }))
  const detail = yield* asMarta(projects.detail(project.id))
  const history = yield* asMarta(timeline.project(project.id, { limit: 200 }))
  return { detail, changes: history.items.length }
})

const file = process.argv[2]
const dir = file === undefined ? mkdtempSync(join(tmpdir(), "agency-crm-embed-")) : null
const filename = file ?? join(dir!, "crm.db")

const layer = Crm.layer.pipe(Layer.provideMerge(SqliteStore.layer({ filename })), Layer.provideMerge(IdGenerator.layer))

Effect.runPromise(campaign.pipe(Effect.provide(layer)))
  .then(({ detail, changes }) => {
    const { byStatus } = detail.progress
    const open = Object.entries(byStatus)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${status} ${n}`)
      .join(", ")
    console.log(`${detail.project.name} for ${detail.client.name}, managed by ${detail.manager.name}`)
    console.log(
      `status ${detail.project.status}, health ${detail.progress.health}, ${detail.progress.percentDone}% done`
    )
    console.log(`tasks: ${open}; overdue ${detail.progress.overdueTasks}`)
    console.log(`allocated ${detail.resourceTotals.hours} h; latest review: ${detail.latestReview?.summary ?? "none"}`)
    console.log(`timeline entries: ${changes}; database: ${filename}`)
  })
  .catch((error: unknown) => {
    console.error(`embed example failed: ${String(error)}`)
    process.exitCode = 1
  })
  .finally(() => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true })
  })
