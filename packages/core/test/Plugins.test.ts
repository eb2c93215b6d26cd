import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Ref, Schema } from "effect"
import {
  Actor,
  Clients,
  Crm,
  IdGenerator,
  ConsumerPositions,
  type DomainEvent,
  EventLog,
  PluginHost,
  type PluginSettingsInvalid,
  Plugins,
  Projects,
  RuleViolated,
  Tasks
} from "../src/index.js"
import { MemoryStore } from "../src/testing/index.js"
import { asSystem, hire, TestLayer } from "./support.js"

const world = Effect.gen(function* () {
  const manager = yield* hire("Marta", "marta@agency.test")
  const client = yield* asSystem(Effect.flatMap(Clients, (clients) => clients.create({ name: "Acme" })))
  return { manager, client }
})

/** A plugin that refuses to start a project of the listed campaign types without a budget, and records what its
 * check saw. */
const budgetRule = (
  seen: Array<{ operation: string | null; input: ReadonlyArray<unknown>; before: string; after: string }>
) =>
  Plugins.define({
    name: "budget_rule",
    settings: Schema.Struct({ campaignTypes: Schema.Array(Schema.String) }),
    make: (settings) =>
      Effect.succeed({
        checks: [
          Plugins.check("project.status_changed", (write) => {
            seen.push({
              operation: write.operation,
              input: write.input,
              before: write.before?.status ?? "none",
              after: write.after?.status ?? "none"
            })
            return write.after?.status === "active" &&
              write.after.budget === null &&
              settings.campaignTypes.includes(write.after.campaignType)
              ? Effect.fail(RuleViolated.of("budget_rule.required", "a project needs a budget to start"))
              : Effect.void
          })
        ]
      })
  })

describe("plugin checks inside writes", () => {
  it.effect("a check refuses the write with a typed rule violation, and the write leaves nothing", () => {
    const seen: Parameters<typeof budgetRule>[0] = []
    return Effect.gen(function* () {
      const { manager, client } = yield* world
      const projects = yield* Projects
      const log = yield* EventLog
      const project = yield* asSystem(
        projects.create({ clientId: client.id, name: "Launch", campaignType: "seo", managerId: manager.id })
      )
      const before = yield* log.latestSequence
      const refused = yield* Effect.either(asSystem(projects.transition(project.id, "active")))
      assert.isTrue(Either.isLeft(refused))
      const error = (refused as Either.Left<RuleViolated, unknown>).left
      assert.strictEqual(error._tag, "RuleViolated")
      assert.strictEqual(error.rule, "budget_rule.required")
      assert.strictEqual((yield* asSystem(projects.get(project.id))).status, "planned")
      assert.strictEqual(yield* log.latestSequence, before, "no event appended")
      assert.deepStrictEqual(seen[0], {
        operation: "Projects.transition",
        input: [project.id, "active"],
        before: "planned",
        after: "active"
      })

      // With a budget it starts; another campaign type needs none.
      yield* asSystem(projects.update(project.id, { budget: { amountMinor: 100_000, currency: "EUR" } }))
      assert.strictEqual((yield* asSystem(projects.transition(project.id, "active"))).status, "active")
      const ads = yield* asSystem(
        projects.create({ clientId: client.id, name: "Ads", campaignType: "sem", managerId: manager.id })
      )
      assert.strictEqual((yield* asSystem(projects.transition(ads.id, "active"))).status, "active")
    }).pipe(
      Effect.provide(Plugins.layer([budgetRule(seen)({ campaignTypes: ["seo"] })]).pipe(Layer.provideMerge(TestLayer)))
    )
  })

  it.effect("a check that names operations runs only for the changes those operations make", () => {
    const frozen = Plugins.define({
      name: "frozen_assignments",
      settings: Plugins.NoSettings,
      make: () =>
        Effect.succeed({
          checks: [
            Plugins.check(
              "task.*",
              ({ before, after }) =>
                before?.assigneeId !== after?.assigneeId
                  ? Effect.fail(RuleViolated.of("frozen.assignments", "assignments are frozen"))
                  : Effect.void,
              { operations: ["Tasks.assign"] }
            )
          ]
        })
    })
    return Effect.gen(function* () {
      const { manager, client } = yield* world
      const project = yield* asSystem(
        Effect.flatMap(Projects, (p) =>
          p.create({ clientId: client.id, name: "Launch", campaignType: "seo", managerId: manager.id })
        )
      )
      const tasks = yield* Tasks
      // Created with an assignee (Tasks.create): not the operation the check names.
      const task = yield* asSystem(tasks.create({ projectId: project.id, title: "Audit", assigneeId: manager.id }))
      const refused = yield* Effect.flip(asSystem(tasks.assign(task.id, null)))
      assert.strictEqual(refused._tag, "RuleViolated")
      assert.strictEqual((yield* asSystem(tasks.get(task.id))).assigneeId, manager.id)
    }).pipe(Effect.provide(Plugins.layer([frozen({})]).pipe(Layer.provideMerge(TestLayer))))
  })

  it.effect("settings that do not match the plugin's schema stop the start, naming the plugin and the field", () =>
    Effect.gen(function* () {
      // A user's settings as they come from configuration: untyped, and wrong.
      const settings = { campaignTypes: "seo" } as unknown as { campaignTypes: ReadonlyArray<string> }
      const error = yield* Effect.flip(
        Layer.build(Plugins.layer([budgetRule([])(settings)]).pipe(Layer.provide(TestLayer)))
      )
      assert.strictEqual(error._tag, "PluginSettingsInvalid")
      const invalid = error as PluginSettingsInvalid
      assert.strictEqual(invalid.plugin, "budget_rule")
      assert.deepStrictEqual(
        invalid.issues.map((i) => i.path),
        ["campaignTypes"]
      )
    }).pipe(Effect.scoped)
  )

  it.effect("a plugin listed twice, or with tables the adapter cannot hold, does not start", () =>
    Effect.gen(function* () {
      const twice = yield* Effect.flip(
        Layer.build(
          Plugins.layer([budgetRule([])({ campaignTypes: [] }), budgetRule([])({ campaignTypes: [] })]).pipe(
            Layer.provide(TestLayer)
          )
        )
      )
      assert.strictEqual(twice._tag, "PluginStartFailed")
      assert.include(twice.message, "twice")
      const tabled = Plugins.define({
        name: "tabled",
        settings: Plugins.NoSettings,
        tables: { sqlite: {} },
        make: () => Effect.succeed({})
      })
      const refused = yield* Effect.flip(Layer.build(Plugins.layer([tabled({})]).pipe(Layer.provide(TestLayer))))
      assert.strictEqual(refused._tag, "PluginStartFailed")
      assert.include(refused.message, "memory")
    }).pipe(Effect.scoped)
  )
})

