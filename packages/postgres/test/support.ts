import { Effect, Layer } from "effect"
import Pg from "pg"
import { PostgresStore } from "../src/index.js"

/** The test database, which the global setup provides (see globalSetup.ts). */
export const DATABASE_URL = process.env["CRM_TEST_DATABASE_URL"]!

const admin = <A>(run: (client: Pg.Client) => Promise<A>) =>
  Effect.promise(async () => {
    const client = new Pg.Client({ connectionString: DATABASE_URL })
    await client.connect()
    try {
      return await run(client)
    } finally {
      await client.end()
    }
  })

/** A schema of its own for the lifetime of the scope (dropped after), so test files run in parallel and leave
 * nothing behind. */
export const freshSchema = Effect.acquireRelease(
  Effect.flatMap(
    Effect.sync(() => `crm_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`),
    (schema) =>
      Effect.as(
        admin((c) => c.query(`CREATE SCHEMA ${schema}`)),
        schema
      )
  ),
  (schema) => admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`))
)

/** The URL of `schema` in the test database. */
export const urlOf = (schema: string) => {
  const url = new URL(DATABASE_URL)
  url.searchParams.set("options", `-c search_path=${schema}`)
  return url.toString()
}

/** A PostgreSQL store on a new schema each time the layer is built. */
export const layerFreshSchema = Layer.unwrapScoped(
  Effect.map(freshSchema, (schema) => PostgresStore.layer({ url: urlOf(schema), maxConnections: 4 }))
)
