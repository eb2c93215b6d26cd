import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Either, TestClock } from "effect"
import {
  type Actor,
  checkTransition,
  Clients,
  Interactions,
  LocalDate,
  Projects,
  type ProjectStatus,
  projectTransitions,
  ProjectStatus as ProjectStatusSchema,
  Tasks,
  type TaskStatus,
  TASK_STATUSES,
  taskTransitions
} from "../src/index.js"
import { asMember, failure, hire, TestLayer } from "./support.js"

const PROJECT_STATUSES: ReadonlyArray<ProjectStatus> = ProjectStatusSchema.literals

// The lifecycles written out independently of the tables, so a table edit shows up here.
const allowedTask = new Set([
  "todo>in_progress",
  "todo>blocked",
  "todo>cancelled",
  "in_progress>in_review",
  "in_progress>blocked",
  "in_progress>cancelled",
  "in_review>done",
  "in_review>blocked",
  "in_review>cancelled",
  "blocked>todo",
  "blocked>in_progress",
  "blocked>in_review",
  "blocked>cancelled",
  "done>in_progress"
])
const allowedProject = new Set([
  "planned>active",
  "planned>cancelled",
  "active>on_hold",
  "active>completed",
  "active>cancelled",
  "on_hold>active",
  "on_hold>completed",
  "on_hold>cancelled",
  "completed>closed"
])

describe("lifecycle tables (pure)", () => {
  it("task: every pair of statuses is allowed or refused as specified", () => {
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        const result = checkTransition(taskTransitions, from, to)
        assert.strictEqual(Either.isRight(result), allowedTask.has(`${from}>${to}`), `${from} → ${to}`)
        if (Either.isLeft(result)) assert.deepStrictEqual(result.left.allowed, taskTransitions[from])
      }
    }
  })

  it("project: every pair of statuses is allowed or refused as specified", () => {
    for (const from of PROJECT_STATUSES) {
      for (const to of PROJECT_STATUSES) {
        const result = checkTransition(projectTransitions, from, to)
        assert.strictEqual(Either.isRight(result), allowedProject.has(`${from}>${to}`), `${from} → ${to}`)
      }
    }
  })
})

// Paths that bring a new task (todo) or project (planned) into each status.
const taskPath: { readonly [S in TaskStatus]: ReadonlyArray<TaskStatus> } = {
  todo: [],
  in_progress: ["in_progress"],
  in_review: ["in_progress", "in_review"],
  done: ["in_progress", "in_review", "done"],
  blocked: ["blocked"],
  cancelled: ["cancelled"]
}