/** A consumer plugin that appends what it handles to `handled`, failing while `failing` says so. */
const recorder = (handled: Array<DomainEvent>, failing: Ref.Ref<number>) =>
  Plugins.define({
    name: "recorder",
    settings: Plugins.NoSettings,
    make: () =>
      Effect.succeed({
        consumers: [
          {
            name: "tasks",
            events: ["task.*"] as const,
            retry: { initial: "5 millis", max: "20 millis" },
            handle: (event: DomainEvent) =>
              Effect.flatMap(
                Ref.getAndUpdate(failing, (n) => Math.max(0, n - 1)),
                (left) =>
                  left > 0 ? Effect.fail(new Error(`not now (${left})`)) : Effect.sync(() => void handled.push(event))
              )
          }
        ]
      })
  })

const waitUntil = (done: () => boolean) =>
  Effect.gen(function* () {
    for (let i = 0; i < 500 && !done(); i++) yield* Effect.sleep("10 millis")
    assert.isTrue(done(), "timed out")
  })

describe("plugin consumers", () => {
  it.live(
    "read the log after commit in order, are retried with backoff without holding writes, and resume from their position",
    () =>
      Effect.gen(function* () {
        const store = yield* Layer.build(MemoryStore.layer)
        // Every run over the same store, as a process restarting on the same database.
        const services = Crm.layer.pipe(
          Layer.provideMerge(Layer.succeedContext(store)),
          Layer.provideMerge(IdGenerator.layer),
          Layer.merge(Layer.succeed(Actor, Actor.system))
        )
        const handled: Array<DomainEvent> = []
        const failing = yield* Ref.make(3)
        const firstRun = Effect.gen(function* () {
          const { manager, client } = yield* world
          const project = yield* asSystem(
            Effect.flatMap(Projects, (p) =>
              p.create({ clientId: client.id, name: "Launch", campaignType: "seo", managerId: manager.id })
            )
          )
          const tasks = yield* Tasks
          // The consumer fails its first 3 attempts: the writes go on regardless.
          for (let i = 0; i < 5; i++) yield* asSystem(tasks.create({ projectId: project.id, title: `T${i}` }))
          yield* waitUntil(() => handled.length === 5)
          const [status] = yield* Effect.flatMap(PluginHost, (host) => host.status)
          assert.strictEqual(status!.consumers[0]!.state, "running")
          assert.match(status!.consumers[0]!.lastError ?? "", /not now/)
          assert.strictEqual(status!.consumers[0]!.lag, 0)
          yield* Effect.sleep("50 millis")
          return project
        }).pipe(Effect.provide(Plugins.layer([recorder(handled, failing)({})]).pipe(Layer.provideMerge(services))))
        const project = yield* Effect.scoped(firstRun)
        assert.deepStrictEqual(
          handled.map((e) => e.type),
          ["task.created", "task.created", "task.created", "task.created", "task.created"]
        )
        const sequences = handled.map((e) => e.sequence)
        assert.deepStrictEqual(
          sequences,
          [...sequences].sort((a, b) => a - b)
        )
        const saved = yield* Effect.flatMap(ConsumerPositions, (p) => p.get("recorder/tasks")).pipe(
          Effect.provide(Layer.succeedContext(store))
        )
        assert.isTrue(Option.isSome(saved) && saved.value >= sequences[4]!)

        // Stopped: two more tasks are written without it; started again, it reads those two only.
        yield* Effect.scoped(
          Effect.gen(function* () {
            const tasks = yield* Tasks
            yield* asSystem(tasks.create({ projectId: project.id, title: "While stopped 1" }))
            yield* asSystem(tasks.create({ projectId: project.id, title: "While stopped 2" }))
          }).pipe(Effect.provide(services))
        )
        yield* Effect.scoped(
          Effect.gen(function* () {
            yield* waitUntil(() => handled.length === 7)
            yield* Effect.sleep("50 millis")
          }).pipe(Effect.provide(Plugins.layer([recorder(handled, failing)({})]).pipe(Layer.provideMerge(services))))
        )
        assert.strictEqual(handled.length, 7)
        assert.strictEqual(new Set(handled.map((e) => e.sequence)).size, 7)
      }).pipe(Effect.scoped)
  )

  it.live(
    "a consumer that keeps failing holds neither writes nor other plugins; its lag and error are observable",
    () =>
      Effect.gen(function* () {
        const handled: Array<DomainEvent> = []
        const stuck = Plugins.define({
          name: "stuck",
          settings: Plugins.NoSettings,
          make: () =>
            Effect.succeed({
              consumers: [
                {
                  name: "all",
                  retry: { initial: "5 millis", max: "10 millis" },
                  handle: () => Effect.fail(new Error("the remote system is down"))
                }
              ]
            })
        })
        const failing = yield* Ref.make(0)
        yield* Effect.gen(function* () {
          const { manager, client } = yield* world
          const project = yield* asSystem(
            Effect.flatMap(Projects, (p) =>
              p.create({ clientId: client.id, name: "Launch", campaignType: "seo", managerId: manager.id })
            )
          )
          for (let i = 0; i < 3; i++) {
            yield* asSystem(Effect.flatMap(Tasks, (tasks) => tasks.create({ projectId: project.id, title: `T${i}` })))
          }
          yield* waitUntil(() => handled.length === 3)
          yield* Effect.sleep("50 millis")
          const statuses = yield* Effect.flatMap(PluginHost, (host) => host.status)
          const stuckStatus = statuses.find((s) => s.name === "stuck")!.consumers[0]!
          assert.strictEqual(stuckStatus.state, "retrying")
          assert.isAbove(stuckStatus.failures, 1)
          assert.isAbove(stuckStatus.lag, 3)
          assert.strictEqual(stuckStatus.lastError, "the remote system is down")
          assert.strictEqual(statuses.find((s) => s.name === "recorder")!.consumers[0]!.lag, 0)
        }).pipe(
          Effect.provide(Plugins.layer([stuck({}), recorder(handled, failing)({})]).pipe(Layer.provideMerge(TestLayer)))
        )
      })
  )
})
