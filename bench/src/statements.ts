import { Actor, Interactions, Search, Tasks, Tracking } from "@agency-crm/core"
import { Effect } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { libraryRuntime, recordStatements, setUp } from "./libraryWorld.js"

// Prints the SQL each benchmarked library operation runs, so the raw baseline can issue the same.
const runtime = libraryRuntime(join(mkdtempSync(join(tmpdir(), "acrm-stmts-")), "s.db"))
const program = Effect.gen(function* () {
  const w = yield* setUp(4)
  const as = Effect.provideService(Actor, Actor.member(w.manager.id))
  const tasks = yield* Tasks
  const ops = {
    create: tasks.create({ projectId: w.project.id, title: "New", assigneeId: w.manager.id }),
    get: tasks.get(w.taskIds[0] as never),
    status: tasks.transition(w.taskIds[0] as never, "blocked"),
    overdue: Effect.flatMap(Tracking, (t) => t.overdue({ limit: 50 })),
    log: Effect.flatMap(Interactions, (i) => i.log({ clientId: w.client.id, kind: "call", summary: "Hello" })),
    search: Effect.flatMap(Search, (s) => s.search({ q: "audit", limit: 20 }))
  }
  for (const [name, op] of Object.entries(ops)) {
    const { statements } = yield* recordStatements(as(op as Effect.Effect<unknown, unknown, never>))
    console.log(`## ${name}`)
    for (const s of statements) console.log(`  ${s.replace(/\s+/g, " ").slice(0, 230)}`)
  }
})
await runtime.runPromise(program)
await runtime.dispose()
