import { Actor, EventLog, Task, TaskRepository, Tasks } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { build } from "esbuild"
import { execFile } from "node:child_process"
import { join } from "node:path"
import { promisify } from "node:util"
import { aProject, asSystem, servicesOn, tempDir } from "./support.js"

const run = promisify(execFile)
const packageDir = join(import.meta.dirname, "..")

// Bundled next to the package's node_modules so the native better-sqlite3 module resolves.
const bundleWriter = Effect.promise(async () => {
  const outfile = join(packageDir, "node_modules", ".agency-crm-test", "writer.mjs")
  await build({
    entryPoints: [join(import.meta.dirname, "fixtures", "writer.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    external: ["better-sqlite3"],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "error"
  })
  return outfile
})

const setup = (file: string) =>
  asSystem(
    Effect.gen(function* () {
      const { project } = yield* aProject
      return yield* (yield* Tasks).create({ projectId: project.id, title: "Shared counter", estimateHours: 0 })
    })
  ).pipe(Effect.provide(servicesOn(file)))

describe("concurrent writers", () => {
  it.scoped(
    "two processes × 500 updates of one task: no SQLITE_BUSY surfaces and no update is lost",
    () =>
      Effect.gen(function* () {
        const file = join(yield* tempDir, "shared.db")
        const task = yield* setup(file)
        const writer = yield* bundleWriter
        const results = yield* Effect.promise(() =>
          Promise.all([1, 2].map(() => run(process.execPath, [writer, file, task.id, "500"], { timeout: 120_000 })))
        )
        const reports = results.map((r) => JSON.parse(r.stdout) as { done: number; conflicts: number })
        assert.deepStrictEqual(
          reports.map((r) => r.done),
          [500, 500]
        )
        for (const r of results) assert.notInclude(r.stderr, "SQLITE_BUSY")

        const final = yield* asSystem(
          Effect.gen(function* () {
            const stored = yield* (yield* Tasks).get(task.id)
            const log = yield* EventLog
            const history = yield* log.readAfter(0, 5000, { entityType: "task", entityId: task.id })
            return { stored, history }
          })
        ).pipe(Effect.provide(servicesOn(file)))
        assert.strictEqual(final.stored.estimateHours, 1000)
        assert.strictEqual(final.stored.version, 1001)
        assert.strictEqual(final.history.length, 1001)
        const sequences = final.history.map((e) => e.sequence)
        assert.deepStrictEqual(
          sequences,
          [...sequences].sort((a, b) => a - b)
        )
      }),
    120_000
  )

  it.scoped("optimistic version conflicts are detected across connections", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "two.db")
      const task = yield* setup(file)
      // Two connections open at once on the same file, as two servers would have.
      const a = yield* Layer.build(servicesOn(file))
      const b = yield* Layer.build(servicesOn(file))
      const onA = <X, E>(effect: Effect.Effect<X, E, Tasks | TaskRepository | Actor>) =>
        effect.pipe(Effect.provideService(Actor, Actor.system), Effect.provide(a))
      const onB = <X, E>(effect: Effect.Effect<X, E, Tasks | TaskRepository | Actor>) =>
        effect.pipe(Effect.provideService(Actor, Actor.system), Effect.provide(b))

      const stale = yield* onA(Effect.flatMap(Tasks, (t) => t.get(task.id)))
      yield* onB(
        Effect.flatMap(Tasks, (t) => t.update(task.id, { title: "Changed by B" }, { expectedVersion: stale.version }))
      )
      const conflict = yield* onA(
        Effect.flip(
          Effect.flatMap(Tasks, (t) => t.update(task.id, { title: "Changed by A" }, { expectedVersion: stale.version }))
        )
      )
      assert.strictEqual(conflict._tag, "VersionConflict")
      // The repository's compare-and-set catches it too, even without an expected version from a caller.
      const cas = yield* onA(
        Effect.flip(
          Effect.flatMap(TaskRepository, (repo) =>
            repo.update(new Task({ ...stale, title: "Blind write", version: stale.version + 1 }))
          )
        )
      )
      assert.strictEqual(cas._tag, "VersionConflict")
      if (cas._tag === "VersionConflict") assert.deepStrictEqual([cas.expected, cas.actual], [1, 2])
      assert.strictEqual((yield* onB(Effect.flatMap(Tasks, (t) => t.get(task.id)))).title, "Changed by B")
    })
  )
})
