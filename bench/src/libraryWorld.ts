import { Actor, Clients, Crm, IdGenerator, Interactions, LocalDates, Projects, Tasks, Team } from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { SqlClient } from "@effect/sql"
import { DateTime, Effect, Layer, ManagedRuntime } from "effect"

/** The core services on a SQLite file, as an embedding program runs them. */
export const libraryRuntime = (filename: string) =>
  ManagedRuntime.make(
    Crm.layer.pipe(Layer.provideMerge(SqliteStore.layer({ filename })), Layer.provideMerge(IdGenerator.layer))
  )

/** The services and the ids every library operation of the benchmark uses. */
export const setUp = (tasksToSeed: number) =>
  Effect.gen(function* () {
    const team = yield* Team
    const clients = yield* Clients
    const projects = yield* Projects
    const tasks = yield* Tasks
    const interactions = yield* Interactions
    const asSystem = Effect.provideService(Actor, Actor.system)
    const manager = yield* asSystem(team.create({ name: "Marta Ruiz", email: "marta@bench.test", role: "manager" }))
    const asManager = Effect.provideService(Actor, Actor.member(manager.id))
    const client = yield* asManager(clients.create({ name: "Café Aurora" }))
    const project = yield* asManager(
      projects.create({ clientId: client.id, name: "Local SEO", campaignType: "seo", managerId: manager.id })
    )
    yield* asManager(projects.transition(project.id, "active"))
    const today = LocalDates.fromDateTime(DateTime.unsafeMake(Date.now()))
    const ids: Array<string> = []
    for (let i = 0; i < tasksToSeed; i++) {
      const task = yield* asManager(
        tasks.create({
          projectId: project.id,
          title: `Seeded task ${i} audit`,
          assigneeId: manager.id,
          dueDate: LocalDates.addDays(today, i % 2 === 0 ? -5 : 5)
        })
      )
      ids.push(task.id)
      yield* asManager(
        interactions.log({
          clientId: client.id,
          projectId: project.id,
          kind: "call",
          summary: `Call ${i} about the audit`
        })
      )
    }
    return { manager, client, project, taskIds: ids }
  })

/** Every SQL text the adapter runs while `effect` runs (its own statements, observed on its client). */
export const recordStatements = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const statements: Array<string> = []
    const stop = SqliteStore.observeStatements(yield* SqlClient.SqlClient, (text) => statements.push(text))
    const result = yield* Effect.ensuring(effect, Effect.sync(stop))
    return { result, statements }
  })
