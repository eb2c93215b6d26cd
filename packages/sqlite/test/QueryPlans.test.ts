import {
  Actor,
  ClientReports,
  DeliveryReports,
  Clients,
  Contacts,
  EventFeed,
  Interactions,
  LocalDate,
  marketAggregate,
  Opportunities,
  OpportunitySortField,
  serviceOf,
  Projects,
  Allocations,
  Reviews,
  SalesReports,
  Search,
  TaskPriority,
  TaskSortField,
  Tasks,
  Team,
  Timeline,
  Tracking
} from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import Database from "better-sqlite3"
import { SqlClient } from "@effect/sql"
import { Context, Effect, Layer, Tracer } from "effect"
import { join } from "node:path"
import { directRunnerOf } from "../src/Connection.js"
import { servicesOn, tempDir } from "./support.js"

const d = (s: string) => LocalDate.make(s)

/** Every SQL text the adapter executes while `effect` runs: its own statements from the client's direct
 * runner, any other from @effect/sql's query spans. */
const recordingQueries = <A, E, R>(sql: SqlClient.SqlClient, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const direct: Array<string> = []
    const stop = directRunnerOf(sql)!.observe((text) => direct.push(text))
    const base = yield* Effect.tracer
    const spans: Array<Tracer.Span> = []
    const tracer = Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: base.context
    })
    yield* Effect.withTracer(effect, tracer).pipe(Effect.ensuring(Effect.sync(stop)))
    return new Set([
      ...direct,
      ...spans.flatMap((s) => {
        const text = s.attributes.get("db.query.text")
        return typeof text === "string" ? [text] : []
      })
    ])
  })

