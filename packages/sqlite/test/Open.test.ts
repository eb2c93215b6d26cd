import {
  ApiKeys,
  TeamMemberId,
  Actor,
  Clients,
  EventLog,
  Projects,
  Search,
  Tasks,
  Team,
  ClientRepository,
  DEFAULT_MARKETS,
  Tracking,
  LocalDate,
  ClientId,
  TeamMemberRepository,
  Opportunities,
  OpportunityId,
  Interactions
} from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { Migrator, SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import * as Reactivity from "@effect/experimental/Reactivity"
import Database from "better-sqlite3"
import { Effect, Layer } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { LATEST_MIGRATION, SqliteStore } from "../src/index.js"
import initial from "../src/migrations/0001_initial.js"
import search from "../src/migrations/0002_search.js"
import access from "../src/migrations/0003_access.js"
import idempotency from "../src/migrations/0004_idempotency.js"
import referenceIndexes from "../src/migrations/0005_reference_indexes.js"
import sales from "../src/migrations/0006_sales.js"
import reportIndexes from "../src/migrations/0007_report_indexes.js"
import { asSystem, servicesOn, tempDir } from "./support.js"

const pragma = (name: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(sql.unsafe<Record<string, unknown>>(`PRAGMA ${name}`), (rows) => Object.values(rows[0] ?? {})[0])
  )

// The migrations in order, so a test can write a database as an older release left it.
const shipped = {
  "0001_initial": initial,
  "0002_search": search,
  "0003_access": access,
  "0004_idempotency": idempotency,
  "0005_reference_indexes": referenceIndexes,
  "0006_sales": sales,
  "0007_report_indexes": reportIndexes
}

/** Writes `file` as the release whose newest migration is number `upTo` would have, holding `rows`. */
const writtenAt = (file: string, upTo: number, rows: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const sql = yield* SqliteClient.make({ filename: file })
    const older = Object.fromEntries(Object.entries(shipped).filter(([id]) => Number.parseInt(id, 10) <= upTo))
    yield* Migrator.make({})({ loader: Migrator.fromRecord(older) }).pipe(
      Effect.provideService(SqlClient.SqlClient, sql)
    )
    for (const row of rows) yield* sql.unsafe(row)
  }).pipe(Effect.provide(Reactivity.layer), Effect.scoped)

