import { assert, describe, it } from "@effect/vitest"
import { Chunk, DateTime, Effect, Fiber, Stream } from "effect"
import {
  Clients,
  EventFeed,
  Interactions,
  LocalDate,
  Projects,
  projectHealth,
  Tasks,
  Timeline,
  Tracking
} from "../src/index.js"
import { asMember, failure, hire, setNow, TestLayer } from "./support.js"

const d = (s: string) => LocalDate.make(s)

const world = Effect.gen(function* () {
  yield* setNow("2026-03-10T12:00:00Z")
  const manager = yield* hire("Marta", "marta@agency.test")
  const leo = yield* hire("Leo", "leo@agency.test")
  const as = asMember(manager)
  const client = yield* as(Effect.flatMap(Clients, (c) => c.create({ name: "Acme", kind: "client" })))
  const project = yield* as(
    Effect.flatMap(Projects, (p) =>
      p.create({
        clientId: client.id,
        name: "Campaign",
        campaignType: "seo",
        managerId: manager.id,
        startDate: d("2026-03-01"),
        dueDate: d("2026-03-31")
      })
    )
  )
  return { manager, leo, as, client, project }
})

describe("tracking", () => {
  it.effect("overdue, due soon, per-assignee work and workload follow the clock and skip finished tasks", () =>
    Effect.gen(function* () {
      const { as, project, leo, manager } = yield* world
      const tasks = yield* Tasks
      const tracking = yield* Tracking
      const make = (title: string, dueDate: string | null, assigneeId: typeof leo.id | null) =>
        as(tasks.create({ projectId: project.id, title, dueDate: dueDate === null ? null : d(dueDate), assigneeId }))
      const late = yield* make("late", "2026-03-05", leo.id)
      const lateDone = yield* make("late but done", "2026-03-04", leo.id)
      for (const s of ["in_progress", "in_review", "done"] as const) yield* as(tasks.transition(lateDone.id, s))
      const today = yield* make("today", "2026-03-10", manager.id)
      const soon = yield* make("soon", "2026-03-13", null)
      yield* make("later", "2026-04-20", leo.id)
      yield* make("undated", null, leo.id)

      assert.deepStrictEqual(
        (yield* tracking.overdue()).items.map((t) => t.id),
        [late.id]
      )
      assert.deepStrictEqual(
        (yield* tracking.dueSoon({ days: 3 })).items.map((t) => t.id),
        [today.id, soon.id]
      )
      assert.deepStrictEqual(
        (yield* tracking.dueSoon({ days: 2 })).items.map((t) => t.id),
        [today.id]
      )
      // An explicit reference day overrides the clock.
      assert.deepStrictEqual(
        (yield* tracking.overdue({ today: d("2026-03-14") })).items.map((t) => t.title),
        ["late", "today", "soon"]
      )
      assert.deepStrictEqual(
        (yield* tracking.overdue({ assigneeId: manager.id, today: d("2026-03-14") })).items.map((t) => t.title),
        ["today"]
      )
      assert.deepStrictEqual(
        (yield* tracking.assigneeWork(leo.id)).items.map((t) => t.title),
        ["undated", "late", "later"]
      )
      assert.deepStrictEqual(yield* tracking.workload(), [
        { assigneeId: null, open: 1, overdue: 0 },
        { assigneeId: manager.id, open: 1, overdue: 0 },
        { assigneeId: leo.id, open: 3, overdue: 1 }
      ])
      assert.strictEqual((yield* failure(tracking.dueSoon({ days: -1 })))._tag, "ValidationFailed")
      yield* setNow("2026-03-11T00:00:00Z")
      assert.deepStrictEqual(
        (yield* tracking.overdue()).items.map((t) => t.title),
        ["late", "today"]
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("progress counts tasks by status and derives health", () =>
    Effect.gen(function* () {
      const { as, project } = yield* world
      const tasks = yield* Tasks
      const tracking = yield* Tracking
      const a = yield* as(tasks.create({ projectId: project.id, title: "a", dueDate: d("2026-03-20") }))
      const b = yield* as(tasks.create({ projectId: project.id, title: "b" }))
      const c = yield* as(tasks.create({ projectId: project.id, title: "c" }))
      for (const s of ["in_progress", "in_review", "done"] as const) yield* as(tasks.transition(a.id, s))
      yield* as(tasks.transition(c.id, "cancelled"))
      const progress = yield* tracking.progress(project.id)
      assert.strictEqual(progress.total, 3)
      assert.strictEqual(progress.byStatus.done, 1)
      assert.strictEqual(progress.byStatus.todo, 1)
      assert.strictEqual(progress.byStatus.cancelled, 1)
      assert.strictEqual(progress.percentDone, 50)
      assert.strictEqual(progress.health, "on_track")
      assert.strictEqual(progress.asOf, "2026-03-10")
      assert.strictEqual((yield* tracking.progress(project.id, { today: d("2026-04-01") })).health, "overdue")
      yield* as(tasks.update(b.id, { dueDate: d("2026-03-09") }))
      assert.strictEqual((yield* tracking.progress(project.id)).health, "at_risk")
    }).pipe(Effect.provide(TestLayer))
  )

  it("health: past due is overdue, late tasks or lagging work are at risk, finished projects are on track", () => {
    const p = { status: "active" as const, startDate: d("2026-03-01"), dueDate: d("2026-03-31") }
    assert.strictEqual(projectHealth(p, 0, 0, d("2026-03-02")), "on_track")
    assert.strictEqual(projectHealth(p, 50, 1, d("2026-03-02")), "at_risk")
    assert.strictEqual(projectHealth(p, 20, 0, d("2026-03-25")), "at_risk")
    assert.strictEqual(projectHealth(p, 60, 0, d("2026-03-25")), "on_track")
    assert.strictEqual(projectHealth(p, 99, 0, d("2026-04-01")), "overdue")
    assert.strictEqual(projectHealth({ ...p, status: "completed" }, 100, 0, d("2026-04-01")), "on_track")
    assert.strictEqual(projectHealth({ ...p, startDate: null }, 0, 0, d("2026-03-30")), "on_track")
  })
})

describe("timeline", () => {
  it.effect("merges interactions and changes newest first and pages through them without gaps or repeats", () =>
    Effect.gen(function* () {
      const { as, client, project } = yield* world
      const tasks = yield* Tasks
      const interactions = yield* Interactions
      const timeline = yield* Timeline
      for (let i = 0; i < 6; i++) {
        yield* setNow(`2026-03-1${i + 1}T09:00:00Z`)
        yield* as(tasks.create({ projectId: project.id, title: `t${i}` }))
        // Interactions are placed when they occurred, not when they were logged.
        yield* as(
          interactions.log({
            clientId: client.id,
            projectId: project.id,
            kind: "call",
            summary: `call ${i}`,
            occurredAt: DateTime.unsafeMake(`2026-03-1${i + 1}T08:00:00Z`)
          })
        )
      }
      const full = yield* timeline.project(project.id, { limit: 200 })
      assert.isNull(full.nextCursor)
      assert.strictEqual(full.items.filter((e) => e.kind === "interaction").length, 6)
      assert.strictEqual(full.items.filter((e) => e.kind === "change").length, 7)
      const times = full.items.map((e) => DateTime.toEpochMillis(e.at))
      assert.deepStrictEqual(
        times,
        [...times].sort((a, b) => b - a)
      )
      const key = (e: (typeof full.items)[number]) =>
        e.kind === "change" ? `e${e.event.sequence}` : `i${e.interaction.id}`
      const paged: Array<string> = []
      let cursor: string | undefined
      for (let guard = 0; guard < 20; guard++) {
        const page = yield* timeline.project(project.id, { limit: 4, ...(cursor ? { cursor } : {}) })
        assert.isAtMost(page.items.length, 4)
        paged.push(...page.items.map(key))
        if (page.nextCursor === null) break
        cursor = page.nextCursor
      }
      assert.deepStrictEqual(paged, full.items.map(key))
      assert.strictEqual((yield* failure(timeline.project(project.id, { cursor: "bm9wZQ" })))._tag, "ValidationFailed")
      const clientStory = yield* timeline.client(client.id, { limit: 200 })
      assert.strictEqual(clientStory.items.length, full.items.length + 1)
    }).pipe(Effect.provide(TestLayer))
  )
})

describe("event feed", () => {
  it.effect("streams committed events in order, never rolled-back ones, and resumes after a sequence", () =>
    Effect.gen(function* () {
      const { as, project, leo } = yield* world
      const tasks = yield* Tasks
      const feed = yield* EventFeed
      const start = (yield* feed.readAfter(0, 200)).length
      const collector = yield* Effect.fork(
        feed.stream(start, { projectId: project.id }).pipe(Stream.take(3), Stream.runCollect)
      )
      yield* Effect.yieldNow()
      const task = yield* as(tasks.create({ projectId: project.id, title: "Live" }))
      const refused = yield* failure(as(tasks.transition(task.id, "done")))
      assert.strictEqual(refused._tag, "InvalidTransition")
      yield* as(tasks.transition(task.id, "in_progress"))
      yield* as(tasks.assign(task.id, leo.id))
      const events = Chunk.toReadonlyArray(yield* Fiber.join(collector))
      assert.deepStrictEqual(
        events.map((e) => e.type),
        ["task.created", "task.status_changed", "task.assigned"]
      )
      const resumed = yield* feed
        .stream(events[0]!.sequence, { assigneeId: leo.id })
        .pipe(Stream.take(1), Stream.runCollect)
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(resumed).map((e) => e.sequence),
        [events[2]!.sequence]
      )
    }).pipe(Effect.provide(TestLayer))
  )
})
