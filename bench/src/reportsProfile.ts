import { Actor, ClientReports, LocalDate, SalesReports, type TeamMemberId } from "@agency-crm/core"
import { Effect } from "effect"
import { libraryRuntime } from "./libraryWorld.js"
import { generateReportsWorld, memberId } from "./reportsWorld.js"
import { cacheDirectory } from "./scale.js"
const which = process.argv[2] ?? "conversion"
const { file } = await generateReportsWorld(cacheDirectory, 10_000)
const runtime = libraryRuntime(file)
const w = { from: LocalDate.make("2026-09-02"), to: LocalDate.make("2026-12-01") }
const as = Effect.provideService(Actor, Actor.member(memberId(0) as TeamMemberId))
const run = which === "activity" ? Effect.flatMap(ClientReports, (r) => r.activity(w)) : Effect.flatMap(SalesReports, (r) => (r as any)[which](w))
for (let i = 0; i < 3; i++) await runtime.runPromise(as(run as any))
const t = performance.now()
for (let i = 0; i < 10; i++) await runtime.runPromise(as(run as any))
console.log(which, ((performance.now() - t) / 10).toFixed(1), "ms")
await runtime.dispose()
