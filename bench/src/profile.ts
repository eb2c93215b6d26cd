import {
  Actor,
  ApiKeys,
  Codec,
  StoreTransaction,
  Task,
  type TaskId,
  TaskRepository,
  Tasks,
  TeamMemberRepository,
  Tracking
} from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { Context, Effect, Layer, ManagedRuntime, Schema } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { libraryRuntime, setUp } from "./libraryWorld.js"

// Profiling aid (`node dist/profile.js`, or with `--cpu-prof`): where the time of one library read goes,
// layer by layer, each the mean of many calls.
const runtime = libraryRuntime(join(mkdtempSync(join(tmpdir(), "acrm-prof-")), "p.db"))
const w = await runtime.runPromise(setUp(60))
const id = w.taskIds[0] as string as TaskId
const { secret } = await runtime.runPromise(
  Effect.provideService(
    Effect.flatMap(ApiKeys, (keys) => keys.create({ memberId: w.manager.id, name: "profile" })),
    Actor,
    Actor.system
  )
)
/** Mean µs of `n` runs of `effect` on `on`, after `n / 10` warm-up runs. */
const meanMicros = async (
  on: ManagedRuntime.ManagedRuntime<any, any>,
  effect: Effect.Effect<unknown, unknown, any>,
  n: number
) => {
  for (let i = 0; i < n / 10; i++) await on.runPromise(effect)
  const started = performance.now()
  for (let i = 0; i < n; i++) await on.runPromise(effect)
  return (1000 * (performance.now() - started)) / n
}
const time = async (label: string, effect: Effect.Effect<unknown, unknown, any>, n = 20_000) =>
  console.log(`${label}: ${(await meanMicros(runtime, effect, n)).toFixed(1)} µs`)
const timeSync = (label: string, f: () => unknown, n = 100_000) => {
  for (let i = 0; i < n / 10; i++) f()
  const started = performance.now()
  for (let i = 0; i < n; i++) f()
  console.log(`${label}: ${((1000 * (performance.now() - started)) / n).toFixed(2)} µs`)
}
const asManager = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provideService(effect, Actor, Actor.authenticated(w.manager))

await time("runPromise(Effect.void)", Effect.void)
// What an operation pays before its own work: the caller providing the actor, and the span every service
// operation opens (STYLE.md: a named Effect.fn), each around a constant.
await time("Effect.provideService(Actor) around a constant", asManager(Effect.succeed(1)))
const traced = Effect.fn("Profile.traced")(function* (n: number) {
  return n + 1
})
await time(
  "a named Effect.fn span around a constant",
  Effect.suspend(() => traced(1))
)
// The span's parts: without the call-site stack, and nothing at all (what an untraced function costs).
await time(
  "Effect.withSpan without stack capture around a constant",
  Effect.suspend(() => Effect.withSpan(Effect.succeed(2), "Profile.noStack", { captureStackTrace: false }))
)
const untraced = Effect.fnUntraced(function* (n: number) {
  return n + 1
})
await time(
  "Effect.fnUntraced around a constant",
  Effect.suspend(() => untraced(1))
)
// Providing a service copies the fiber's whole context, so its cost grows with the context's size. Two
// runtimes measured in turns, three rounds each; the best round of each is shown.
const contextOf = (size: number) => {
  let context = Context.empty() as Context.Context<unknown>
  for (let i = 0; i < size; i++) context = Context.add(context, Context.GenericTag<unknown>(`profile/${i}`), { i })
  return ManagedRuntime.make(Layer.succeedContext(context))
}
const sized = [5, 45].map((size) => ({ size, runtime: contextOf(size), best: Infinity }))
const provide = Effect.provideService(Effect.succeed(1), Actor, Actor.system)
for (let round = 0; round < 3; round++) {
  for (const entry of sized) entry.best = Math.min(entry.best, await meanMicros(entry.runtime, provide, 20_000))
}
for (const entry of sized) {
  console.log(
    `Effect.provideService around a constant, ${entry.size} services in the context: ${entry.best.toFixed(1)} µs`
  )
  await entry.runtime.dispose()
}
await time(
  "StoreTransaction.withTransaction(Effect.void) (BEGIN IMMEDIATE + COMMIT)",
  Effect.flatMap(StoreTransaction, (tx) => tx.withTransaction(Effect.void))
)
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
await time("Tasks.get as Actor.authenticated(member)", asManager(Effect.flatMap(Tasks, (t) => t.get(id))))
await time(
  "ApiKeys.authenticate (hash, key by hash, member)",
  Effect.flatMap(ApiKeys, (keys) => keys.authenticate(secret))
)
await time(
  "Tracking.overdue limit 50, as Actor.authenticated(member)",
  asManager(Effect.flatMap(Tracking, (t) => t.overdue({ limit: 50 }))),
  3_000
)
const task = await runtime.runPromise(asManager(Effect.flatMap(Tasks, (t) => t.get(id))))
const encodedTask = Schema.encodeSync(Task)(task)
const stockDecode = Schema.decodeUnknownEither(Task)
const compiledDecode = Codec.decoder(Task)
timeSync("decode a task, Effect's parser", () => stockDecode(encodedTask))
timeSync("decode a task, compiled (Codec.decoder)", () => compiledDecode(encodedTask))
const stockEncode = Schema.encodeEither(Task)
const compiledEncode = Codec.encoder(Task)
timeSync("encode a task, Effect's parser", () => stockEncode(task))
timeSync("encode a task, compiled (Codec.encoder)", () => compiledEncode(task))
const makeTask = Codec.constructor(Task)
timeSync("new Task(props) (validating constructor)", () => new Task({ ...task }), 20_000)
timeSync("Codec.constructor(Task)(props)", () => makeTask({ ...task }))
await runtime.dispose()
