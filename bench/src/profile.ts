import { Actor, type TaskId, TaskRepository, Tasks, TeamMemberRepository } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { libraryRuntime, setUp } from "./libraryWorld.js"

// Profiling aid (`node dist/profile.js`, or with `--cpu-prof`): where the time of one library read goes,
// layer by layer, each the mean of 20 000 calls.
const runtime = libraryRuntime(join(mkdtempSync(join(tmpdir(), "acrm-prof-")), "p.db"))
const w = await runtime.runPromise(setUp(50))
const id = w.taskIds[0] as string as TaskId
const time = async (label: string, effect: Effect.Effect<unknown, unknown, any>) => {
  for (let i = 0; i < 2000; i++) await runtime.runPromise(effect)
  const n = 20_000
  const started = performance.now()
  for (let i = 0; i < n; i++) await runtime.runPromise(effect)
  console.log(`${label}: ${((1000 * (performance.now() - started)) / n).toFixed(1)} µs`)
}
await time("runPromise(Effect.void)", Effect.void)
await time(
  "sql.unsafe SELECT task (stock @effect/sql path)",
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe("SELECT * FROM tasks WHERE id = ?", [id]))
)
await time(
  "TaskRepository.findById (direct path + decode)",
  Effect.flatMap(TaskRepository, (r) => r.findById(id))
)
await time(
  "TeamMemberRepository.findById",
  Effect.flatMap(TeamMemberRepository, (r) => r.findById(w.manager.id))
)
await time(
  "Tasks.get as Actor.member(id)",
  Effect.provideService(
    Effect.flatMap(Tasks, (t) => t.get(id)),
    Actor,
    Actor.member(w.manager.id)
  )
)
await time(
  "Tasks.get as Actor.authenticated(member)",
  Effect.provideService(
    Effect.flatMap(Tasks, (t) => t.get(id)),
    Actor,
    Actor.authenticated(w.manager)
  )
)
await runtime.dispose()
