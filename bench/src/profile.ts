import { Actor, type TaskId, TaskRepository, Tasks, TeamMemberRepository } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { libraryRuntime, setUp } from "./libraryWorld.js"

// Profiling aid: where the time of one library read goes, layer by layer.
const runtime = libraryRuntime(join(mkdtempSync(join(tmpdir(), "acrm-prof-")), "p.db"))
const w = await runtime.runPromise(setUp(50))
const as = Effect.provideService(Actor, Actor.member(w.manager.id))
const id = w.taskIds[0] as TaskId
const time = async (label: string, effect: Effect.Effect<unknown, unknown, any>) => {
  for (let i = 0; i < 2000; i++) await runtime.runPromise(effect)
  const n = 20_000
  const started = performance.now()
  for (let i = 0; i < n; i++) await runtime.runPromise(effect)
  console.log(`${label}: ${((1000 * (performance.now() - started)) / n).toFixed(1)} µs`)
}
await time("runPromise(Effect.void)", Effect.void)
await time(
  "subtle.digest SHA-256",
  Effect.promise(() =>
    crypto.subtle.digest("SHA-256", new TextEncoder().encode("acrm_0123456789012345678901234567890123456789012"))
  )
)
await time(
  "sql SELECT task",
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe("SELECT * FROM tasks WHERE id = ?", [id]))
)
await time(
  "reserve + execute SELECT task",
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.scoped(Effect.flatMap(sql.reserve, (c) => c.execute("SELECT * FROM tasks WHERE id = ?", [id], undefined)))
  )
)
await time(
  "TaskRepository.findById",
  Effect.flatMap(TaskRepository, (r) => r.findById(id))
)
await time(
  "TeamMemberRepository.findById",
  Effect.flatMap(TeamMemberRepository, (r) => r.findById(w.manager.id))
)
await time("Tasks.get (as member)", as(Effect.flatMap(Tasks, (t) => t.get(id))))
await runtime.dispose()
