import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Stream } from "effect"
import {
  Actor,
  ApiKeyRepository,
  ApiKeys,
  Clients,
  Contacts,
  type Crm,
  EventFeed,
  type GuardedService,
  Interactions,
  Opportunities,
  LocalDate,
  operationPolicy,
  Projects,
  Allocations,
  Reviews,
  SalesReports,
  ClientReports,
  DeliveryReports,
  type Role,
  Search,
  type StoragePorts,
  Tasks,
  Team,
  Timeline,
  Tracking,
  DataTransfer,
  PersonalData
} from "../src/index.js"
import { makePolicyWorld, type PolicyWorld, storeSnapshot } from "../src/testing/policyWorld.js"
import { asMember, failure, setNow, TestLayer } from "./support.js"

type Services = Crm.Services | Actor | StoragePorts

const period = { from: LocalDate.make("2026-01-01"), to: LocalDate.make("2026-04-01") }

/** One valid call of every service operation on the policy world; the compiler keeps it complete. */
const calls: {
  readonly [S in GuardedService]: {
    readonly [K in keyof (typeof operationPolicy)[S]]: (w: PolicyWorld) => Effect.Effect<unknown, unknown, Services>
  }
} = {
  Team: {
    create: () => Effect.flatMap(Team, (s) => s.create({ name: "Nina New", email: "nina@agency.test" })),
    get: (w) => Effect.flatMap(Team, (s) => s.get(w.viewer.id)),
    list: () => Effect.flatMap(Team, (s) => s.list()),
    update: (w) => Effect.flatMap(Team, (s) => s.update(w.viewer.id, { title: "Analyst" })),
    remove: (w) => Effect.flatMap(Team, (s) => s.remove(w.spare.id))
  },
  ApiKeys: {
    create: (w) => Effect.flatMap(ApiKeys, (s) => s.create({ memberId: w.member.id, name: "laptop" })),
    get: (w) => Effect.flatMap(ApiKeys, (s) => s.get(w.viewerKey.apiKey.id)),
    list: () => Effect.flatMap(ApiKeys, (s) => s.list()),
    revoke: (w) => Effect.flatMap(ApiKeys, (s) => s.revoke(w.viewerKey.apiKey.id)),
    bootstrap: () => Effect.flatMap(ApiKeys, (s) => s.bootstrap()),
    authenticate: (w) => Effect.flatMap(ApiKeys, (s) => s.authenticate(w.viewerKey.secret))
  },
  Clients: {
    create: () => Effect.flatMap(Clients, (s) => s.create({ name: "New Client" })),
    get: (w) => Effect.flatMap(Clients, (s) => s.get(w.client.id)),
    list: () => Effect.flatMap(Clients, (s) => s.list()),
    update: (w) => Effect.flatMap(Clients, (s) => s.update(w.client.id, { industry: "Hospitality" })),
    archive: (w) => Effect.flatMap(Clients, (s) => s.archive(w.prospect.id)),
    restore: (w) => Effect.flatMap(Clients, (s) => s.restore(w.archived.id)),
    remove: (w) => Effect.flatMap(Clients, (s) => s.remove(w.prospect.id))
  },
  Contacts: {
    create: (w) => Effect.flatMap(Contacts, (s) => s.create({ clientId: w.client.id, name: "Bo Lind" })),
    get: (w) => Effect.flatMap(Contacts, (s) => s.get(w.contact.id)),
    list: () => Effect.flatMap(Contacts, (s) => s.list()),
    update: (w) => Effect.flatMap(Contacts, (s) => s.update(w.contact.id, { position: "Owner" })),
    remove: (w) => Effect.flatMap(Contacts, (s) => s.remove(w.contact.id))
  },
  Projects: {
    create: (w) =>
      Effect.flatMap(Projects, (s) =>
        s.create({ clientId: w.client.id, name: "Paid search", campaignType: "sem", managerId: w.manager.id })
      ),
    get: (w) => Effect.flatMap(Projects, (s) => s.get(w.project.id)),
    list: () => Effect.flatMap(Projects, (s) => s.list()),
    update: (w) => Effect.flatMap(Projects, (s) => s.update(w.project.id, { name: "Local SEO 2026" })),
    transition: (w) => Effect.flatMap(Projects, (s) => s.transition(w.project.id, "on_hold")),
    complete: (w) =>
      Effect.flatMap(Projects, (s) =>
        s.complete(w.finishing.id, { reportReference: "reports/news.pdf", deliveredOn: LocalDate.make("2026-03-01") })
      ),
    close: (w) =>
      Effect.flatMap(Projects, (s) => s.close(w.completed.id, { feedback: { summary: "Happy", satisfaction: 5 } })),
    remove: (w) => Effect.flatMap(Projects, (s) => s.remove(w.empty.id)),
    detail: (w) => Effect.flatMap(Projects, (s) => s.detail(w.project.id))
  },
  Tasks: {
    create: (w) => Effect.flatMap(Tasks, (s) => s.create({ projectId: w.project.id, title: "Backlinks" })),
    get: (w) => Effect.flatMap(Tasks, (s) => s.get(w.unassignedTask.id)),
    list: () => Effect.flatMap(Tasks, (s) => s.list()),
    update: (w) => Effect.flatMap(Tasks, (s) => s.update(w.unassignedTask.id, { priority: "high" })),
    assign: (w) => Effect.flatMap(Tasks, (s) => s.assign(w.unassignedTask.id, w.member.id)),
    transition: (w) => Effect.flatMap(Tasks, (s) => s.transition(w.unassignedTask.id, "in_progress")),
    remove: (w) => Effect.flatMap(Tasks, (s) => s.remove(w.unassignedTask.id))
  },
  Allocations: {
    create: (w) =>
      Effect.flatMap(Allocations, (s) =>
        s.create({
          kind: "material",
          projectId: w.project.id,
          name: "Keyword tool",
          quantity: 1,
          unitCost: { amountMinor: 9_900, currency: "EUR" }
        })
      ),
    get: (w) => Effect.flatMap(Allocations, (s) => s.get(w.allocation.id)),
    list: () => Effect.flatMap(Allocations, (s) => s.list()),
    update: (w) => Effect.flatMap(Allocations, (s) => s.update(w.allocation.id, { hours: 12 })),
    remove: (w) => Effect.flatMap(Allocations, (s) => s.remove(w.allocation.id))
  },
  Interactions: {
    log: (w) =>
      Effect.flatMap(Interactions, (s) =>
        s.log({ clientId: w.client.id, kind: "email", direction: "outbound", summary: "Sent the audit" })
      ),
    get: (w) => Effect.flatMap(Interactions, (s) => s.get(w.interaction.id)),
    list: () => Effect.flatMap(Interactions, (s) => s.list()),
    update: (w) => Effect.flatMap(Interactions, (s) => s.update(w.interaction.id, { outcome: "Agreed on scope" })),
    remove: (w) => Effect.flatMap(Interactions, (s) => s.remove(w.interaction.id))
  },
  Opportunities: {
    create: (w) => Effect.flatMap(Opportunities, (s) => s.create({ name: "Menu photos", clientId: w.prospect.id })),
    get: (w) => Effect.flatMap(Opportunities, (s) => s.get(w.memberDeal.id)),
    list: () => Effect.flatMap(Opportunities, (s) => s.list()),
    update: (w) => Effect.flatMap(Opportunities, (s) => s.update(w.memberDeal.id, { notes: "Wants a quote" })),
    move: (w) => Effect.flatMap(Opportunities, (s) => s.move(w.memberDeal.id, { to: "presentation" })),
    resume: (w) => Effect.flatMap(Opportunities, (s) => s.resume(w.paused.id)),
    reopen: (w) => Effect.flatMap(Opportunities, (s) => s.reopen(w.lost.id, { note: "New budget" })),
    win: (w) => Effect.flatMap(Opportunities, (s) => s.win(w.negotiating.id, { salesOrder: { number: "SO-T-1" } })),
    remove: (w) => Effect.flatMap(Opportunities, (s) => s.remove(w.managerDeal.id)),
    history: (w) => Effect.flatMap(Opportunities, (s) => s.history(w.memberDeal.id)),
    pipeline: () => Effect.flatMap(Opportunities, (s) => s.pipeline())
  },
  DeliveryReports: {
    delivery: () => Effect.flatMap(DeliveryReports, (s) => s.delivery(period)),
    projects: () => Effect.flatMap(DeliveryReports, (s) => s.projects(period))
  },
  ClientReports: {
    satisfaction: () => Effect.flatMap(ClientReports, (s) => s.satisfaction(period)),
    responseTime: () => Effect.flatMap(ClientReports, (s) => s.responseTime(period)),
    activity: () => Effect.flatMap(ClientReports, (s) => s.activity(period)),
    retention: () => Effect.flatMap(ClientReports, (s) => s.retention(period))
  },
  SalesReports: {
    pipeline: () => Effect.flatMap(SalesReports, (s) => s.pipeline(period)),
    forecast: () => Effect.flatMap(SalesReports, (s) => s.forecast(period)),
    conversion: () => Effect.flatMap(SalesReports, (s) => s.conversion(period)),
    wins: () => Effect.flatMap(SalesReports, (s) => s.wins(period)),
    revenue: () => Effect.flatMap(SalesReports, (s) => s.revenue(period))
  },
  Reviews: {
    record: (w) => Effect.flatMap(Reviews, (s) => s.record({ projectId: w.project.id, summary: "Second look" })),
    get: (w) => Effect.flatMap(Reviews, (s) => s.get(w.review.id)),
    list: () => Effect.flatMap(Reviews, (s) => s.list()),
    update: (w) => Effect.flatMap(Reviews, (s) => s.update(w.review.id, { summary: "On track, audit late" })),
    remove: (w) => Effect.flatMap(Reviews, (s) => s.remove(w.review.id))
  },
  Tracking: {
    overdue: () => Effect.flatMap(Tracking, (s) => s.overdue()),
    dueSoon: () => Effect.flatMap(Tracking, (s) => s.dueSoon({ days: 7 })),
    workload: () => Effect.flatMap(Tracking, (s) => s.workload()),
    assigneeWork: (w) => Effect.flatMap(Tracking, (s) => s.assigneeWork(w.member.id)),
    progress: (w) => Effect.flatMap(Tracking, (s) => s.progress(w.project.id))
  },
  Timeline: {
    project: (w) => Effect.flatMap(Timeline, (s) => s.project(w.project.id)),
    client: (w) => Effect.flatMap(Timeline, (s) => s.client(w.client.id)),
    history: (w) => Effect.flatMap(Timeline, (s) => s.history("task", w.unassignedTask.id))
  },
  Search: { search: () => Effect.flatMap(Search, (s) => s.search({ q: "aurora" })) },
  DataTransfer: {
    importRows: () =>
      Effect.flatMap(DataTransfer, (s) =>
        s.importRows([
          { kind: "markets", columns: ["name"], rows: Stream.make({ line: 2, cells: { name: "Aerospace" } }) }
        ])
      ),
    exportPage: () => Effect.flatMap(DataTransfer, (s) => s.exportPage("markets", null))
  },
  PersonalData: {
    exportDocument: (w) => Effect.flatMap(PersonalData, (s) => s.exportDocument(w.contact.id)),
    erase: (w) => Effect.flatMap(PersonalData, (s) => s.erase(w.contact.id))
  },
  EventFeed: {
    stream: () => Effect.flatMap(EventFeed, (s) => Stream.runCollect(Stream.take(s.stream(0), 1))),
    readAfter: () => Effect.flatMap(EventFeed, (s) => s.readAfter(0, 10)),
    subscribe: () =>
      Effect.scoped(
        Effect.flatMap(EventFeed, (s) =>
          s.subscribe(0, {}, { catchUp: () => Effect.void, live: () => true, ended: () => undefined })
        )
      )
  }
}

