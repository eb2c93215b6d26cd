import { Effect } from "effect"
import { LocalDate } from "../domain/LocalDate.js"
import { marketAggregate } from "../domain/Market.js"
import { OpportunitySortField } from "../domain/Opportunity.js"
import { TaskPriority, TaskSortField } from "../domain/Task.js"
import { Allocations } from "../services/Allocations.js"
import { ClientReports } from "../services/ClientReports.js"
import { Clients } from "../services/Clients.js"
import { Contacts } from "../services/Contacts.js"
import { DeliveryReports } from "../services/DeliveryReports.js"
import { serviceOf } from "../services/derived.js"
import { EventFeed } from "../services/EventFeed.js"
import { Interactions } from "../services/Interactions.js"
import { Opportunities } from "../services/Opportunities.js"
import { Projects } from "../services/Projects.js"
import { Reviews } from "../services/Reviews.js"
import { SalesReports } from "../services/SalesReports.js"
import { Search } from "../services/Search.js"
import { Tasks } from "../services/Tasks.js"
import { Team } from "../services/Team.js"
import { Timeline } from "../services/Timeline.js"
import { Tracking } from "../services/Tracking.js"

const d = (s: string) => LocalDate.make(s)

// Everything the services read and write: the five phases, every list filter and sort (with a cursor
// page), tracking, timelines, search, the live feed's reads, and the cascading deletes.
/** Everything the services read and write (run it as the system actor): what an adapter's query-plan test issues
 * and then checks for scans. */
export const queryWorkload = Effect.gen(function* () {
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
