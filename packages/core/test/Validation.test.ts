import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import {
  Actor,
  Clients,
  Contacts,
  Crm,
  EventLog,
  IdGenerator,
  Interactions,
  LocalDate,
  type ProjectId,
  Projects,
  Allocations,
  Reviews,
  StorageError,
  Tasks,
  Team,
  type TeamMemberId
} from "../src/index.js"
import { MemoryStore } from "../src/testing/index.js"
import { asMember, asSystem, failure, hire, TestLayer } from "./support.js"

/** Asserts a ValidationFailed naming exactly the expected field paths. */
const expectInvalid = (error: { readonly _tag: string }, paths: ReadonlyArray<string>) => {
  assert.strictEqual(error._tag, "ValidationFailed")
  if (error._tag === "ValidationFailed" && "issues" in error) {
    const issues = error.issues as ReadonlyArray<{ path: string; message: string }>
    assert.deepStrictEqual(issues.map((i) => i.path).sort(), [...paths].sort())
    for (const issue of issues) assert.isAbove(issue.message.length, 0)
  }
}

const setup = Effect.gen(function* () {
  const manager = yield* hire("Marta", "marta@agency.test")
  const as = asMember(manager)
  const client = yield* as(Effect.flatMap(Clients, (c) => c.create({ name: "Acme", kind: "client" })))
  const project = yield* as(
    Effect.flatMap(Projects, (p) =>
      p.create({ clientId: client.id, name: "Campaign", campaignType: "seo", managerId: manager.id })
    )
  )
  const log = yield* EventLog
  return { manager, as, client, project, log }
})