const ranks: Record<Role, number> = { viewer: 0, member: 1, manager: 2, admin: 3 }
const roles: ReadonlyArray<Role> = ["viewer", "member", "manager", "admin"]

/** The rules, restated by the least role each operation needs (`public`: no role at all). */
const leastRole: {
  readonly [S in GuardedService]: { readonly [K in keyof (typeof operationPolicy)[S]]: Role | "public" }
} = {
  Team: { create: "admin", get: "viewer", list: "viewer", update: "admin", remove: "admin" },
  ApiKeys: {
    create: "admin",
    get: "admin",
    list: "admin",
    revoke: "admin",
    bootstrap: "admin",
    authenticate: "public"
  },
  Clients: {
    create: "manager",
    get: "viewer",
    list: "viewer",
    update: "manager",
    archive: "manager",
    restore: "manager",
    remove: "manager"
  },
  Contacts: { create: "manager", get: "viewer", list: "viewer", update: "manager", remove: "manager" },
  Projects: {
    create: "manager",
    get: "viewer",
    list: "viewer",
    update: "manager",
    transition: "manager",
    complete: "manager",
    close: "manager",
    remove: "manager",
    detail: "viewer"
  },
  // Members move unassigned tasks and their own; the matrix moves an unassigned one.
  Tasks: {
    create: "member",
    get: "viewer",
    list: "viewer",
    update: "member",
    assign: "member",
    transition: "member",
    remove: "manager"
  },
  Allocations: { create: "manager", get: "viewer", list: "viewer", update: "manager", remove: "manager" },
  Interactions: { log: "member", get: "viewer", list: "viewer", update: "member", remove: "manager" },
  // Members work their own opportunities; the matrix acts on the member's.
  Opportunities: {
    create: "member",
    get: "viewer",
    list: "viewer",
    update: "member",
    move: "member",
    resume: "member",
    reopen: "member",
    win: "member",
    remove: "manager",
    history: "viewer",
    pipeline: "viewer"
  },
  // Viewers read reports.
  ClientReports: { satisfaction: "viewer", responseTime: "viewer", activity: "viewer", retention: "viewer" },
  DeliveryReports: { delivery: "viewer", projects: "viewer" },
  SalesReports: { pipeline: "viewer", forecast: "viewer", conversion: "viewer", wins: "viewer", revenue: "viewer" },
  Reviews: { record: "manager", get: "viewer", list: "viewer", update: "manager", remove: "manager" },
  Tracking: {
    overdue: "viewer",
    dueSoon: "viewer",
    workload: "viewer",
    assigneeWork: "viewer",
    progress: "viewer"
  },
  Timeline: { project: "viewer", client: "viewer", history: "viewer" },
  Search: { search: "viewer" },
  DataTransfer: { importRows: "admin", exportPage: "admin" },
  PersonalData: { exportDocument: "admin", erase: "admin" },
  EventFeed: { stream: "viewer", readAfter: "viewer", subscribe: "viewer" }
}

