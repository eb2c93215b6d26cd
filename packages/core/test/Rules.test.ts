import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  Clients,
  Contacts,
  EventLog,
  Interactions,
  LocalDate,
  Projects,
  Allocations,
  Reviews,
  Tasks,
  Team,
  Timeline
} from "../src/index.js"
import { asMember, failure, hire, TestLayer } from "./support.js"

const world = Effect.gen(function* () {
  const manager = yield* hire("Marta", "marta@agency.test")
  const as = asMember(manager)
  const clients = yield* Clients
  const projects = yield* Projects
  const client = yield* as(clients.create({ name: "Acme", kind: "client" }))
  const project = yield* as(
    projects.create({ clientId: client.id, name: "Campaign", campaignType: "seo", managerId: manager.id })
  )
  return { manager, as, client, project }
})

describe("deletion rules", () => {
  it.effect("a client with projects cannot be deleted; it is archived instead", () =>
    Effect.gen(function* () {
      const { as, client, manager } = yield* world
      const clients = yield* Clients
      const projects = yield* Projects
      const error = yield* failure(as(clients.remove(client.id)))
      assert.strictEqual(error._tag, "HasDependents")
      if (error._tag === "HasDependents") {
        assert.deepStrictEqual(error.dependents, [{ entity: "project", count: 1 }])
        assert.include(error.message, "archive")
      }
      const archived = yield* as(clients.archive(client.id))
      assert.isNotNull(archived.archivedAt)
      assert.deepStrictEqual(
        (yield* clients.list({ archived: true })).items.map((c) => c.id),
        [client.id]
      )
      const refused = yield* failure(
        as(projects.create({ clientId: client.id, name: "New", campaignType: "seo", managerId: manager.id }))
      )
      assert.strictEqual(refused._tag, "RuleViolated")
      if (refused._tag === "RuleViolated") assert.strictEqual(refused.rule, "client_archived")
      const restored = yield* as(clients.restore(client.id))
      assert.isNull(restored.archivedAt)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("deleting a client without projects deletes its contacts and interactions, each recorded", () =>
    Effect.gen(function* () {
      const { as } = yield* world
      const clients = yield* Clients
      const contacts = yield* Contacts
      const interactions = yield* Interactions
      const log = yield* EventLog
      const lead = yield* as(clients.create({ name: "Lead" }))
      const ana = yield* as(contacts.create({ clientId: lead.id, name: "Ana" }))
      yield* as(interactions.log({ clientId: lead.id, contactId: ana.id, kind: "call", summary: "Intro" }))
      yield* as(clients.remove(lead.id))
      assert.strictEqual((yield* contacts.list({ clientId: lead.id })).items.length, 0)
      assert.strictEqual((yield* interactions.list({ clientId: lead.id })).items.length, 0)
      const types = (yield* log.readBefore(null, 3, { clientId: lead.id })).map((e) => e.type)
      assert.deepStrictEqual(types, ["client.deleted", "contact.deleted", "interaction.deleted"])
      assert.strictEqual((yield* failure(clients.get(lead.id)))._tag, "NotFound")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("deleting a project removes its tasks, allocations and reviews but keeps its interactions", () =>
    Effect.gen(function* () {
      const { as, client, project, manager } = yield* world
      const projects = yield* Projects
      const tasks = yield* Tasks
      const allocations = yield* Allocations
      const reviews = yield* Reviews
      const interactions = yield* Interactions
      const timeline = yield* Timeline
      const task = yield* as(tasks.create({ projectId: project.id, title: "T" }))
      yield* as(
        allocations.create({ kind: "human", projectId: project.id, memberId: manager.id, role: "Lead", hours: 3 })
      )
      yield* as(reviews.record({ projectId: project.id, summary: "Fine" }))
      const call = yield* as(
        interactions.log({ clientId: client.id, projectId: project.id, kind: "call", summary: "Hi" })
      )
      yield* as(projects.remove(project.id))
      assert.strictEqual((yield* tasks.list({ projectId: project.id })).items.length, 0)
      assert.strictEqual((yield* allocations.list({ projectId: project.id })).items.length, 0)
      assert.strictEqual((yield* reviews.list({ projectId: project.id })).items.length, 0)
      const kept = yield* interactions.get(call.interaction.id)
      assert.strictEqual(kept.projectId, project.id)
      // The deleted task's history stays readable in the log.
      const history = yield* timeline.history("task", task.id)
      assert.deepStrictEqual(
        history.items.map((e) => e.type),
        ["task.deleted", "task.created"]
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a team member with work cannot be deleted; deactivated members are no longer assignable or actors", () =>
    Effect.gen(function* () {
      const { as, project } = yield* world
      const team = yield* Team
      const tasks = yield* Tasks
      const leo = yield* hire("Leo", "leo@agency.test")
      const task = yield* as(tasks.create({ projectId: project.id, title: "T", assigneeId: leo.id }))
      const error = yield* failure(as(team.remove(leo.id)))
      assert.strictEqual(error._tag, "HasDependents")
      if (error._tag === "HasDependents") assert.deepStrictEqual(error.dependents, [{ entity: "task", count: 1 }])
      yield* as(team.update(leo.id, { active: false }))
      const inactive = yield* failure(as(tasks.create({ projectId: project.id, title: "U", assigneeId: leo.id })))
      assert.strictEqual(inactive._tag, "RuleViolated")
      const actor = yield* failure(asMember(leo)(tasks.update(task.id, { title: "Mine" })))
      assert.strictEqual(actor._tag, "UnknownActor")
      // A finished task still names who did it: the member stays (deactivated) rather than rewrite history.
      yield* as(tasks.transition(task.id, "cancelled"))
      const finished = yield* failure(as(team.remove(leo.id)))
      assert.strictEqual(finished._tag, "HasDependents")
      yield* as(tasks.assign(task.id, null))
      yield* as(team.remove(leo.id))
      assert.strictEqual((yield* failure(team.get(leo.id)))._tag, "NotFound")
    }).pipe(Effect.provide(TestLayer))
  )
})

describe("writes", () => {
  it.effect("expectedVersion guards every update; a no-op update writes nothing", () =>
    Effect.gen(function* () {
      const { as, project } = yield* world
      const tasks = yield* Tasks
      const log = yield* EventLog
      const task = yield* as(tasks.create({ projectId: project.id, title: "Draft" }))
      const renamed = yield* as(tasks.update(task.id, { title: "Final" }, { expectedVersion: 1 }))
      assert.strictEqual(renamed.version, 2)
      const stale = yield* failure(as(tasks.update(task.id, { title: "Other" }, { expectedVersion: 1 })))
      assert.strictEqual(stale._tag, "VersionConflict")
      if (stale._tag === "VersionConflict") {
        assert.strictEqual(stale.expected, 1)
        assert.strictEqual(stale.actual, 2)
      }
      const staleMove = yield* failure(as(tasks.transition(task.id, "in_progress", { expectedVersion: 1 })))
      assert.strictEqual(staleMove._tag, "VersionConflict")
      assert.strictEqual((yield* tasks.get(task.id)).title, "Final")
      const before = yield* log.latestSequence
      const same = yield* as(tasks.update(task.id, { title: "Final" }))
      assert.strictEqual(same.version, 2)
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("every change is recorded with its actor and each field's before and after", () =>
    Effect.gen(function* () {
      const { as, project, manager } = yield* world
      const tasks = yield* Tasks
      const timeline = yield* Timeline
      const task = yield* as(
        tasks.create({ projectId: project.id, title: "Draft", dueDate: LocalDate.make("2026-01-05") })
      )
      yield* as(tasks.update(task.id, { title: "Final", dueDate: null, priority: "urgent" }))
      const [latest] = (yield* timeline.history("task", task.id)).items
      assert.strictEqual(latest?.type, "task.updated")
      assert.strictEqual(latest?.actorId, manager.id)
      assert.strictEqual(latest?.projectId, project.id)
      assert.deepStrictEqual(
        [...(latest?.changes ?? [])].sort((a, b) => a.field.localeCompare(b.field)),
        [
          { field: "dueDate", before: "2026-01-05", after: null },
          { field: "priority", before: "medium", after: "urgent" },
          { field: "title", before: "Draft", after: "Final" }
        ]
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a new primary contact takes the flag from the previous one", () =>
    Effect.gen(function* () {
      const { as, client } = yield* world
      const contacts = yield* Contacts
      const ana = yield* as(contacts.create({ clientId: client.id, name: "Ana", isPrimary: true }))
      const ben = yield* as(contacts.create({ clientId: client.id, name: "Ben", isPrimary: true }))
      assert.isFalse((yield* contacts.get(ana.id)).isPrimary)
      assert.deepStrictEqual(
        (yield* contacts.list({ clientId: client.id, isPrimary: true })).items.map((c) => c.id),
        [ben.id]
      )
      yield* as(contacts.update(ana.id, { isPrimary: true }))
      assert.isFalse((yield* contacts.get(ben.id)).isPrimary)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("team e-mails are unique regardless of case, on create and on update", () =>
    Effect.gen(function* () {
      const { as } = yield* world
      const team = yield* Team
      const leo = yield* hire("Leo", "Leo@Agency.test")
      assert.strictEqual(leo.email, "leo@agency.test")
      const taken = yield* failure(as(team.update(leo.id, { email: "MARTA@agency.test" })))
      assert.strictEqual(taken._tag, "AlreadyExists")
      assert.deepStrictEqual(
        (yield* team.list({ email: "LEO@agency.test" })).items.map((m) => m.id),
        [leo.id]
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("links of an interaction must belong to its client; updates keep the satisfaction rule", () =>
    Effect.gen(function* () {
      const { as, client, project } = yield* world
      const clients = yield* Clients
      const contacts = yield* Contacts
      const interactions = yield* Interactions
      const other = yield* as(clients.create({ name: "Other" }))
      const stranger = yield* as(contacts.create({ clientId: other.id, name: "Zed" }))
      const wrongContact = yield* failure(
        as(interactions.log({ clientId: client.id, contactId: stranger.id, kind: "email", summary: "x" }))
      )
      assert.strictEqual(wrongContact._tag, "RuleViolated")
      const wrongProject = yield* failure(
        as(interactions.log({ clientId: other.id, projectId: project.id, kind: "email", summary: "x" }))
      )
      assert.strictEqual(wrongProject._tag, "RuleViolated")
      const call = yield* as(interactions.log({ clientId: client.id, kind: "call", summary: "x" }))
      const noScore = yield* failure(as(interactions.update(call.interaction.id, { kind: "feedback" })))
      assert.strictEqual(noScore._tag, "ValidationFailed")
      const fb = yield* as(interactions.update(call.interaction.id, { kind: "feedback", satisfaction: 2 }))
      assert.strictEqual(fb.satisfaction, 2)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("allocation updates accept only the fields of their kind", () =>
    Effect.gen(function* () {
      const { as, project, manager } = yield* world
      const allocations = yield* Allocations
      const human = yield* as(
        allocations.create({ kind: "human", projectId: project.id, memberId: manager.id, role: "Lead", hours: 3 })
      )
      const error = yield* failure(as(allocations.update(human.id, { quantity: 2, hours: 5 })))
      assert.strictEqual(error._tag, "ValidationFailed")
      if (error._tag === "ValidationFailed")
        assert.deepStrictEqual(
          error.issues.map((i) => i.path),
          ["quantity"]
        )
      const updated = yield* as(allocations.update(human.id, { hours: 5 }))
      assert.strictEqual(updated.kind === "human" ? updated.hours : 0, 5)
    }).pipe(Effect.provide(TestLayer))
  )
})

describe("lists", () => {
  it.effect("cursor pagination walks every item once; bad cursors and limits are rejected by field", () =>
    Effect.gen(function* () {
      const { as, project } = yield* world
      const tasks = yield* Tasks
      const created = []
      for (let i = 0; i < 7; i++) created.push(yield* as(tasks.create({ projectId: project.id, title: `T${i}` })))
      const seen: Array<string> = []
      let cursor: string | undefined
      for (let guard = 0; guard < 10; guard++) {
        const page = yield* tasks.list({
          projectId: project.id,
          sortBy: "title",
          order: "desc",
          limit: 3,
          ...(cursor ? { cursor } : {})
        })
        seen.push(...page.items.map((t) => t.title))
        if (page.nextCursor === null) break
        cursor = page.nextCursor
      }
      assert.deepStrictEqual(seen, ["T6", "T5", "T4", "T3", "T2", "T1", "T0"])
      const first = yield* tasks.list({ projectId: project.id, limit: 3 })
      assert.isNotNull(first.nextCursor)
      for (const [query, path] of [
        [{ limit: 201 }, "limit"],
        [{ limit: 0 }, "limit"],
        [{ cursor: "garbage!" }, "cursor"],
        [{ cursor: first.nextCursor!, sortBy: "title" as const }, "cursor"]
      ] as const) {
        const error = yield* failure(tasks.list(query))
        assert.strictEqual(error._tag, "ValidationFailed")
        if (error._tag === "ValidationFailed")
          assert.deepStrictEqual(
            error.issues.map((i) => i.path),
            [path]
          )
      }
    }).pipe(Effect.provide(TestLayer))
  )
})
