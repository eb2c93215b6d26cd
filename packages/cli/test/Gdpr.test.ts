import {
  Actor,
  Clients,
  Contacts,
  Crm,
  IdGenerator,
  Interactions,
  Opportunities,
  Team,
  Timeline
} from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { cli, withDir } from "./support.js"

const MARKER = "Zqxmarker"

const layerOn = (filename: string) =>
  Crm.layer.pipe(Layer.provideMerge(SqliteStore.layer({ filename })), Layer.provideMerge(IdGenerator.layer))

/** A contact with the marker in every personal field, named in an interaction, an opportunity and a follow-up task,
 * with a history of changes; another contact without it. */
const seed = (filename: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const marta = yield* (yield* Team).create({ name: "Marta", email: "marta@agency.test" })
      const client = yield* (yield* Clients).create({ name: "Acme" })
      const contacts = yield* Contacts
      const person = yield* contacts.create({
        clientId: client.id,
        name: `Ana ${MARKER}`,
        email: `ana.${MARKER.toLowerCase()}@acme.test`,
        phone: `+34 ${MARKER}`,
        notes: `Likes ${MARKER} coffee`
      })
      yield* contacts.update(person.id, { position: `Head of ${MARKER}`, notes: `Prefers ${MARKER} tea` })
      const other = yield* contacts.create({ clientId: client.id, name: "Ben Other" })
      yield* (yield* Interactions).log({
        clientId: client.id,
        contactId: person.id,
        kind: "call",
        summary: `Called Ana ${MARKER} about the launch`,
        nextStep: `Brief Ana ${MARKER}`,
        followUp: { title: `Send Ana ${MARKER} the brief`, assigneeId: marta.id }
      })
      yield* (yield* Interactions).log({ clientId: client.id, contactId: other.id, kind: "note", summary: "Kept" })
      yield* (yield* Opportunities).create({
        name: `Deal with Ana ${MARKER}`,
        clientId: client.id,
        contactId: person.id,
        ownerId: marta.id
      })
      return { person: person.id, other: other.id }
    }).pipe(Effect.provideService(Actor, Actor.system), Effect.provide(layerOn(filename)))
  )

/** Every file of the database (main file, write-ahead log), read as bytes. */
const databaseBytes = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.startsWith("crm.db"))
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }))

describe("agency-crm gdpr", () => {
  it("exports a person's data, then erases it from the records, the history, the search index and the files", () =>
    withDir(async (dir) => {
      const db = join(dir, "crm.db")
      const { other, person } = await seed(db)

      const exported = await cli(["gdpr", "export", person, "-d", db])
      expect(exported.code).toBe(0)
      const document = JSON.parse(exported.stdout)
      expect(document.contact.name).toBe(`Ana ${MARKER}`)
      expect(document.interactions).toHaveLength(1)
      expect(document.opportunities).toHaveLength(1)
      expect(document.history.length).toBeGreaterThanOrEqual(2)

      const erased = await cli(["gdpr", "erase", person, "-d", db])
      expect(erased.stderr).toContain("erased name, email, phone, position, notes")
      expect(erased.code).toBe(0)
      expect(erased.stderr).toContain("write-ahead log checkpointed and truncated")

      // Not in the files: the main database and the write-ahead log, byte for byte.
      const files = databaseBytes(dir)
      expect(files.map((file) => file.name)).toContain("crm.db")
      for (const file of files) {
        expect(file.bytes.includes(Buffer.from(MARKER)), file.name).toBe(false)
        expect(file.bytes.includes(Buffer.from(MARKER.toLowerCase())), file.name).toBe(false)
      }

      // Not in any export, in any format.
      for (const format of ["csv", "json", "ndjson"]) {
        const out = await cli(["export", "all", "-d", db, "--format", format, "-o", join(dir, `out-${format}`)])
        expect(out.code).toBe(0)
        for (const name of readdirSync(join(dir, `out-${format}`))) {
          expect(readFileSync(join(dir, `out-${format}`, name), "utf8")).not.toMatch(new RegExp(MARKER, "i"))
        }
      }
      const after = await cli(["gdpr", "export", person, "-d", db])
      expect(after.stdout).not.toMatch(new RegExp(MARKER, "i"))
      const kept = JSON.parse(after.stdout)
      expect(kept.contact.name).toBe("Erased contact")
      expect(kept.contact.email).toBeNull()
      expect(kept.interactions[0].summary).toBe("Called [erased] about the launch")
      expect(kept.opportunities[0].name).toBe("Deal with [erased]")
      // The history keeps that changes happened, and records the erasure without the data.
      const types = kept.history.map((event: { type: string }) => event.type)
      expect(types).toEqual(["contact.created", "contact.updated", "contact.erased"])
      const erasedEvent = kept.history[2]
      expect(erasedEvent.changes.map((change: { field: string }) => change.field)).toEqual([
        "name",
        "email",
        "phone",
        "position",
        "notes"
      ])

      // The service's own views agree: search finds nothing, the timeline holds no trace; the other contact is whole.
      await Effect.runPromise(
        Effect.gen(function* () {
          const contacts = yield* Contacts
          expect((yield* contacts.get(other as never)).name).toBe("Ben Other")
          const timeline = yield* (yield* Timeline).client((yield* contacts.get(other as never)).clientId)
          expect(JSON.stringify(timeline)).not.toMatch(new RegExp(MARKER, "i"))
        }).pipe(Effect.provideService(Actor, Actor.system), Effect.provide(layerOn(db)))
      )

      // Erasing again finds nothing left to erase.
      const again = await cli(["gdpr", "erase", person, "-d", db])
      expect(again.code).toBe(0)
      expect(again.stderr).toContain("erased nothing (already erased)")
      expect(existsSync(db)).toBe(true)
    }))

  it("refuses an id that is not a contact's, and a contact that does not exist", () =>
    withDir(async (dir) => {
      const db = join(dir, "crm.db")
      await seed(db)
      const malformed = await cli(["gdpr", "erase", "nobody", "-d", db])
      expect(malformed.code).toBe(1)
      expect(malformed.stderr).toContain("nobody is not a contact id")
      const missing = await cli(["gdpr", "erase", "01a24270-0000-7000-8000-0000000000ff", "-d", db])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain("was not found")
    }))
})