const entries = Object.entries(calls).flatMap(([service, operations]) =>
  Object.entries(operations).map(([operation, call]) => ({
    service: service as GuardedService,
    operation,
    call: call as (w: PolicyWorld) => Effect.Effect<unknown, unknown, Services>,
    least: (leastRole[service as GuardedService] as Record<string, Role | "public">)[operation]!,
    rule: (operationPolicy[service as GuardedService] as Record<string, unknown>)[operation]
  }))
)

describe("the policy, at the service level: every operation × every role", () => {
  it("covers every operation of the policy table", () => {
    const listed = entries.map((e) => `${e.service}.${e.operation}`)
    const policy = Object.entries(operationPolicy).flatMap(([s, ops]) => Object.keys(ops).map((o) => `${s}.${o}`))
    assert.deepStrictEqual(listed.sort(), policy.sort())
    assert.isAtLeast(listed.length, 60)
  })

  for (const entry of entries) {
    it.effect(`${entry.service}.${entry.operation}`, () =>
      Effect.forEach(
        roles,
        (role) =>
          Effect.gen(function* () {
            yield* setNow("2026-03-02T09:00:00Z")
            const world = yield* makePolicyWorld()
            const actor = { admin: world.admin, manager: world.manager, member: world.member, viewer: world.viewer }[
              role
            ]
            const before = yield* storeSnapshot
            const allowed = entry.least === "public" || ranks[role] >= ranks[entry.least]
            const cell = `${entry.service}.${entry.operation} as ${role}`
            if (allowed) {
              const exit = yield* Effect.exit(asMember(actor)(entry.call(world)))
              assert.isTrue(Exit.isSuccess(exit), `${cell} should succeed: ${String(exit)}`)
              return
            }
            const refused = yield* failure(asMember(actor)(entry.call(world)))
            assert.strictEqual((refused as { _tag: string })._tag, "Forbidden", `${cell}: ${String(refused)}`)
            const rule = entry.rule as string | { permission: string }
            const permission = typeof rule === "string" ? rule : rule.permission
            assert.strictEqual((refused as { permission: string }).permission, permission, cell)
            assert.deepStrictEqual(yield* storeSnapshot, before, `${cell} changed the store`)
          }).pipe(Effect.provide(TestLayer)),
        { discard: true }
      )
    )
  }
})

