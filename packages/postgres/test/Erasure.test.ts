import { Actor, Clients, Contacts, Crm, IdGenerator, Interactions, PersonalData, Search } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { PostgresStore } from "../src/index.js"
import { freshSchema, urlOf } from "./support.js"

const MARKER = "Pgzmarker"

describe("erasing a person on PostgreSQL", () => {
  it.live("leaves no row that any query reads holding their data, and the log refuses every other rewrite", () =>
    Effect.gen(function* () {
      const url = urlOf(yield* freshSchema)
      yield* Effect.gen(function* () {
        const client = yield* (yield* Clients).create({ name: "Acme" })
        const contacts = yield* Contacts
        const ana = yield* contacts.create({
          clientId: client.id,
          name: `Ana ${MARKER}`,
          email: `ana@${MARKER.toLowerCase()}.test`,
          notes: `Met at ${MARKER} fair`
        })
        yield* contacts.update(ana.id, { phone: `+34 ${MARKER}` })
        yield* (yield* Interactions).log({ contactId: ana.id, kind: "call", summary: `Called ${MARKER}` })
        assert.isAbove((yield* (yield* Search).search({ q: MARKER })).items.length, 0)

        const report = yield* (yield* PersonalData).erase(ana.id)
        assert.deepStrictEqual(report.erasedFields, ["name", "email", "phone", "notes"])
        assert.strictEqual(report.redactedRecords["interaction"], 1)
        assert.isFalse(report.purged)
        assert.include(report.purgeDetail, "vacuumed")

        assert.strictEqual((yield* (yield* Search).search({ q: MARKER })).items.length, 0)
        const sql = yield* SqlClient.SqlClient
        for (const table of ["contacts", "interactions", "tasks", "opportunities", "events", "search_docs"]) {
          const rows = yield* sql.unsafe<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${table} AS t WHERE lower(t::text) LIKE '%' || lower($1) || '%'`,
            [MARKER]
          )
          assert.strictEqual(rows[0]!.n, 0, table)
        }
        // Outside an erasure, the log is append-only still.
        const refused = yield* Effect.either(sql.unsafe("UPDATE events SET changes = '[]' WHERE sequence = 1"))
        assert.isTrue(refused._tag === "Left")
        const alsoRefused = yield* Effect.either(
          sql.withTransaction(
            Effect.zipRight(
              sql.unsafe("SELECT set_config('agency_crm.erasing', 'on', true)"),
              sql.unsafe("UPDATE events SET type = 'client.deleted' WHERE sequence = 1")
            )
          )
        )
        assert.isTrue(alsoRefused._tag === "Left", "only the change list may be rewritten, even by an erasure")
      }).pipe(
        Effect.provideService(Actor, Actor.system),
        Effect.provide(
          Crm.layer.pipe(
            Layer.provideMerge(PostgresStore.layer({ url, maxConnections: 2 })),
            Layer.provideMerge(IdGenerator.layer)
          )
        )
      )
    }).pipe(Effect.scoped)
  )
})