describe("every create operation rejects bad input, names the field, and writes nothing", () => {
  it.effect("Team.create", () =>
    Effect.gen(function* () {
      const { log } = yield* setup
      const before = yield* log.latestSequence
      const team = yield* Team
      expectInvalid(yield* failure(asSystem(team.create({ name: " ", email: "not-an-email" }))), ["name", "email"])
      const dup = yield* failure(asSystem(team.create({ name: "Other", email: "MARTA@agency.test" })))
      assert.strictEqual(dup._tag, "AlreadyExists")
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Clients.create", () =>
    Effect.gen(function* () {
      const { as, log } = yield* setup
      const before = yield* log.latestSequence
      const clients = yield* Clients
      const invalid = yield* failure(
        as(clients.create({ name: "x".repeat(201), kind: "lead" as "client", email: "bad" }))
      )
      expectInvalid(invalid, ["name", "kind", "email"])
      if (invalid._tag === "ValidationFailed") {
        const kind = invalid.issues.find((i) => i.path === "kind")
        assert.strictEqual(kind?.message, 'Expected one of "client", "prospect", "supplier", "partner", actual "lead"')
        assert.include(invalid.message, "email: expected an e-mail address")
      }
      const missing = yield* failure(
        as(clients.create({ name: "Ok", ownerId: "00000000-0000-7000-8000-0000000000ff" as TeamMemberId }))
      )
      assert.strictEqual(missing._tag, "ReferencedEntityMissing")
      if (missing._tag === "ReferencedEntityMissing") assert.strictEqual(missing.field, "ownerId")
      assert.strictEqual(yield* log.latestSequence, before)
      assert.strictEqual((yield* clients.list()).items.length, 1)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Contacts.create", () =>
    Effect.gen(function* () {
      const { as, client, log } = yield* setup
      const before = yield* log.latestSequence
      const contacts = yield* Contacts
      expectInvalid(yield* failure(as(contacts.create({ clientId: client.id, name: "", email: "@" }))), [
        "name",
        "email"
      ])
      expectInvalid(yield* failure(as(contacts.create({ clientId: "nope" as typeof client.id, name: "Ana" }))), [
        "clientId"
      ])
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Projects.create", () =>
    Effect.gen(function* () {
      const { as, client, manager, log } = yield* setup
      const before = yield* log.latestSequence
      const projects = yield* Projects
      expectInvalid(
        yield* failure(
          as(
            projects.create({
              clientId: client.id,
              name: "P",
              campaignType: "seo",
              managerId: manager.id,
              budget: { amountMinor: -5, currency: "euro" }
            })
          )
        ),
        ["budget.amountMinor", "budget.currency"]
      )
      expectInvalid(
        yield* failure(
          as(
            projects.create({
              clientId: client.id,
              name: "P",
              campaignType: "seo",
              managerId: manager.id,
              startDate: LocalDate.make("2026-05-01"),
              dueDate: LocalDate.make("2026-04-01")
            })
          )
        ),
        ["dueDate"]
      )
      expectInvalid(
        yield* failure(
          as(
            projects.create({
              clientId: client.id,
              name: "P",
              campaignType: "seo",
              managerId: manager.id,
              dueDate: "2026-02-30" as LocalDate
            })
          )
        ),
        ["dueDate"]
      )
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Tasks.create", () =>
    Effect.gen(function* () {
      const { as, project, log } = yield* setup
      const before = yield* log.latestSequence
      const tasks = yield* Tasks
      expectInvalid(
        yield* failure(
          as(tasks.create({ projectId: project.id, title: "", priority: "asap" as "low", estimateHours: -1 }))
        ),
        ["title", "priority", "estimateHours"]
      )
      const missing = yield* failure(
        as(tasks.create({ projectId: "00000000-0000-7000-8000-0000000000ff" as ProjectId, title: "T" }))
      )
      assert.strictEqual(missing._tag, "ReferencedEntityMissing")
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Allocations.allocate (human and material)", () =>
    Effect.gen(function* () {
      const { as, project, manager, log } = yield* setup
      const before = yield* log.latestSequence
      const allocations = yield* Allocations
      expectInvalid(
        yield* failure(
          as(allocations.create({ kind: "human", projectId: project.id, memberId: manager.id, role: "", hours: 0 }))
        ),
        ["role", "hours"]
      )
      expectInvalid(
        yield* failure(
          as(
            allocations.create({
              kind: "material",
              projectId: project.id,
              name: "Ads",
              quantity: -2,
              unitCost: { amountMinor: 1.5, currency: "EUR" }
            })
          )
        ),
        ["quantity", "unitCost.amountMinor"]
      )
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Interactions.log", () =>
    Effect.gen(function* () {
      const { as, client, log } = yield* setup
      const before = yield* log.latestSequence
      const interactions = yield* Interactions
      expectInvalid(yield* failure(as(interactions.log({ clientId: client.id, kind: "feedback", summary: "Meh" }))), [
        "satisfaction"
      ])
      expectInvalid(
        yield* failure(as(interactions.log({ clientId: client.id, kind: "call", summary: "x", satisfaction: 3 }))),
        ["satisfaction"]
      )
      // An interaction is with an organization, a contact, or both.
      expectInvalid(yield* failure(as(interactions.log({ kind: "call", summary: "x", followUp: { title: "T" } }))), [
        "clientId"
      ])
      expectInvalid(
        yield* failure(
          as(interactions.log({ clientId: client.id, kind: "call", summary: "x", followUp: { title: " " } }))
        ),
        ["followUp.title"]
      )
      expectInvalid(
        yield* failure(
          as(interactions.log({ clientId: client.id, kind: "call", summary: "x", satisfaction: 9 as 1 } as never))
        ),
        ["satisfaction"]
      )
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("Reviews.record", () =>
    Effect.gen(function* () {
      const { as, project, log } = yield* setup
      const before = yield* log.latestSequence
      const reviews = yield* Reviews
      expectInvalid(
        yield* failure(as(reviews.record({ projectId: project.id, summary: "  ", adjustments: Array(51).fill("a") }))),
        ["summary", "adjustments"]
      )
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("unknown properties are rejected by name", () =>
    Effect.gen(function* () {
      const { as, project } = yield* setup
      const tasks = yield* Tasks
      const input = { projectId: project.id, title: "T", version: 7 }
      expectInvalid(yield* failure(as(tasks.create(input))), ["version"])
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("text that is not text is refused, in any field, nested or not; the store is untouched", () =>
    Effect.gen(function* () {
      const { as, project } = yield* setup
      const clients = yield* Clients
      const projects = yield* Projects
      const before = (yield* as(clients.list({}))).items.length
      const cases: ReadonlyArray<readonly [Effect.Effect<unknown, { readonly _tag: string }, never>, string]> = [
        [as(clients.create({ name: "Caf\ud800" })), "name"],
        [as(clients.create({ name: "A\u0000B" })), "name"],
        [as(clients.create({ name: "Acme", notes: "escape \u001b[0m" })), "notes"],
        [as(projects.update(project.id, { objectives: ["ok", "\udfff"] })), "objectives.1"]
      ]
      for (const [attempt, path] of cases) expectInvalid(yield* failure(attempt), [path])
      assert.strictEqual((yield* as(clients.list({}))).items.length, before)
      // Line breaks, tabs, accents and emoji are text.
      const kept = yield* as(clients.create({ name: "Café 😀", notes: "one\ntwo\tthree" }))
      assert.strictEqual(kept.notes, "one\ntwo\tthree")
    }).pipe(Effect.provide(TestLayer))
  )
})

describe("a write failing half-way leaves no entity and no event", () => {
  it.effect("a follow-up task that fails after its interaction was inserted rolls both back", () =>
    Effect.gen(function* () {
      const { as, client, project, log } = yield* setup
      const before = yield* log.latestSequence
      const interactions = yield* Interactions
      const error = yield* failure(
        as(
          interactions.log({
            clientId: client.id,
            projectId: project.id,
            kind: "call",
            summary: "Asked for a change",
            followUp: { title: "Do it", assigneeId: "00000000-0000-7000-8000-0000000000ff" as TeamMemberId }
          })
        )
      )
      assert.strictEqual(error._tag, "ReferencedEntityMissing")
      if (error._tag === "ReferencedEntityMissing") assert.strictEqual(error.field, "followUp.assigneeId")
      assert.strictEqual((yield* interactions.list({ clientId: client.id })).items.length, 0)
      assert.strictEqual((yield* Effect.flatMap(Tasks, (t) => t.list({ projectId: project.id }))).items.length, 0)
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a storage failure while appending events rolls back the entity already written", () => {
    // The in-memory store with an event log that fails once armed: the entity insert succeeds, then the
    // append fails, as a disk error would.
    let armed = false
    const FailingLog = Layer.effect(
      EventLog,
      Effect.map(EventLog, (log) =>
        EventLog.of({
          ...log,
          append: (events) =>
            armed ? Effect.fail(new StorageError({ operation: "append", message: "disk full" })) : log.append(events)
        })
      )
    )
    const layer = Crm.layer.pipe(
      // Later layers win in a merge, so the failing log replaces the store's own.
      Layer.provideMerge(Layer.merge(MemoryStore.layer, FailingLog.pipe(Layer.provide(MemoryStore.layer)))),
      Layer.provideMerge(IdGenerator.layerSequential),
      Layer.merge(Layer.succeed(Actor, Actor.system))
    )
    return Effect.gen(function* () {
      const { as, client, project, log } = yield* setup
      const before = yield* log.latestSequence
      const tasks = yield* Tasks
      const clients = yield* Clients
      armed = true
      const error = yield* failure(as(tasks.create({ projectId: project.id, title: "Lost" })))
      assert.strictEqual(error._tag, "StorageError")
      const prospectFail = yield* failure(as(clients.create({ name: "Nope" })))
      assert.strictEqual(prospectFail._tag, "StorageError")
      armed = false
      assert.strictEqual((yield* tasks.list({ projectId: project.id })).items.length, 0)
      assert.deepStrictEqual(
        (yield* clients.list()).items.map((c) => c.id),
        [client.id]
      )
      assert.strictEqual(yield* log.latestSequence, before)
    }).pipe(Effect.provide(layer))
  })
})