describe("opening a SQLite store", () => {
  it.scoped("sets and keeps WAL, foreign keys, busy timeout and synchronous=FULL by default", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const check = (options: SqliteStore.SqliteStoreOptions, synchronous: number) =>
        Effect.gen(function* () {
          assert.strictEqual(yield* pragma("journal_mode"), "wal")
          assert.strictEqual(yield* pragma("foreign_keys"), 1)
          assert.strictEqual(yield* pragma("busy_timeout"), 10_000)
          assert.strictEqual(yield* pragma("synchronous"), synchronous)
        }).pipe(Effect.provide(SqliteStore.layer(options)))
      yield* check({ filename: join(dir, "full.db") }, 2)
      yield* check({ filename: join(dir, "normal.db"), synchronous: "NORMAL" }, 1)
    })
  )

  it.scoped("keeps everything across closing and reopening the file", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "crm.db")
      const written = yield* asSystem(
        Effect.gen(function* () {
          const marta = yield* (yield* Team).create({ name: "Marta", email: "marta@agency.test" })
          const client = yield* (yield* Clients).create({ name: "Gestión Integral" })
          const project = yield* (yield* Projects).create({
            clientId: client.id,
            name: "Local SEO",
            campaignType: "seo",
            managerId: marta.id
          })
          const task = yield* (yield* Tasks).create({ projectId: project.id, title: "Audit", assigneeId: marta.id })
          yield* (yield* Tasks).transition(task.id, "in_progress")
          return { task, latest: yield* (yield* EventLog).latestSequence }
        })
      ).pipe(Effect.provide(servicesOn(file)))

      yield* asSystem(
        Effect.gen(function* () {
          const task = yield* (yield* Tasks).get(written.task.id)
          assert.strictEqual(task.status, "in_progress")
          assert.strictEqual(task.version, 2)
          const log = yield* EventLog
          assert.strictEqual(yield* log.latestSequence, written.latest)
          const hits = yield* (yield* Search).search({ q: "gestion" })
          assert.strictEqual(hits.items[0]?.title, "Gestión Integral")
          yield* (yield* Tasks).update(task.id, { title: "Audit (SEO)" })
          assert.strictEqual(yield* log.latestSequence, written.latest + 1)
        })
      ).pipe(Effect.provide(servicesOn(file)))
    })
  )

  it.scoped("refuses a file that is not a SQLite database and leaves it byte-for-byte unchanged", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "notes.db")
      writeFileSync(file, "These are meeting notes, not a database.\n".repeat(200))
      const before = readFileSync(file)
      const error = yield* Effect.flip(Layer.build(SqliteStore.layer({ filename: file })))
      assert.strictEqual(error._tag, "NotASqliteDatabase")
      assert.include(error.message, "is not a SQLite database")
      assert.isTrue(readFileSync(file).equals(before))
    })
  )

  it.scoped("refuses a database written by a newer schema and leaves it byte-for-byte unchanged", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "future.db")
      yield* Effect.provide(Effect.void, SqliteStore.layer({ filename: file }))
      const db = new Database(file)
      db.prepare("INSERT INTO effect_sql_migrations (migration_id, name) VALUES (?, ?)").run(
        LATEST_MIGRATION + 7,
        "future"
      )
      db.close()
      const before = readFileSync(file)
      const error = yield* Effect.flip(Layer.build(SqliteStore.layer({ filename: file })))
      assert.strictEqual(error._tag, "DatabaseTooNew")
      if (error._tag === "DatabaseTooNew") {
        assert.strictEqual(error.found, LATEST_MIGRATION + 7)
        assert.strictEqual(error.supported, LATEST_MIGRATION)
      }
      assert.include(error.message, "newer")
      assert.isTrue(readFileSync(file).equals(before))
    })
  )

  it.scoped("a path in a missing directory fails with DatabaseOpenFailed naming the file", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "missing", "crm.db")
      const error = yield* Effect.flip(Layer.build(SqliteStore.layer({ filename: file })))
      assert.strictEqual(error._tag, "DatabaseOpenFailed")
      assert.strictEqual(error.filename, file)
      assert.include(error.message, file)
    })
  )

  it.scoped("upgrades a database from the first migration and keeps (and indexes) its data", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "v1.db")
      // A database as the first release left it: only migration 0001, with data in it.
      const client = { id: ClientId.make("00000000-0000-7000-8000-000000000001") }
      // Written as that release wrote its rows (today's row codec has columns it did not).
      yield* Effect.gen(function* () {
        const sql = yield* SqliteClient.make({ filename: file })
        yield* Migrator.make({})({ loader: Migrator.fromRecord({ "0001_initial": initial }) }).pipe(
          Effect.provideService(SqlClient.SqlClient, sql)
        )
        yield* sql.unsafe(
          `INSERT INTO clients (id, name, nameKey, kind, notes, version, createdAt, updatedAt)
           VALUES (?, 'Gestión Integral', 'gestión integral', 'client', 'Campaña de verano', 1, 0, 0)`,
          [client.id]
        )
      }).pipe(Effect.provide(Reactivity.layer), Effect.scoped)

      const reopened = yield* Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const migrated = yield* sql<{ id: number }>`SELECT MAX(migration_id) AS id FROM effect_sql_migrations`
        const found = yield* Effect.flatMap(ClientRepository, (repo) => repo.findById(client.id))
        const hits = yield* Effect.flatMap(Search, (s) => s.search({ q: "campana" }))
        const members = yield* Effect.flatMap(TeamMemberRepository, (repo) => repo.count({}))
        return { migrated: migrated[0]?.id, found, hits, members }
      }).pipe(Effect.provide(servicesOn(file)), Effect.provideService(Actor, Actor.system))
      assert.strictEqual(reopened.migrated, LATEST_MIGRATION)
      assert.strictEqual(reopened.found._tag, "Some")
      assert.deepStrictEqual(
        reopened.hits.items.map((h) => h.entityId),
        [client.id]
      )
      assert.strictEqual(reopened.members, 0)
    })
  )
  it.scoped(
    "upgrades a database from migration 2: members become `member`, and the first admin can be bootstrapped",
    () =>
      Effect.gen(function* () {
        const file = join(yield* tempDir, "v2.db")
        yield* Effect.gen(function* () {
          const client = yield* SqliteClient.make({ filename: file })
          yield* Migrator.make({})({
            loader: Migrator.fromRecord({ "0001_initial": initial, "0002_search": search })
          }).pipe(Effect.provideService(SqlClient.SqlClient, client))
          yield* client.unsafe(
            `INSERT INTO team_members (id, name, nameKey, email, title, active, version, createdAt, updatedAt)
           VALUES ('00000000-0000-7000-8000-000000000001', 'Old Hand', 'old hand', 'old@agency.test', NULL, 1, 1, 0, 0)`
          )
        }).pipe(Effect.provide(Reactivity.layer), Effect.scoped)

        const upgraded = yield* Effect.gen(function* () {
          const member = yield* Effect.flatMap(Team, (t) =>
            t.get(TeamMemberId.make("00000000-0000-7000-8000-000000000001"))
          )
          const keys = yield* ApiKeys
          const made = yield* keys.bootstrap()
          const secret = made._tag === "Some" ? made.value.apiKey.secret : ""
          const who = yield* keys.authenticate(secret)
          return { role: member.role, adminRole: who.member.role }
        }).pipe(Effect.provide(servicesOn(file)), Effect.provideService(Actor, Actor.system))
        assert.deepStrictEqual(upgraded, { role: "member", adminRole: "admin" })
      })
  )
  it.scoped("upgrades a database from migration 5: its tasks keep their project, search and order; sales work", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "v5.db")
      yield* writtenAt(file, 5, [
        `INSERT INTO team_members (id, name, nameKey, email, title, active, role, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000001', 'Marta', 'marta', 'marta@agency.test', NULL, 1, 'admin', 1, 0, 0)`,
        `INSERT INTO clients (id, name, nameKey, kind, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000002', 'Acme', 'acme', 'client', 1, 0, 0)`,
        `INSERT INTO projects (id, clientId, name, nameKey, campaignType, objectives, managerId, status, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000003', '00000000-0000-7000-8000-000000000002', 'SEO', 'seo', 'seo', '[]',
              '00000000-0000-7000-8000-000000000001', 'active', 1, 0, 0)`,
        `INSERT INTO tasks (id, projectId, clientId, title, titleKey, status, priority, priorityRank, assigneeId, dueDate, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000004', '00000000-0000-7000-8000-000000000003',
              '00000000-0000-7000-8000-000000000002', 'Keyword research', 'keyword research', 'todo', 'high', 2,
              '00000000-0000-7000-8000-000000000001', '2026-01-10', 1, 0, 0)`
      ])

      const upgraded = yield* Effect.gen(function* () {
        const tasks = yield* Tasks
        const [task] = (yield* tasks.list({})).items
        const hits = yield* Effect.flatMap(Search, (s) => s.search({ q: "keyword" }))
        const overdue = yield* Effect.flatMap(Tracking, (t) => t.overdue({ today: LocalDate.make("2026-02-01") }))
        // A task for the organization alone, which the old table refused.
        const loose = yield* tasks.create({ clientId: task!.clientId, title: "Call back" })
        const looseHits = yield* Effect.flatMap(Search, (s) => s.search({ q: "call back" }))
        const market = yield* Effect.flatMap(Clients, (c) =>
          c.update(task!.clientId, { marketId: DEFAULT_MARKETS[0]!.id as never })
        )
        return { task, hits, overdue, loose, looseHits, market }
      }).pipe(Effect.provide(servicesOn(file)), Effect.provideService(Actor, Actor.system))
      assert.strictEqual(upgraded.task?.projectId, "00000000-0000-7000-8000-000000000003")
      assert.isNull(upgraded.task?.opportunityId)
      assert.strictEqual(upgraded.task?.priority, "high")
      assert.deepStrictEqual(
        upgraded.hits.items.map((h) => h.entityId),
        [upgraded.task!.id]
      )
      assert.deepStrictEqual(
        upgraded.overdue.items.map((t) => t.id),
        [upgraded.task!.id]
      )
      assert.isNull(upgraded.loose.projectId)
      assert.deepStrictEqual(
        upgraded.looseHits.items.map((h) => h.entityId),
        [upgraded.loose.id]
      )
      assert.strictEqual(upgraded.market.marketId, DEFAULT_MARKETS[0]!.id)
    })
  )
  it.scoped(
    "upgrades a database from migration 7: projects take their activation and cancellation from the log, opportunities the stages they reached",
    () =>
      Effect.gen(function* () {
        const file = join(yield* tempDir, "v7.db")
        const project = (n: number, status: string) =>
          `INSERT INTO projects (id, clientId, name, nameKey, campaignType, objectives, managerId, status, version, createdAt, updatedAt)
          VALUES ('00000000-0000-7000-8000-00000000001${n}', '00000000-0000-7000-8000-000000000002', 'P${n}', 'p${n}', 'seo',
            '[]', '00000000-0000-7000-8000-000000000001', '${status}', 1, 0, 0)`
        const statusChange = (n: number, at: number, before: string, after: string) =>
          `INSERT INTO events (occurredAt, actorId, type, entityType, entityId, clientId, projectId, assigneeId, changes)
          VALUES (${at}, NULL, 'project.status_changed', 'project', '00000000-0000-7000-8000-00000000001${n}',
            '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-00000000001${n}', NULL,
            '[{"field":"version","before":1,"after":2},{"field":"status","before":"${before}","after":"${after}"}]')`
        yield* writtenAt(file, 7, [
          `INSERT INTO team_members (id, name, nameKey, email, title, active, role, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000001', 'Marta', 'marta', 'marta@agency.test', NULL, 1, 'admin', 1, 0, 0)`,
          `INSERT INTO clients (id, name, nameKey, kind, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000002', 'Acme', 'acme', 'client', 1, 0, 0)`,
          project(1, "planned"),
          project(2, "active"),
          statusChange(2, 1000, "planned", "active"),
          statusChange(2, 2000, "active", "on_hold"),
          statusChange(2, 3000, "on_hold", "active"),
          project(3, "cancelled"),
          statusChange(3, 4000, "planned", "cancelled"),
          `INSERT INTO opportunities (id, name, nameKey, clientId, ownerId, stage, probability, stageChangedAt, version, createdAt, updatedAt)
            VALUES ('00000000-0000-7000-8000-000000000021', 'Deal', 'deal', '00000000-0000-7000-8000-000000000002',
              '00000000-0000-7000-8000-000000000001', 'presentation', 25, 400, 4, 100, 400)`,
          ...[
            ["1", "created", "NULL", "'interest'", 100],
            ["2", "closed", "'interest'", "'rejected'", 200],
            ["3", "reopened", "'rejected'", "'interest'", 300],
            ["4", "advanced", "'interest'", "'presentation'", 400]
          ].map(
            ([n, kind, from, to, at]) =>
              `INSERT INTO stage_changes (id, opportunityId, clientId, kind, fromStage, toStage, changedAt, version, createdAt, updatedAt)
                VALUES ('00000000-0000-7000-8000-00000000003${n}', '00000000-0000-7000-8000-000000000021',
                  '00000000-0000-7000-8000-000000000002', '${kind}', ${from}, ${to}, ${at}, 1, ${at}, ${at})`
          ),
          // Feedback and a note come first, but the first contact is the earliest conversation: the call.
          ...[
            ["1", "feedback", "inbound", 50],
            ["2", "note", "internal", 60],
            ["3", "call", "inbound", 70],
            ["4", "email", "outbound", 80]
          ].map(
            ([n, kind, direction, at]) =>
              `INSERT INTO interactions (id, clientId, kind, direction, occurredAt, summary, version, createdAt, updatedAt)
                VALUES ('00000000-0000-7000-8000-00000000004${n}', '00000000-0000-7000-8000-000000000002', '${kind}',
                  '${direction}', ${at}, '${kind}', 1, ${at}, ${at})`
          )
        ])

        const [upgraded, deal, first] = yield* Effect.all([
          Effect.flatMap(Projects, (projects) => projects.list({ sortBy: "name", order: "asc" })),
          Effect.flatMap(Opportunities, (opportunities) =>
            opportunities.get(OpportunityId.make("00000000-0000-7000-8000-000000000021"))
          ),
          Effect.flatMap(Interactions, (interactions) => interactions.list({ firstContact: true }))
        ]).pipe(Effect.provide(servicesOn(file)), Effect.provideService(Actor, Actor.system))
        // Reached in the order of the stages, each once, whatever the order of the history.
        assert.deepStrictEqual(deal.reachedStages, ["interest", "presentation", "rejected"])
        assert.deepStrictEqual(
          first.items.map((i) => i.kind),
          ["call"]
        )
        assert.deepStrictEqual(
          upgraded.items.map((p) => [p.name, p.activatedAt?.epochMillis ?? null, p.cancelledAt?.epochMillis ?? null]),
          [
            ["P1", null, null],
            ["P2", 1000, null],
            ["P3", null, 4000]
          ]
        )
      })
  )
})