describe("lifecycles through the services", () => {
  it.effect("Tasks.transition applies every allowed move and refuses every other with InvalidTransition", () =>
    Effect.gen(function* () {
      const manager = yield* hire("Marta", "marta@agency.test")
      const as = asMember(manager)
      const clients = yield* Clients
      const projects = yield* Projects
      const tasks = yield* Tasks
      const client = yield* as(clients.create({ name: "Acme", kind: "client" }))
      const project = yield* as(
        projects.create({ clientId: client.id, name: "Campaign", campaignType: "seo", managerId: manager.id })
      )
      for (const from of TASK_STATUSES) {
        for (const to of TASK_STATUSES) {
          const task = yield* as(tasks.create({ projectId: project.id, title: `${from} → ${to}` }))
          for (const step of taskPath[from]) yield* as(tasks.transition(task.id, step))
          const result = yield* Effect.either(as(tasks.transition(task.id, to)))
          const label = `${from} → ${to}`
          if (allowedTask.has(`${from}>${to}`)) {
            assert.isTrue(Either.isRight(result), label)
            const moved = yield* tasks.get(task.id)
            assert.strictEqual(moved.status, to, label)
            assert.strictEqual(moved.completedAt !== null, to === "done", label)
          } else {
            assert.isTrue(Either.isLeft(result), label)
            if (Either.isLeft(result)) {
              const error = result.left
              assert.strictEqual(error._tag, "InvalidTransition", label)
              if (error._tag === "InvalidTransition") {
                assert.strictEqual(error.from, from)
                assert.strictEqual(error.to, to)
                assert.deepStrictEqual(error.allowed, taskTransitions[from])
              }
            }
            assert.strictEqual((yield* tasks.get(task.id)).status, from, label)
          }
        }
      }
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("project moves go through transition, complete and close; every forbidden one is refused", () =>
    Effect.gen(function* () {
      const manager = yield* hire("Marta", "marta@agency.test")
      const as = asMember(manager)
      const clients = yield* Clients
      const projects = yield* Projects
      const interactions = yield* Interactions
      const client = yield* as(clients.create({ name: "Acme", kind: "client" }))
      const report = { reportReference: "final.pdf", deliveredOn: LocalDate.make("2026-05-01") }
      const feedback = { feedback: { summary: "Happy", satisfaction: 4 } }
      const move = (
        id: Parameters<typeof projects.get>[0],
        to: ProjectStatus
      ): Effect.Effect<void, { readonly _tag: string }, Actor> => {
        switch (to) {
          case "completed":
            return Effect.asVoid(projects.complete(id, report))
          case "closed":
            return Effect.asVoid(projects.close(id, feedback))
          case "planned":
            // No operation moves a project back to planned: the lifecycle refuses it by construction.
            return Effect.asVoid(projects.transition(id, "planned" as "active"))
          default:
            return Effect.asVoid(projects.transition(id, to))
        }
      }
      const path: { readonly [S in ProjectStatus]: ReadonlyArray<ProjectStatus> } = {
        planned: [],
        active: ["active"],
        on_hold: ["active", "on_hold"],
        completed: ["active", "completed"],
        closed: ["active", "completed", "closed"],
        cancelled: ["cancelled"]
      }
      for (const from of PROJECT_STATUSES) {
        for (const to of PROJECT_STATUSES) {
          const label = `${from} → ${to}`
          const project = yield* as(
            projects.create({ clientId: client.id, name: label, campaignType: "seo", managerId: manager.id })
          )
          for (const step of path[from]) yield* as(move(project.id, step))
          const before = yield* interactions.list({ projectId: project.id })
          const result = yield* Effect.either(as(move(project.id, to)))
          const after = yield* projects.get(project.id)
          if (allowedProject.has(`${from}>${to}`)) {
            assert.isTrue(Either.isRight(result), label)
            assert.strictEqual(after.status, to, label)
          } else {
            assert.isTrue(Either.isLeft(result), label)
            if (Either.isLeft(result)) {
              // "planned" is not even a valid transition target: it is rejected as invalid input.
              const expected = to === "planned" ? "ValidationFailed" : "InvalidTransition"
              assert.strictEqual(result.left._tag, expected, label)
            }
            assert.strictEqual(after.status, from, label)
            // A refused close logs no feedback interaction.
            assert.strictEqual((yield* interactions.list({ projectId: project.id })).items.length, before.items.length)
          }
        }
      }
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("closing needs a feedback interaction of the project; cancelling cancels the open tasks", () =>
    Effect.gen(function* () {
      const manager = yield* hire("Marta", "marta@agency.test")
      const as = asMember(manager)
      const clients = yield* Clients
      const projects = yield* Projects
      const tasks = yield* Tasks
      const interactions = yield* Interactions
      const client = yield* as(clients.create({ name: "Acme", kind: "client" }))
      const project = yield* as(
        projects.create({ clientId: client.id, name: "P", campaignType: "seo", managerId: manager.id })
      )
      yield* as(projects.transition(project.id, "active"))
      yield* as(projects.complete(project.id, { reportReference: "r", deliveredOn: LocalDate.make("2026-05-01") }))
      const call = yield* as(
        interactions.log({ clientId: client.id, projectId: project.id, kind: "call", summary: "Chat" })
      )
      const wrong = yield* failure(as(projects.close(project.id, { feedbackInteractionId: call.interaction.id })))
      assert.strictEqual(wrong._tag, "RuleViolated")
      const fb = yield* as(
        interactions.log({
          clientId: client.id,
          projectId: project.id,
          kind: "feedback",
          summary: "Great",
          satisfaction: 5
        })
      )
      const closed = yield* as(projects.close(project.id, { feedbackInteractionId: fb.interaction.id }))
      assert.strictEqual(closed.project.feedbackInteractionId, fb.interaction.id)

      const other = yield* as(
        projects.create({ clientId: client.id, name: "Q", campaignType: "seo", managerId: manager.id })
      )
      const open = yield* as(tasks.create({ projectId: other.id, title: "Open" }))
      const finished = yield* as(tasks.create({ projectId: other.id, title: "Finished" }))
      for (const s of ["in_progress", "in_review", "done"] as const) yield* as(tasks.transition(finished.id, s))
      yield* as(projects.transition(other.id, "cancelled"))
      assert.strictEqual((yield* tasks.get(open.id)).status, "cancelled")
      assert.strictEqual((yield* tasks.get(finished.id)).status, "done")
      const frozen = yield* failure(as(tasks.create({ projectId: other.id, title: "Too late" })))
      assert.strictEqual(frozen._tag, "RuleViolated")
    }).pipe(Effect.provide(TestLayer))
  )
  it.effect("a project records its first activation and its cancellation, kept through holds and resumes", () =>
    Effect.gen(function* () {
      const manager = yield* hire("Marta", "marta@agency.test")
      const as = asMember(manager)
      const projects = yield* Projects
      const client = yield* as(Effect.flatMap(Clients, (c) => c.create({ name: "Acme", kind: "client" })))
      const create = (name: string) =>
        as(projects.create({ clientId: client.id, name, campaignType: "seo", managerId: manager.id }))
      const hour = 3_600_000
      const at = (ms: number) => DateTime.unsafeMake(ms)
      const run = yield* create("Run")
      const dropped = yield* create("Dropped")
      assert.isNull(run.activatedAt)
      yield* TestClock.setTime(hour)
      yield* as(projects.transition(run.id, "active"))
      yield* TestClock.setTime(2 * hour)
      yield* as(projects.transition(run.id, "on_hold"))
      yield* TestClock.setTime(3 * hour)
      yield* as(projects.transition(run.id, "active"))
      yield* TestClock.setTime(4 * hour)
      yield* as(projects.transition(run.id, "cancelled"))
      yield* as(projects.transition(dropped.id, "cancelled"))
      const [ran, never] = [yield* projects.get(run.id), yield* projects.get(dropped.id)]
      assert.deepStrictEqual([ran.activatedAt, ran.cancelledAt], [at(hour), at(4 * hour)])
      assert.deepStrictEqual([never.activatedAt, never.cancelledAt], [null, at(4 * hour)])
    }).pipe(Effect.provide(TestLayer))
  )
})
