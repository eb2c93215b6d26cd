import { Actor, Crm, IdGenerator } from "@agency-crm/core"
import { queryWorkload } from "@agency-crm/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import Pg from "pg"
import { PostgresStore } from "../src/index.js"
import { DATABASE_URL, freshSchema, urlOf } from "./support.js"

interface PlanNode {
  readonly "Node Type": string
  readonly "Relation Name"?: string
  readonly Plans?: ReadonlyArray<PlanNode>
}

const nodes = (node: PlanNode): ReadonlyArray<PlanNode> => [node, ...(node.Plans ?? []).flatMap(nodes)]

const guarded = new Set(["tasks", "interactions", "events", "opportunities", "stage_changes", "search_docs"])

describe("query plans on PostgreSQL", () => {
  it.live(
    "no query the adapter issues scans the tasks, interactions, events, opportunities, stage history or search table",
    () =>
      Effect.gen(function* () {
        const schema = yield* freshSchema
        const url = urlOf(schema)
        const statements = new Map<string, ReadonlyArray<unknown>>()
        const stop = PostgresStore.observeStatements((text, params) => {
          if (!statements.has(text)) statements.set(text, params)
        })
        yield* queryWorkload.pipe(
          Effect.provideService(Actor, Actor.system),
          Effect.provide(
            Crm.layer.pipe(
              Layer.provideMerge(PostgresStore.layer({ url, maxConnections: 2 })),
              Layer.provideMerge(IdGenerator.layer)
            )
          ),
          Effect.ensuring(Effect.sync(stop))
        )
        // With sequential scans priced out, the planner scans a table only where no index can serve the query.
        const violations = yield* Effect.promise(async () => {
          const client = new Pg.Client({ connectionString: url })
          await client.connect()
          const found: Array<string> = []
          try {
            await client.query("SET enable_seqscan = off")
            for (const [text, params] of statements) {
              if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(text) || /pg_advisory|pg_notify/.test(text)) continue
              const result = await client.query(`EXPLAIN (FORMAT JSON) ${text}`, params as Array<unknown>)
              const plan = (result.rows[0] as { "QUERY PLAN": ReadonlyArray<{ Plan: PlanNode }> })["QUERY PLAN"][0]!
                .Plan
              for (const node of nodes(plan)) {
                if (node["Node Type"] === "Seq Scan" && guarded.has(node["Relation Name"] ?? "")) {
                  found.push(`${node["Relation Name"]}: ${text.replace(/\s+/g, " ")}`)
                }
              }
            }
          } finally {
            await client.end()
          }
          return found
        })
        assert.isAbove(statements.size, 60)
        assert.deepStrictEqual(violations, [])
        void DATABASE_URL
      }).pipe(Effect.scoped),
    120_000
  )
})
