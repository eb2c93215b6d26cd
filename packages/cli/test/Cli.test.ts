import { assert, describe, it } from "@effect/vitest"
import Database from "better-sqlite3"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { cli, withDir } from "./support.js"

describe("agency-crm", () => {
  it("has --help on every command", async () => {
    const commands: ReadonlyArray<ReadonlyArray<string>> = [
      [],
      ["migrate"],
      ["backup"],
      ["restore"],
      ["import"],
      ["export"],
      ["gdpr", "export"],
      ["gdpr", "erase"]
    ]
    for (const command of commands) {
      const { code, stdout } = await cli([...command, "--help"])
      assert.strictEqual(code, 0, command.join(" "))
      assert.include(stdout, "USAGE")
      assert.include(stdout, command.length === 0 ? "COMMANDS" : `$ ${command[command.length - 1]} `)
      assert.include(stdout, "--database")
    }
    const importHelp = await cli(["import", "--help"])
    for (const option of ["--map", "--mapping", "--dry-run", "--partial"]) assert.include(importHelp.stdout, option)
    const root = await cli(["--help"])
    for (const command of ["migrate", "backup", "restore", "import", "export", "gdpr"]) {
      assert.include(root.stdout, command)
    }
  })

  it("migrate --check reports a missing, a pending and a newer schema with status 1, a current one with 0", () =>
    withDir(async (dir) => {
      const database = join(dir, "crm.db")
      const missing = await cli(["migrate", "--check", "--database", database])
      assert.strictEqual(missing.code, 1)
      assert.include(missing.stderr, "no database yet")
      const applied = await cli(["migrate", "--database", database])
      assert.strictEqual(applied.code, 0, applied.stderr)
      assert.match(applied.stdout, /migrated from schema version 0 to \d+/)
      const current = await cli(["migrate", "--check"], { CRM_DB_FILE: database })
      assert.strictEqual(current.code, 0, current.stderr)
      assert.include(current.stdout, "current")
      const db = new Database(database)
      db.prepare("INSERT INTO effect_sql_migrations (migration_id, name) VALUES (999, 'future')").run()
      db.close()
      const newer = await cli(["migrate", "--check", "--database", database])
      assert.strictEqual(newer.code, 1)
      assert.include(newer.stderr, "newer than")
      const refused = await cli(["migrate", "--database", database])
      assert.strictEqual(refused.code, 1)
    }))

  it("backup copies the database while it is written, consistently; restore puts it back and refuses what is unsafe", () =>
    withDir(async (dir) => {
      const database = join(dir, "crm.db")
      assert.strictEqual((await cli(["migrate", "--database", database])).code, 0)
      // A writer appending events in batches the whole time the backup runs.
      const writer = new Database(database)
      writer.pragma("journal_mode = WAL")
      const append = writer.prepare(
        `INSERT INTO events (occurredAt, actorId, type, entityType, entityId, clientId, projectId, assigneeId, changes)
          VALUES (?, NULL, 'client.created', 'client', ?, NULL, NULL, NULL, '[]')`
      )
      const batch = writer.transaction((n: number) => {
        for (let i = 0; i < 200; i++) append.run(Date.now(), `client-${n}-${i}`)
      })
      let n = 0
      batch(n++)
      const timer = setInterval(() => batch(n++), 2)
      const copy = join(dir, "copy.db")
      const backedUp = await cli(["backup", copy, "--database", database])
      clearInterval(timer)
      assert.strictEqual(backedUp.code, 0, backedUp.stderr)
      assert.include(backedUp.stdout, "integrity ok")
      const copied = new Database(copy, { readonly: true })
      const sequences = copied.prepare("SELECT sequence FROM events ORDER BY sequence").pluck().all() as Array<number>
      assert.strictEqual(copied.pragma("integrity_check", { simple: true }), "ok")
      copied.close()
      // A consistent copy: the log up to some point, with no gap and no half-written batch.
      assert.isAbove(sequences.length, 0)
      assert.deepStrictEqual(
        sequences,
        Array.from({ length: sequences.length }, (_, i) => i + 1)
      )
      assert.strictEqual(sequences.length % 200, 0)

      const again = await cli(["backup", copy, "--database", database])
      assert.strictEqual(again.code, 1)
      assert.include(again.stderr, "--force")

      const restored = join(dir, "restored.db")
      const put = await cli(["restore", copy, "--database", restored])
      assert.strictEqual(put.code, 0, put.stderr)
      const back = new Database(restored, { readonly: true })
      assert.strictEqual(back.prepare("SELECT COUNT(*) FROM events").pluck().get(), sequences.length)
      back.close()

      assert.strictEqual((await cli(["restore", copy, "--database", restored])).code, 1, "an existing target")
      // The writer's open transaction holds the database: a restore over it is refused even with --force.
      writer.exec("BEGIN IMMEDIATE")
      const inUse = await cli(["restore", copy, "--database", database, "--force"])
      writer.exec("ROLLBACK")
      writer.close()
      assert.strictEqual(inUse.code, 1)
      assert.include(inUse.stderr, "in use")
      const junk = join(dir, "junk.db")
      writeFileSync(junk, "not a database at all")
      const notADatabase = await cli(["restore", junk, "--database", join(dir, "other.db")])
      assert.strictEqual(notADatabase.code, 1)
      assert.include(notADatabase.stderr, "cannot be read as a SQLite database")
    }))

  it("refuses backup and restore of a PostgreSQL database, pointing to pg_dump", async () => {
    const { code, stderr } = await cli(["backup", "/tmp/never.db", "--database", "postgres://nobody@127.0.0.1:1/none"])
    assert.strictEqual(code, 1)
    assert.include(stderr, "pg_dump")
  })
})
