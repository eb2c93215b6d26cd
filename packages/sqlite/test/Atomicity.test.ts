import { EventLog, Interactions, Search, type TeamMemberId, Team } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { join } from "node:path"
import { aProject, asSystem, servicesOn, tempDir } from "./support.js"

describe("atomic writes on SQLite", () => {
  it.scoped("a write failing half-way rolls back the entity, its search entry and its events together", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "atomic.db")
      const outcome = yield* asSystem(
        Effect.gen(function* () {
          const { client, project } = yield* aProject
          const log = yield* EventLog
          const before = yield* log.latestSequence
          // The interaction row (and, through its trigger, its search entry) is written before the
          // follow-up task fails on its unknown assignee.
          const error = yield* Effect.flip(
            (yield* Interactions).log({
              clientId: client.id,
              projectId: project.id,
              kind: "call",
              summary: "Zeppelin launch party",
              followUp: { title: "Book the venue", assigneeId: "00000000-0000-7000-8000-0000000000ff" as TeamMemberId }
            })
          )
          const sql = yield* SqlClient.SqlClient
          const rows = yield* sql<{ n: number }>`SELECT
            (SELECT COUNT(*) FROM interactions) + (SELECT COUNT(*) FROM tasks) AS n`
          return {
            error,
            rows: rows[0]?.n,
            hits: (yield* (yield* Search).search({ q: "zeppelin" })).items.length,
            venue: (yield* (yield* Search).search({ q: "venue" })).items.length,
            before,
            after: yield* log.latestSequence
          }
        })
      ).pipe(Effect.provide(servicesOn(file)))
      assert.strictEqual(outcome.error._tag, "ReferencedEntityMissing")
      assert.strictEqual(outcome.rows, 0)
      assert.strictEqual(outcome.hits, 0)
      assert.strictEqual(outcome.venue, 0)
      assert.strictEqual(outcome.after, outcome.before)
    })
  )

  it.scoped("the event log is append-only in the database itself", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "log.db")
      const refused = yield* Effect.gen(function* () {
        yield* asSystem(Effect.flatMap(Team, (team) => team.create({ name: "Marta", email: "marta@agency.test" })))
        const sql = yield* SqlClient.SqlClient
        const update = yield* Effect.flip(sql`UPDATE events SET type = 'forged'`)
        const changes = yield* Effect.flip(sql`UPDATE events SET changes = '[]'`)
        const remove = yield* Effect.flip(sql`DELETE FROM events`)
        // Even while an erasure holds the guard open, only the change list may be rewritten.
        const during = yield* Effect.flip(
          sql.withTransaction(
            Effect.zipRight(
              sql`INSERT INTO erasure_in_progress (id) VALUES (1)`,
              sql`UPDATE events SET entityId = 'forged', changes = '[]'`
            )
          )
        )
        const count = yield* sql<{ n: number }>`SELECT COUNT(*) AS n FROM events`
        return {
          update: String(update.cause),
          changes: String(changes.cause),
          remove: String(remove.cause),
          during: String(during.cause),
          count: count[0]?.n
        }
      }).pipe(Effect.provide(servicesOn(file)))
      assert.include(refused.update, "append-only")
      assert.include(refused.changes, "append-only")
      assert.include(refused.during, "append-only")
      assert.include(refused.remove, "append-only")
      assert.strictEqual(refused.count, 1)
    })
  )
})