/** Runs `body` on a fresh policy world, as of 2026-03-02. */
const inWorld = <A, E>(body: (w: PolicyWorld) => Effect.Effect<A, E, Services>) =>
  Effect.gen(function* () {
    yield* setNow("2026-03-02T09:00:00Z")
    return yield* body(yield* makePolicyWorld())
  }).pipe(Effect.provide(TestLayer))

describe("the policy's scoped and team rules", () => {
  it.effect("a member moves their own and unassigned tasks, not someone else's; a manager moves any", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const tasks = yield* Tasks
        const asLeo = asMember(w.member)
        assert.strictEqual((yield* asLeo(tasks.transition(w.memberTask.id, "in_progress"))).status, "in_progress")
        assert.strictEqual((yield* asLeo(tasks.transition(w.unassignedTask.id, "in_progress"))).status, "in_progress")
        const refused = yield* failure(asLeo(tasks.transition(w.managerTask.id, "in_progress")))
        assert.strictEqual(refused._tag, "Forbidden")
        if (refused._tag === "Forbidden") {
          assert.strictEqual(refused.permission, "task.move")
          assert.strictEqual(refused.role, "member")
          assert.include(refused.message, "assigned to another team member")
        }
        assert.strictEqual((yield* tasks.get(w.managerTask.id)).status, "todo")
        const moved = yield* asMember(w.manager)(tasks.transition(w.memberTask.id, "in_review"))
        assert.strictEqual(moved.status, "in_review")
        // Members may still edit any task (the "create and update tasks").
        const edited = yield* asLeo(tasks.update(w.managerTask.id, { priority: "urgent" }))
        assert.strictEqual(edited.priority, "urgent")
      })
    )
  )

  it.effect("a member takes unassigned tasks and gives back their own; assigning to others is for managers", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const tasks = yield* Tasks
        const asLeo = asMember(w.member)
        const refusedAssignment = (effect: Effect.Effect<unknown, unknown, Services>) =>
          Effect.map(failure(asLeo(effect)), (refused) => {
            assert.strictEqual((refused as { _tag: string })._tag, "Forbidden", String(refused))
            assert.strictEqual((refused as { permission: string }).permission, "task.assign")
            assert.include((refused as { message: string }).message, "assigning tasks to others")
          })
        // The chain the probe found: take someone else's task, move it, hand it back. Each step is refused now.
        yield* refusedAssignment(tasks.assign(w.managerTask.id, w.member.id))
        yield* refusedAssignment(tasks.update(w.managerTask.id, { assigneeId: w.member.id }))
        assert.strictEqual((yield* tasks.get(w.managerTask.id)).assigneeId, w.manager.id)
        // Taking an unassigned task, and giving it back.
        assert.strictEqual((yield* asLeo(tasks.assign(w.unassignedTask.id, w.member.id))).assigneeId, w.member.id)
        assert.strictEqual((yield* asLeo(tasks.assign(w.unassignedTask.id, null))).assigneeId, null)
        // Handing one's own task to someone else, or giving work to another member, is not a member's call.
        yield* refusedAssignment(tasks.assign(w.memberTask.id, w.manager.id))
        yield* refusedAssignment(tasks.assign(w.unassignedTask.id, w.manager.id))
        yield* refusedAssignment(
          tasks.create({ projectId: w.project.id, title: "For Marta", assigneeId: w.manager.id })
        )
        // Editing other fields stays open to members, and so does creating tasks for oneself or no one.
        assert.strictEqual((yield* asLeo(tasks.update(w.managerTask.id, { priority: "high" }))).priority, "high")
        const mine = yield* asLeo(tasks.create({ projectId: w.project.id, title: "Mine", assigneeId: w.member.id }))
        assert.strictEqual(mine.assigneeId, w.member.id)
        // A manager reassigns anything.
        const asMarta = asMember(w.manager)
        assert.strictEqual((yield* asMarta(tasks.assign(w.memberTask.id, w.manager.id))).assigneeId, w.manager.id)
        assert.strictEqual(
          (yield* asMarta(tasks.update(w.memberTask.id, { assigneeId: w.member.id }))).assigneeId,
          w.member.id
        )
      })
    )
  )

  it.effect("an entity's history needs the entity's read permission: API-key history is for admins", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const timeline = yield* Timeline
        for (const role of [w.viewer, w.member, w.manager]) {
          const refused = yield* failure(asMember(role)(timeline.history("api_key", w.viewerKey.apiKey.id)))
          assert.strictEqual((refused as { _tag: string })._tag, "Forbidden")
          assert.strictEqual((refused as { permission: string }).permission, "api_key.manage")
        }
        const history = yield* asMember(w.admin)(timeline.history("api_key", w.viewerKey.apiKey.id))
        assert.deepStrictEqual(
          history.items.map((e) => e.type),
          ["api_key.created"]
        )
        // Other histories stay open to every role.
        assert.isAbove((yield* asMember(w.viewer)(timeline.history("task", w.memberTask.id))).items.length, 0)
      })
    )
  )

  it.effect("a member cannot raise their own role or manage keys", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const team = yield* Team
        const asLeo = asMember(w.member)
        const raise = yield* failure(asLeo(team.update(w.member.id, { role: "admin" })))
        assert.strictEqual(raise._tag, "Forbidden")
        if (raise._tag === "Forbidden") assert.strictEqual(raise.permission, "team.manage")
        assert.strictEqual((yield* team.get(w.member.id)).role, "member")
        const ownKey = yield* failure(
          asLeo(Effect.flatMap(ApiKeys, (k) => k.create({ memberId: w.member.id, name: "mine" })))
        )
        assert.strictEqual(ownKey._tag, "Forbidden")
        const listKeys = yield* failure(asLeo(Effect.flatMap(ApiKeys, (k) => k.list())))
        assert.strictEqual(listKeys._tag, "Forbidden")
        // A manager cannot promote anyone either.
        const promote = yield* failure(asMember(w.manager)(team.update(w.member.id, { role: "manager" })))
        assert.strictEqual(promote._tag, "Forbidden")
        // An admin can.
        const promoted = yield* asMember(w.admin)(team.update(w.member.id, { role: "manager" }))
        assert.strictEqual(promoted.role, "manager")
      })
    )
  )

  it.effect("a role change applies to the member's next operation", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const clients = yield* Clients
        const asVera = asMember(w.viewer)
        assert.strictEqual((yield* failure(asVera(clients.create({ name: "Nope" }))))._tag, "Forbidden")
        yield* asMember(w.admin)(Effect.flatMap(Team, (t) => t.update(w.viewer.id, { role: "manager" })))
        assert.strictEqual((yield* asVera(clients.create({ name: "Yes" }))).name, "Yes")
      })
    )
  )

  it.effect("a deactivated member can neither read nor write", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        yield* asMember(w.admin)(Effect.flatMap(Team, (t) => t.update(w.manager.id, { active: false })))
        const read = yield* failure(asMember(w.manager)(Effect.flatMap(Clients, (c) => c.list())))
        assert.strictEqual(read._tag, "UnknownActor")
        const write = yield* failure(asMember(w.manager)(Effect.flatMap(Clients, (c) => c.create({ name: "X" }))))
        assert.strictEqual(write._tag, "UnknownActor")
      })
    )
  )

  it.effect("an authenticated snapshot serves reads; writes read the member again in their transaction", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const clients = yield* Clients
        const snapshot = Effect.provideService(Actor, Actor.authenticated(w.manager))
        assert.isAbove((yield* snapshot(clients.list())).items.length, 0)
        yield* asMember(w.admin)(Effect.flatMap(Team, (t) => t.update(w.manager.id, { role: "viewer" })))
        // The snapshot still says manager: a write does not trust it.
        const write = yield* failure(snapshot(clients.create({ name: "From a stale snapshot" })))
        assert.strictEqual(write._tag, "Forbidden")
        if (write._tag === "Forbidden") assert.strictEqual(write.role, "viewer")
      })
    )
  )

  it.effect("the last active admin cannot be demoted, deactivated or removed", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const team = yield* Team
        const asAda = asMember(w.admin)
        for (const patch of [{ role: "manager" as const }, { active: false }]) {
          const refused = yield* failure(asAda(team.update(w.admin.id, patch)))
          assert.strictEqual(refused._tag, "RuleViolated")
          if (refused._tag === "RuleViolated") assert.strictEqual(refused.rule, "last_admin")
        }
        // Removal checks dependents first (none here), then the admin rule.
        const removal = yield* failure(asAda(team.remove(w.admin.id)))
        assert.strictEqual(removal._tag, "RuleViolated")
        yield* asAda(team.update(w.manager.id, { role: "admin" }))
        assert.strictEqual((yield* asAda(team.update(w.admin.id, { role: "manager" }))).role, "manager")
      })
    )
  )
})

