import { Actor, ClientReports, DeliveryReports, LocalDate, SalesReports } from "@agency-crm/core"
import { queryWorkload } from "@agency-crm/core/testing"
import { assert, describe, it } from "@effect/vitest"
import Database from "better-sqlite3"
import { SqlClient } from "@effect/sql"
import { Context, Effect, Layer, Tracer } from "effect"
import { join } from "node:path"
import { directRunnerOf } from "../src/Connection.js"
import { servicesOn, tempDir } from "./support.js"

/** Every SQL text the adapter executes while `effect` runs: its own statements from the client's direct
 * runner, any other from @effect/sql's query spans. */
const recordingQueries = <A, E, R>(sql: SqlClient.SqlClient, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const direct: Array<string> = []
    const stop = directRunnerOf(sql)!.observe((text) => direct.push(text))
    const base = yield* Effect.tracer
    const spans: Array<Tracer.Span> = []
    const tracer = Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: base.context
    })
    yield* Effect.withTracer(effect, tracer).pipe(Effect.ensuring(Effect.sync(stop)))
    return new Set([
      ...direct,
      ...spans.flatMap((s) => {
        const text = s.attributes.get("db.query.text")
        return typeof text === "string" ? [text] : []
      })
    ])
  })

const guarded = /^SCAN (tasks|interactions|events|opportunities|stage_changes)\b/

describe("query plans", () => {
  it.scoped(
    "no query the adapter issues scans the tasks, interactions, events, opportunities or stage history table",
    () =>
      Effect.gen(function* () {
        const file = join(yield* tempDir, "plans.db")
        const services = yield* Layer.build(servicesOn(file))
        const queries = yield* recordingQueries(
          Context.get(services, SqlClient.SqlClient),
          queryWorkload.pipe(Effect.provideService(Actor, Actor.system), Effect.provide(services))
        )
        const db = new Database(file, { readonly: true })
        const violations: Array<string> = []
        let checked = 0
        for (const text of queries) {
          if (!/^\s*(SELECT|INSERT|UPDATE|DELETE)/i.test(text)) continue
          const explain = db.prepare(`EXPLAIN QUERY PLAN ${text}`)
          const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null)
          const plan = (explain.all(...params) as Array<{ detail: string }>).map((row) => row.detail)
          checked++
          // Walking an index (or the rowid) in ORDER BY order under a LIMIT reads only the page, provided no
          // equality or IN filter could have narrowed the walk with an index; a scan of a tasks_open_* partial
          // index reads only open work. Anything else that scans is a violation.
          const filters = /WHERE (.*?)(ORDER BY|GROUP BY|LIMIT|RETURNING|$)/is.exec(text)?.[1] ?? ""
          const narrowable = /\b\w+ = \?|\bIN \(/.test(filters.replace(/\bNOT \(entityType IN \([^)]*\)\)/g, ""))
          const sortedWalk =
            /ORDER BY/i.test(text) && /LIMIT/i.test(text) && !narrowable && !plan.some((p) => p.includes("TEMP B-TREE"))
          for (const step of plan) {
            if (!guarded.test(step)) continue
            const allowed = sortedWalk || / USING (COVERING )?INDEX tasks_open_/.test(step)
            if (!allowed) violations.push(`${step}\n    in: ${text.replace(/\s+/g, " ")}`)
          }
        }
        db.close()
        assert.isAbove(checked, 60)
        assert.deepStrictEqual(violations, [])
      })
  )

  it.scoped("every report reads each table through the index of its period's range, not a walk of another order", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "report-plans.db")
      const services = yield* Layer.build(servicesOn(file))
      const period = { from: LocalDate.make("2026-01-01"), to: LocalDate.make("2026-04-01") }
      const reports = Effect.gen(function* () {
        const sales = yield* SalesReports
        const clientReports = yield* ClientReports
        const delivery = yield* DeliveryReports
        yield* Effect.all([
          sales.pipeline(period),
          sales.forecast(period),
          sales.conversion(period),
          sales.wins(period),
          sales.revenue(period),
          clientReports.satisfaction(period),
          clientReports.responseTime(period),
          clientReports.activity(period),
          clientReports.retention(period),
          delivery.delivery({ ...period, today: period.to }),
          delivery.projects(period)
        ])
      })
      const queries = yield* recordingQueries(
        Context.get(services, SqlClient.SqlClient),
        reports.pipe(Effect.provideService(Actor, Actor.system), Effect.provide(services))
      )
      const db = new Database(file, { readonly: true })
      const walks: Array<string> = []
      for (const text of [...queries].filter((q) => /^\s*SELECT/i.test(q) && /ORDER BY/i.test(q))) {
        const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null)
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>).map(
          (row) => row.detail
        )
        // A walk of the sort order with the period's range on another column reads the whole table page by page.
        const sortColumn = /ORDER BY (\w+)/i.exec(text)?.[1]
        const rangeElsewhere = [...text.matchAll(/\b(\w+) (?:>=|<=|<|>) \?/g)].some(
          ([, column]) => column !== sortColumn && column !== "id"
        )
        if (rangeElsewhere && plan.some((step) => /^SCAN /.test(step)))
          walks.push(`${plan.join("; ")}\n    in: ${text}`)
      }
      db.close()
      assert.isAbove(queries.size, 20)
      assert.deepStrictEqual(walks, [])
    })
  )
})