// Everything the services read and write: the five phases, every list filter and sort (with a cursor
// page), tracking, timelines, search, the live feed's reads, and the cascading deletes.
const workload = Effect.gen(function* () {
  const team = yield* Team
  const clients = yield* Clients
  const contacts = yield* Contacts
  const projects = yield* Projects
  const tasks = yield* Tasks
  const allocations = yield* Allocations
  const interactions = yield* Interactions
  const reviews = yield* Reviews
  const tracking = yield* Tracking
  const timeline = yield* Timeline
  const search = yield* Search
  const feed = yield* EventFeed

  const marta = yield* team.create({ name: "Marta", email: "marta@agency.test" })
  const leo = yield* team.create({ name: "Leo", email: "leo@agency.test" })
  const client = yield* clients.create({ name: "Gestión Integral", ownerId: marta.id })
  const other = yield* clients.create({ name: "Lead", kind: "prospect" })
  const ana = yield* contacts.create({ clientId: client.id, name: "Ana", isPrimary: true })
  yield* contacts.create({ clientId: client.id, name: "Ben", isPrimary: true })
  yield* interactions.log({ clientId: client.id, contactId: ana.id, kind: "meeting", summary: "First meeting" })
  const project = yield* projects.create({
    clientId: client.id,
    name: "Local SEO",
    campaignType: "seo",
    managerId: marta.id,
    startDate: d("2026-01-01"),
    dueDate: d("2026-12-31")
  })
  yield* projects.transition(project.id, "active")
  for (let i = 0; i < 12; i++) {
    const task = yield* tasks.create({
      projectId: project.id,
      title: `Task ${i}`,
      assigneeId: i % 3 === 0 ? null : i % 3 === 1 ? marta.id : leo.id,
      dueDate: i % 4 === 0 ? null : d(`2026-0${1 + (i % 9)}-1${i % 10}`),
      priority: TaskPriority.literals[i % 4]!
    })
    if (i % 2 === 0) yield* tasks.transition(task.id, "in_progress")
  }
  const [first] = (yield* tasks.list({ projectId: project.id, limit: 1 })).items
  yield* tasks.assign(first!.id, leo.id)
  yield* tasks.update(first!.id, { title: "Renamed" })
  yield* allocations.create({ kind: "human", projectId: project.id, memberId: leo.id, role: "SEO", hours: 10 })
  yield* allocations.create({
    kind: "material",
    projectId: project.id,
    name: "Tool",
    quantity: 1,
    unitCost: { amountMinor: 100, currency: "EUR" }
  })
  yield* interactions.log({
    clientId: client.id,
    projectId: project.id,
    kind: "call",
    summary: "Asked for more",
    followUp: { title: "Follow up", assigneeId: leo.id }
  })
  yield* reviews.record({ projectId: project.id, summary: "Halfway" })

  // Every list with each filter alone, every sort both ways, and a second page.
  const filters = [
    {},
    { projectId: project.id },
    { clientId: client.id },
    { assigneeId: leo.id },
    { unassigned: true },
    { status: ["todo", "blocked"] as const },
    { priority: ["urgent"] as const },
    { dueFrom: d("2026-03-01") },
    { dueBefore: d("2026-03-01") }
  ]
  for (const filter of filters) {
    for (const sortBy of TaskSortField.literals) {
      for (const order of ["asc", "desc"] as const) {
        const page = yield* tasks.list({ ...filter, sortBy, order, limit: 2 })
        if (page.nextCursor !== null) yield* tasks.list({ ...filter, sortBy, order, limit: 2, cursor: page.nextCursor })
      }
    }
  }
  for (const filter of [
    {},
    { clientId: client.id },
    { projectId: project.id },
    { contactId: ana.id },
    { kind: ["call" as const] }
  ]) {
    for (const sortBy of ["occurredAt", "createdAt"] as const) {
      const page = yield* interactions.list({ ...filter, sortBy, limit: 1 })
      if (page.nextCursor !== null) yield* interactions.list({ ...filter, sortBy, limit: 1, cursor: page.nextCursor })
    }
  }
  yield* team.list({ active: true })
  yield* clients.list({ kind: "client" })
  yield* clients.list({ archived: false, ownerId: marta.id })
  yield* contacts.list({ clientId: client.id })
  yield* projects.list({ clientId: client.id, status: ["active"] })
  yield* projects.list({ managerId: marta.id, sortBy: "dueDate" })
  yield* allocations.list({ projectId: project.id })
  yield* reviews.list({ projectId: project.id })

  // Tracking, detail, timelines, search, feed reads.
  yield* tracking.overdue({ today: d("2026-06-01") })
  yield* tracking.overdue({ today: d("2026-06-01"), projectId: project.id })
  yield* tracking.overdue({ today: d("2026-06-01"), assigneeId: leo.id })
  yield* tracking.dueSoon({ today: d("2026-03-01"), days: 30 })
  yield* tracking.assigneeWork(leo.id)
  yield* tracking.workload({ today: d("2026-06-01") })
  yield* tracking.progress(project.id)
  yield* projects.detail(project.id)
  const story = yield* timeline.client(client.id, { limit: 5 })
  if (story.nextCursor !== null) yield* timeline.client(client.id, { limit: 5, cursor: story.nextCursor })
  yield* timeline.project(project.id, { limit: 5 })
  yield* timeline.history("task", first!.id)
  yield* search.search({ q: "gestion" })
  yield* search.search({ q: "task", types: ["task"], projectId: project.id })
  yield* search.search({ q: "first", clientId: client.id })
  yield* feed.readAfter(0, 100, { projectId: project.id })
  yield* feed.readAfter(0, 100, { assigneeId: leo.id })
  yield* feed.readAfter(0, 100, { excludeEntityTypes: ["interaction"] })

  // The sales side: master data, opportunities through their stages, every filter and sort, the pipeline.
  const markets = yield* serviceOf(marketAggregate)
  const market = yield* markets.create({ name: "Bakeries" })
  yield* markets.list({ archived: false })
  yield* clients.update(other.id, { marketId: market.id })
  yield* clients.list({ marketId: market.id })
  yield* clients.list({ originationId: market.id as never })
  yield* contacts.list({ positionId: market.id as never })
  const opportunities = yield* Opportunities
  const deal = yield* opportunities.create({
    name: "Bakery SEO",
    clientId: other.id,
    ownerId: marta.id,
    stage: "negotiation",
    amount: { amountMinor: 100_000, currency: "EUR" },
    expectedCloseDate: d("2026-05-01")
  })
  const lost = yield* opportunities.create({ name: "Menu", clientId: other.id, ownerId: marta.id })
  yield* opportunities.move(lost.id, { to: "standby" })
  yield* opportunities.resume(lost.id)
  yield* opportunities.move(lost.id, { to: "rejected" })
  yield* opportunities.reopen(lost.id)
  yield* interactions.log({ clientId: other.id, opportunityId: deal.id, kind: "call", summary: "Pricing" })
  yield* tasks.create({ opportunityId: deal.id, title: "Send the quote" })
  yield* tasks.list({ opportunityId: deal.id })
  yield* interactions.list({ opportunityId: deal.id })
  for (const filter of [
    {},
    { clientId: other.id },
    { ownerId: marta.id },
    { stage: ["interest" as const] },
    { marketId: market.id },
    { originationId: market.id as never },
    { contactId: ana.id },
    { closeFrom: d("2026-01-01") },
    { closeBefore: d("2026-12-01") },
    { projectId: project.id },
    { originInteractionId: deal.id as never }
  ]) {
    for (const sortBy of OpportunitySortField.literals) {
      const page = yield* opportunities.list({ ...filter, sortBy, limit: 1 })
      if (page.nextCursor !== null) yield* opportunities.list({ ...filter, sortBy, limit: 1, cursor: page.nextCursor })
    }
  }
  yield* opportunities.pipeline({ ownerId: marta.id })
  yield* opportunities.pipeline({ marketId: market.id, closeFrom: d("2026-01-01"), closeBefore: d("2026-12-01") })
  yield* opportunities.win(deal.id)
  yield* opportunities.history(deal.id)
  const reports = yield* SalesReports
  for (const scope of [{}, { ownerId: marta.id }, { marketId: market.id }, { clientId: other.id }]) {
    const query = { from: d("2026-01-01"), to: d("2026-04-01"), ...scope }
    yield* reports.forecast(query)
    yield* reports.conversion(query)
    yield* reports.wins(query)
    yield* reports.revenue(query)
  }
  const deliveryReports = yield* DeliveryReports
  for (const scope of [{}, { projectId: project.id }, { assigneeId: leo.id }, { clientId: client.id }]) {
    yield* deliveryReports.delivery({ from: d("2026-01-01"), to: d("2027-01-01"), today: d("2026-06-01"), ...scope })
  }
  for (const scope of [{}, { clientId: client.id }, { managerId: leo.id }]) {
    yield* deliveryReports.projects({ from: d("2026-01-01"), to: d("2027-01-01"), ...scope })
  }
  const clientReports = yield* ClientReports
  for (const scope of [{}, { clientId: client.id }]) {
    yield* clientReports.responseTime({ from: d("2026-01-01"), to: d("2027-01-01"), ...scope })
    yield* clientReports.satisfaction({ from: d("2026-01-01"), to: d("2027-01-01"), ...scope })
    yield* clientReports.activity({ from: d("2026-01-01"), to: d("2027-01-01"), ...scope })
  }
  yield* clientReports.activity({ from: d("2026-01-01"), to: d("2027-01-01"), memberId: leo.id })
  yield* clientReports.retention({ from: d("2026-07-01"), to: d("2027-01-01") })
  yield* Effect.either(markets.remove(market.id))

  // Completion, closure and the cascading deletes.
  yield* projects.transition(project.id, "cancelled")
  yield* team.update(leo.id, { active: false })
  yield* Effect.either(team.remove(leo.id))
  yield* Effect.either(clients.remove(client.id))
  yield* projects.remove(project.id)
  yield* clients.remove(other.id)
  yield* clients.remove(client.id)
})