describe("API keys", () => {
  it.effect("the secret is shown once and stored only as its SHA-256", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const keys = yield* ApiKeys
        const asAda = asMember(w.admin)
        const created = yield* asAda(keys.create({ memberId: w.member.id, name: "laptop" }))
        assert.match(created.secret, /^acrm_[A-Za-z0-9_-]{43}$/)
        const stored = yield* (yield* ApiKeyRepository).findById(created.apiKey.id)
        assert.isTrue(stored._tag === "Some")
        const hash = stored._tag === "Some" ? stored.value.hash : ""
        const expected = Buffer.from(
          yield* Effect.promise(() => crypto.subtle.digest("SHA-256", new TextEncoder().encode(created.secret)))
        ).toString("hex")
        assert.strictEqual(hash, expected)
        const everything = JSON.stringify([
          yield* asAda(keys.get(created.apiKey.id)),
          yield* asAda(keys.list()),
          yield* Effect.flatMap(EventFeed, (f) => f.readAfter(0, 1000))
        ])
        assert.notInclude(everything, hash)
        assert.notInclude(everything, created.secret)
        assert.notInclude(everything, '"hash"')
        // Two keys never share a secret.
        const other = yield* asAda(keys.create({ memberId: w.member.id, name: "phone" }))
        assert.notStrictEqual(other.secret, created.secret)
      })
    )
  )

  it.effect("authenticate: the member of a valid key; typed refusals for malformed, unknown, revoked, inactive", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const keys = yield* ApiKeys
        const asAda = asMember(w.admin)
        const ok = yield* keys.authenticate(w.viewerKey.secret)
        assert.strictEqual(ok.member.id, w.viewer.id)
        assert.strictEqual(ok.keyId, w.viewerKey.apiKey.id)
        const reasons = [
          yield* failure(keys.authenticate("short")),
          yield* failure(keys.authenticate("acrm_" + "x".repeat(43)))
        ].map((e) => e._tag === "AuthenticationFailed" && e.reason)
        assert.deepStrictEqual(reasons, ["malformed", "unknown"])

        const leoKey = yield* asAda(keys.create({ memberId: w.member.id, name: "laptop" }))
        yield* asAda(Effect.flatMap(Team, (t) => t.update(w.member.id, { active: false })))
        const inactive = yield* failure(keys.authenticate(leoKey.secret))
        assert.strictEqual(inactive._tag === "AuthenticationFailed" && inactive.reason, "member_inactive")

        const revoked = yield* asAda(keys.revoke(w.viewerKey.apiKey.id))
        assert.isNotNull(revoked.revokedAt)
        const refused = yield* failure(keys.authenticate(w.viewerKey.secret))
        assert.strictEqual(refused._tag === "AuthenticationFailed" && refused.reason, "revoked")
        // Revoking again changes nothing.
        assert.deepStrictEqual(yield* asAda(keys.revoke(w.viewerKey.apiKey.id)), revoked)
      })
    )
  )

  it.effect("lastUsedAt records use, refreshed at most once a minute", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const keys = yield* ApiKeys
        const asAda = asMember(w.admin)
        const lastUsed = Effect.map(asAda(keys.get(w.viewerKey.apiKey.id)), (k) => k.lastUsedAt?.epochMillis ?? null)
        assert.isNull(yield* lastUsed)
        yield* keys.authenticate(w.viewerKey.secret)
        const first = yield* lastUsed
        assert.strictEqual(first, Date.parse("2026-03-02T09:00:00Z"))
        yield* setNow("2026-03-02T09:00:30Z")
        yield* keys.authenticate(w.viewerKey.secret)
        assert.strictEqual(yield* lastUsed, first)
        yield* setNow("2026-03-02T09:01:30Z")
        yield* keys.authenticate(w.viewerKey.secret)
        assert.strictEqual(yield* lastUsed, Date.parse("2026-03-02T09:01:30Z"))
      })
    )
  )

  it.effect("removing a member removes their keys", () =>
    inWorld((w) =>
      Effect.gen(function* () {
        const asAda = asMember(w.admin)
        const key = yield* asAda(Effect.flatMap(ApiKeys, (k) => k.create({ memberId: w.spare.id, name: "cli" })))
        yield* asAda(Effect.flatMap(Team, (t) => t.remove(w.spare.id)))
        const gone = yield* failure(Effect.flatMap(ApiKeys, (k) => k.authenticate(key.secret)))
        assert.strictEqual(gone._tag === "AuthenticationFailed" && gone.reason, "unknown")
        const events = yield* Effect.flatMap(EventFeed, (f) => f.readAfter(0, 1000))
        assert.include(
          events.map((e) => e.type),
          "api_key.deleted"
        )
      })
    )
  )
})

