import {
  Actor,
  type ClientId,
  Clients,
  Contacts,
  Crm,
  IdGenerator,
  Interactions,
  Opportunities,
  Projects,
  Tasks,
  Team
} from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { assert, describe, it } from "@effect/vitest"
import { parse } from "csv-parse/sync"
import { Effect, Layer } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { cli, withDir } from "./support.js"

/** A small agency on a SQLite file: 30 organizations, a contact, a project with tasks. */
const seed = (filename: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const marta = yield* (yield* Team).create({ name: "Marta", email: "marta@agency.test" })
      const clients = yield* Clients
      const ids: Array<ClientId> = []
      for (let i = 0; i < 30; i++) {
        ids.push((yield* clients.create({ name: `Café "Aurora", n°${i}`, notes: i === 0 ? "two\nlines" : null })).id)
      }
      const contacts = yield* Contacts
      const ana = yield* contacts.create({ clientId: ids[0]!, name: "Ana", email: "ana@aurora.test" })
      yield* contacts.update(ana.id, { phone: "+34 600 000 000" })
      yield* contacts.create({ clientId: ids[0]!, name: "Ben" })
      const interactions = yield* Interactions
      yield* interactions.log({ clientId: ids[0]!, contactId: ana.id, kind: "call", summary: "Called Ana" })
      yield* interactions.log({ clientId: ids[0]!, kind: "note", summary: "Not about Ana" })
      yield* (yield* Opportunities).create({
        name: "Ana's deal",
        clientId: ids[0]!,
        contactId: ana.id,
        ownerId: marta.id
      })
      const project = yield* (yield* Projects).create({
        clientId: ids[0]!,
        name: "Local SEO",
        campaignType: "seo",
        managerId: marta.id,
        objectives: ["rank", "grow"]
      })
      yield* (yield* Tasks).create({ projectId: project.id, title: "Audit" })
      return { ana }
    }).pipe(
      Effect.provideService(Actor, Actor.system),
      Effect.provide(
        Crm.layer.pipe(Layer.provideMerge(SqliteStore.layer({ filename })), Layer.provideMerge(IdGenerator.layer))
      )
    )
  )

describe("agency-crm export", () => {
  it("writes every record as CSV, JSON or NDJSON, streamed, to a file, stdout or one file per kind", () =>
    withDir(async (dir) => {
      const database = join(dir, "crm.db")
      const { ana } = await seed(database)
      const csvFile = join(dir, "organizations.csv")
      const csv = await cli(["export", "organizations", "--output", csvFile, "--database", database])
      assert.strictEqual(csv.code, 0, csv.stderr)
      const rows = parse(readFileSync(csvFile), { columns: true }) as Array<Record<string, string>>
      assert.strictEqual(rows.length, 30)
      assert.strictEqual(rows[0]!["name"], 'Café "Aurora", n°0')
      assert.strictEqual(rows[0]!["notes"], "two\nlines")
      assert.strictEqual(rows[1]!["notes"], "")
      assert.include(Object.keys(rows[0]!), "id")

      const json = await cli(["export", "tasks", "--format", "json", "--database", database])
      assert.strictEqual(json.code, 0, json.stderr)
      const tasks = JSON.parse(json.stdout) as Array<{ title: string }>
      assert.deepStrictEqual(
        tasks.map((t) => t.title),
        ["Audit"]
      )

      const all = await cli([
        "export",
        "all",
        "--format",
        "ndjson",
        "--output",
        join(dir, "all"),
        "--database",
        database
      ])
      assert.strictEqual(all.code, 0, all.stderr)
      const lines = (kind: string) =>
        readFileSync(join(dir, "all", `${kind}.ndjson`), "utf8")
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as Record<string, unknown>)
      assert.strictEqual(lines("organizations").length, 30)
      assert.strictEqual(lines("contacts")[0]!["email"], "ana@aurora.test")
      assert.deepStrictEqual(
        lines("opportunities").map((o) => o["name"]),
        ["Ana's deal"]
      )
      assert.strictEqual(lines("tasks").length, 1)

      const refused = await cli(["export", "all", "--database", database])
      assert.strictEqual(refused.code, 1)
      assert.include(refused.stderr, "--output")
      const unknown = await cli(["export", "invoices", "--database", database])
      assert.strictEqual(unknown.code, 1)

      // A person's data: their record, the interactions with them, their opportunities, their history.
      const person = await cli(["gdpr", "export", ana.id, "--database", database])
      assert.strictEqual(person.code, 0, person.stderr)
      const document = JSON.parse(person.stdout) as {
        contact: { email: string; phone: string }
        interactions: Array<{ summary: string }>
        opportunities: Array<{ name: string }>
        history: Array<{ type: string }>
      }
      assert.strictEqual(document.contact.email, "ana@aurora.test")
      assert.strictEqual(document.contact.phone, "+34 600 000 000")
      assert.deepStrictEqual(
        document.interactions.map((i) => i.summary),
        ["Called Ana"]
      )
      assert.deepStrictEqual(
        document.opportunities.map((o) => o.name),
        ["Ana's deal"]
      )
      assert.deepStrictEqual(
        document.history.map((e) => e.type),
        ["contact.created", "contact.updated"]
      )
      const nobody = await cli(["gdpr", "export", "00000000-0000-7000-8000-000000000000", "--database", database])
      assert.strictEqual(nobody.code, 1)
      assert.include(nobody.stderr, "was not found")
      const notAnId = await cli(["gdpr", "export", "ana", "--database", database])
      assert.strictEqual(notAnId.code, 1)
      assert.include(notAnId.stderr, "is not a contact id")
    }))
})