const guarded = /^SCAN (tasks|interactions|events|opportunities|stage_changes)\b/

describe("query plans", () => {
  it.scoped(
    "no query the adapter issues scans the tasks, interactions, events, opportunities or stage history table",
    () =>
      Effect.gen(function* () {
        const file = join(yield* tempDir, "plans.db")
        const services = yield* Layer.build(servicesOn(file))
        const queries = yield* recordingQueries(
          Context.get(services, SqlClient.SqlClient),
          workload.pipe(Effect.provideService(Actor, Actor.system), Effect.provide(services))
        )
        const db = new Database(file, { readonly: true })
        const violations: Array<string> = []
        let checked = 0
        for (const text of queries) {
          if (!/^\s*(SELECT|INSERT|UPDATE|DELETE)/i.test(text)) continue
          const explain = db.prepare(`EXPLAIN QUERY PLAN ${text}`)
          const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null)
          const plan = (explain.all(...params) as Array<{ detail: string }>).map((row) => row.detail)
          checked++
          // Walking an index (or the rowid) in ORDER BY order under a LIMIT reads only the page, provided no
          // equality or IN filter could have narrowed the walk with an index; a scan of a tasks_open_* partial
          // index reads only open work. Anything else that scans is a violation.
          const filters = /WHERE (.*?)(ORDER BY|GROUP BY|LIMIT|RETURNING|$)/is.exec(text)?.[1] ?? ""
          const narrowable = /\b\w+ = \?|\bIN \(/.test(filters.replace(/\bNOT \(entityType IN \([^)]*\)\)/g, ""))
          const sortedWalk =
            /ORDER BY/i.test(text) && /LIMIT/i.test(text) && !narrowable && !plan.some((p) => p.includes("TEMP B-TREE"))
          for (const step of plan) {
            if (!guarded.test(step)) continue
            const allowed = sortedWalk || / USING (COVERING )?INDEX tasks_open_/.test(step)
            if (!allowed) violations.push(`${step}\n    in: ${text.replace(/\s+/g, " ")}`)
          }
        }
        db.close()
        assert.isAbove(checked, 60)
        assert.deepStrictEqual(violations, [])
      })
  )

  it.scoped("every report reads each table through the index of its period's range, not a walk of another order", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "report-plans.db")
      const services = yield* Layer.build(servicesOn(file))
      const period = { from: LocalDate.make("2026-01-01"), to: LocalDate.make("2026-04-01") }
      const reports = Effect.gen(function* () {
        const sales = yield* SalesReports
        const clientReports = yield* ClientReports
        const delivery = yield* DeliveryReports
        yield* Effect.all([
          sales.pipeline(period),
          sales.forecast(period),
          sales.conversion(period),
          sales.wins(period),
          sales.revenue(period),
          clientReports.satisfaction(period),
          clientReports.responseTime(period),
          clientReports.activity(period),
          clientReports.retention(period),
          delivery.delivery({ ...period, today: period.to }),
          delivery.projects(period)
        ])
      })
      const queries = yield* recordingQueries(
        Context.get(services, SqlClient.SqlClient),
        reports.pipe(Effect.provideService(Actor, Actor.system), Effect.provide(services))
      )
      const db = new Database(file, { readonly: true })
      const walks: Array<string> = []
      for (const text of [...queries].filter((q) => /^\s*SELECT/i.test(q) && /ORDER BY/i.test(q))) {
        const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null)
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>).map(
          (row) => row.detail
        )
        // A walk of the sort order with the period's range on another column reads the whole table page by page.
        const sortColumn = /ORDER BY (\w+)/i.exec(text)?.[1]
        const rangeElsewhere = [...text.matchAll(/\b(\w+) (?:>=|<=|<|>) \?/g)].some(
          ([, column]) => column !== sortColumn && column !== "id"
        )
        if (rangeElsewhere && plan.some((step) => /^SCAN /.test(step)))
          walks.push(`${plan.join("; ")}\n    in: ${text}`)
      }
      db.close()
      assert.isAbove(queries.size, 20)
      assert.deepStrictEqual(walks, [])
    })
  )
})