describe("bootstrap", () => {
  it.effect("creates the first admin and a key once; later calls do nothing", () =>
    Effect.gen(function* () {
      const keys = yield* ApiKeys
      const first = yield* keys.bootstrap()
      assert.isTrue(first._tag === "Some")
      if (first._tag !== "Some") return
      assert.strictEqual(first.value.admin.role, "admin")
      const who = yield* keys.authenticate(first.value.apiKey.secret)
      assert.strictEqual(who.member.id, first.value.admin.id)
      assert.strictEqual((yield* keys.bootstrap())._tag, "None")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("takes a given secret, and refuses a weak one", () =>
    Effect.gen(function* () {
      const keys = yield* ApiKeys
      const weak = yield* failure(keys.bootstrap({ secret: "too-short" }))
      assert.strictEqual(weak._tag, "ValidationFailed")
      const secret = "my-own-bootstrap-key-0123456789abcdef"
      const made = yield* keys.bootstrap({ secret: secret, name: "Owner", email: "owner@agency.test" })
      assert.isTrue(made._tag === "Some")
      assert.strictEqual((yield* keys.authenticate(secret)).member.email, "owner@agency.test")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("runs when members exist but none is an active admin (an upgraded store)", () =>
    Effect.gen(function* () {
      yield* Effect.flatMap(Team, (t) => t.create({ name: "Old Hand", email: "old@agency.test" }))
      const made = yield* Effect.flatMap(ApiKeys, (k) => k.bootstrap())
      assert.isTrue(made._tag === "Some")
    }).pipe(Effect.provide(TestLayer))
  )
})
