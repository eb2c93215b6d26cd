import { Actor, Tracking } from "@agency-crm/core"
import { Effect } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { libraryRuntime, setUp } from "./libraryWorld.js"

// Profiling aid: `node --cpu-prof dist/profile.js` runs the overdue list (50 rows) many times.
const runtime = libraryRuntime(join(mkdtempSync(join(tmpdir(), "acrm-prof-")), "p.db"))
const w = await runtime.runPromise(setUp(200))
const as = Effect.provideService(Actor, Actor.member(w.manager.id))
const n = 3000
const started = performance.now()
for (let i = 0; i < n; i++) await runtime.runPromise(as(Effect.flatMap(Tracking, (t) => t.overdue({ limit: 50 }))))
console.log(`overdue: ${((1000 * (performance.now() - started)) / n).toFixed(1)} µs`)
await runtime.dispose()
