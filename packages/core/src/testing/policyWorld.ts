import { Effect } from "effect"
import { Actor } from "../domain/Actor.js"
import { LocalDate } from "../domain/LocalDate.js"
import { ApiKeys } from "../services/ApiKeys.js"
import { Clients } from "../services/Clients.js"
import { Contacts } from "../services/Contacts.js"
import { Interactions } from "../services/Interactions.js"
import { Opportunities } from "../services/Opportunities.js"
import { serviceOf } from "../services/derived.js"
import { marketAggregate } from "../domain/Market.js"
import { originationAggregate } from "../domain/Origination.js"
import { positionAggregate } from "../domain/Position.js"
import { Projects } from "../services/Projects.js"
import { Allocations } from "../services/Allocations.js"
import { Reviews } from "../services/Reviews.js"
import { Tasks } from "../services/Tasks.js"
import { Team } from "../services/Team.js"
import { aggregates, repositoryIn, type RepositoryPorts } from "../aggregate/registry.js"
import { EventLog } from "../ports/EventLog.js"

/** A small agency with one member of each role and an entity for every operation to act on: each allowed
 * operation of the policy tests succeeds on a fresh copy of it. Built as the system; `tag` keeps the e-mails
 * of several worlds in one store apart. */
export const makePolicyWorld = (tag = "") =>
  Effect.gen(function* () {
    const team = yield* Team
    const clients = yield* Clients
    const contacts = yield* Contacts
    const projects = yield* Projects
    const tasks = yield* Tasks
    const allocations = yield* Allocations
    const interactions = yield* Interactions
    const reviews = yield* Reviews
    const apiKeys = yield* ApiKeys
    const opportunities = yield* Opportunities

    const admin = yield* team.create({ name: "Ada Admin", email: `ada${tag}@agency.test`, role: "admin" })
    const manager = yield* team.create({ name: "Marta Manager", email: `marta${tag}@agency.test`, role: "manager" })
    const member = yield* team.create({ name: "Leo Member", email: `leo${tag}@agency.test`, role: "member" })
    const viewer = yield* team.create({ name: "Vera Viewer", email: `vera${tag}@agency.test`, role: "viewer" })
    // Has no tasks, projects or allocations: removable.
    const spare = yield* team.create({ name: "Sam Spare", email: `sam${tag}@agency.test`, role: "member" })

    const client = yield* clients.create({ name: "Café Aurora", industry: "Food & drink" })
    const prospect = yield* clients.create({ name: "Bistro Nube" })
    const archived = yield* clients.create({ name: "Old Shoes" })
    yield* clients.archive(archived.id)
    const contact = yield* contacts.create({ clientId: client.id, name: "Ana Gómez", isPrimary: true })

    const newProject = (name: string) =>
      projects.create({ clientId: client.id, name, campaignType: "seo", managerId: manager.id })
    const project = yield* newProject("Local SEO")
    yield* projects.transition(project.id, "active")
    // Active with no tasks: can complete.
    const finishing = yield* newProject("Newsletter")
    yield* projects.transition(finishing.id, "active")
    // Completed: can close.
    const completed = yield* newProject("Brand refresh")
    yield* projects.transition(completed.id, "active")
    yield* projects.complete(completed.id, {
      reportReference: "reports/brand.pdf",
      deliveredOn: LocalDate.make("2026-03-01")
    })
    // Planned and empty: can be removed.
    const empty = yield* newProject("Maybe later")

    const unassignedTask = yield* tasks.create({ projectId: project.id, title: "Keyword research" })
    const memberTask = yield* tasks.create({ projectId: project.id, title: "Audit", assigneeId: member.id })
    const managerTask = yield* tasks.create({ projectId: project.id, title: "Report", assigneeId: manager.id })
    const allocation = yield* allocations.create({
      kind: "human",
      projectId: project.id,
      memberId: member.id,
      role: "SEO specialist",
      hours: 10
    })
    const { interaction } = yield* interactions.log({
      clientId: client.id,
      projectId: project.id,
      kind: "call",
      direction: "inbound",
      summary: "Kick-off call"
    })
    const review = yield* reviews.record({ projectId: project.id, summary: "On track" })
    const viewerKey = yield* apiKeys.create({ memberId: viewer.id, name: "reporting script" })

    const deal = (name: string, ownerId: typeof member.id, stage: "interest" | "negotiation" = "interest") =>
      opportunities.create({
        name,
        clientId: prospect.id,
        ownerId,
        stage,
        amount: { amountMinor: 1_200_000, currency: "EUR" }
      })
    const memberDeal = yield* deal("Aurora SEO retainer", member.id)
    // In negotiation: can be won.
    const negotiating = yield* deal("Menu photography", member.id, "negotiation")
    const paused = yield* deal("Summer campaign", member.id)
    yield* opportunities.move(paused.id, { to: "standby" })
    const lost = yield* deal("Loyalty app", member.id)
    yield* opportunities.move(lost.id, { to: "rejected" })
    const managerDeal = yield* deal("Franchise rollout", manager.id)
    // Master data is shared by every world in a store: these entries are this world's own, and unused.
    const spares = {
      originations: yield* (yield* serviceOf(originationAggregate)).create({ name: `Spare source ${tag}` }),
      markets: yield* (yield* serviceOf(marketAggregate)).create({ name: `Spare market ${tag}` }),
      positions: yield* (yield* serviceOf(positionAggregate)).create({ name: `Spare position ${tag}` })
    }

    return {
      admin,
      manager,
      member,
      viewer,
      spare,
      client,
      prospect,
      archived,
      contact,
      project,
      finishing,
      completed,
      empty,
      unassignedTask,
      memberTask,
      managerTask,
      allocation,
      interaction,
      review,
      viewerKey,
      memberDeal,
      negotiating,
      paused,
      lost,
      managerDeal,
      spares
    }
  }).pipe(Effect.provideService(Actor, Actor.system))

/** The world `makePolicyWorld` builds. */
export type PolicyWorld = Effect.Effect.Success<ReturnType<typeof makePolicyWorld>>

const everything = { filter: {}, sortBy: "createdAt", order: "asc", limit: 1_000_000, after: null } as const

/** Everything a store holds (every repository's rows and the event log's length), to compare before and after
 * an operation that must change nothing. */
export const storeSnapshot = Effect.gen(function* () {
  const context = yield* Effect.context<RepositoryPorts>()
  return yield* Effect.all({
    rows: Effect.all(
      Object.fromEntries(
        aggregates.map((aggregate) => [
          aggregate.name,
          repositoryIn(context, aggregate).list({
            ...everything,
            sortBy: aggregate.defaultSort.by
          })
        ])
      )
    ),
    events: (yield* EventLog).latestSequence
  })
})
