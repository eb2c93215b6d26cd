import { Task, TaskRepository, Tasks } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Option } from "effect"
import { join } from "node:path"
import { aProject, asSystem, servicesOn, tempDir } from "./support.js"

const aTask = Effect.gen(function* () {
  const { project } = yield* aProject
  return yield* (yield* Tasks).create({ projectId: project.id, title: "Before" })
})

// A transaction that writes a new title, then holds the connection across an asynchronous gap until `gate`
// opens, then commits or fails (rolls back). A read by another fiber meanwhile shares the one connection.
const readDuringTransaction = (outcome: "commit" | "rollback") =>
  Effect.gen(function* () {
    const task = yield* aTask
    const sql = yield* SqlClient.SqlClient
    const tasks = yield* TaskRepository
    const written = yield* Deferred.make<void>()
    const gate = yield* Deferred.make<void>()
    const writer = yield* Effect.fork(
      sql.withTransaction(
        Effect.gen(function* () {
          yield* tasks.update(new Task({ ...task, title: "After", version: task.version + 1 }))
          yield* Deferred.succeed(written, undefined)
          yield* Deferred.await(gate)
          if (outcome === "rollback") return yield* Effect.fail("rolled back" as const)
        })
      )
    )
    yield* Deferred.await(written)
    const reader = yield* Effect.fork(tasks.findById(task.id))
    for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
    const whileOpen = yield* Fiber.poll(reader)
    yield* Deferred.succeed(gate, undefined)
    yield* Fiber.await(writer)
    const read = yield* Fiber.join(reader)
    const afterwards = yield* tasks.findById(task.id)
    return { whileOpen, read: Option.getOrThrow(read).title, afterwards: Option.getOrThrow(afterwards).title }
  })

describe("one connection shared by fibers", () => {
  it.scoped("a read waits for another fiber's open transaction and sees only what it committed", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      for (const outcome of ["commit", "rollback"] as const) {
        const result = yield* asSystem(readDuringTransaction(outcome)).pipe(
          Effect.provide(servicesOn(join(dir, `${outcome}.db`)))
        )
        assert.isTrue(Option.isNone(result.whileOpen), `${outcome}: the read waited for the transaction`)
        const expected = outcome === "commit" ? "After" : "Before"
        assert.strictEqual(result.read, expected, `${outcome}: the read saw only committed data`)
        assert.strictEqual(result.afterwards, expected)
      }
    })
  )
})
