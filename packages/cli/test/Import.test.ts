import { describe, expect, it } from "@effect/vitest"
import { parse } from "csv-parse/sync"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { cli, withDir } from "./support.js"

const csvOf = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>

/** The contacts a database holds, by name. */
const contactNames = async (db: string) => {
  const out = await cli(["export", "contacts", "-d", db])
  expect(out.code).toBe(0)
  return csvOf(out.stdout)
    .map((row) => row["name"])
    .sort()
}

/** A database with one organization, Acme, imported from a spreadsheet row without ids. */
const withAcme = async (dir: string) => {
  const db = join(dir, "crm.db")
  const organizations = join(dir, "organizations.csv")
  writeFileSync(organizations, "name,kind\nAcme,client\n")
  const out = await cli(["import", "organizations", organizations, "-d", db])
  expect(out.stderr).toContain("organizations: 1 rows, 1 imported")
  expect(out.code).toBe(0)
  return db
}

// Line 3: two bad cells; line 4: an unknown organization; lines 5–7: a good row with quoted line breaks; line 8:
// bytes that are not UTF-8; lines 9 and 10: one id twice with different data; line 11: a cell too many.
const contactsCsv = Buffer.concat([
  Buffer.from(
    [
      "id,name,clientId,email,isPrimary,notes",
      ",Good One,Acme,good@one.test,true,",
      ",Bad Types,Acme,not-an-email,maybe,",
      ",Nobody's,Nowhere Inc,n@nowhere.test,,",
      ',"Multi\nLine",Acme,,,"a note\nover lines"',
      ",Bad "
    ].join("\n")
  ),
  Buffer.from([0xc3, 0x28]),
  Buffer.from(
    [
      "coding,Acme,,,",
      "01a24270-0000-7000-8000-000000000001,Twin A,Acme,,false,",
      "01a24270-0000-7000-8000-000000000001,Twin B,Acme,,false,",
      ",Too Many,Acme,,,,extra",
      ""
    ].join("\n")
  )
])

describe("agency-crm import", () => {
  it("rejects each bad row by line and field, stores nothing without --partial, and the good rows with it", () =>
    withDir(async (dir) => {
      const db = await withAcme(dir)
      const file = join(dir, "contacts.csv")
      writeFileSync(file, contactsCsv)

      const refused = await cli(["import", "contacts", file, "-d", db])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain("contacts: 8 rows, 3 imported, 0 unchanged, 5 rejected")
      expect(refused.stderr).toContain("nothing stored")
      const rejects = csvOf(readFileSync(join(dir, "contacts.rejects.csv"), "utf8"))
      const at = (line: number) => rejects.filter((reject) => reject["line"] === String(line))
      expect(at(2)).toEqual([])
      expect(
        at(3)
          .map((r) => r["field"])
          .sort()
      ).toEqual(["email", "isPrimary"])
      expect(at(4)).toEqual([{ line: "4", field: "clientId", message: "no client with id or name Nowhere Inc" }])
      expect(at(5)).toEqual([])
      expect(at(8)).toEqual([{ line: "8", field: "name", message: "holds bytes that are not UTF-8 text" }])
      expect(at(9)).toEqual([])
      expect(at(10)[0]!["field"]).toBe("id")
      expect(at(10)[0]!["message"]).toContain("already exists with other data")
      expect(at(11)[0]!["message"]).toBe("has 7 cells where the header has 6")
      expect(await contactNames(db)).toEqual([])

      const kept = await cli(["import", "contacts", file, "-d", db, "--partial"])
      expect(kept.code).toBe(0)
      expect(kept.stderr).toContain("contacts: 8 rows, 3 imported, 0 unchanged, 5 rejected")
      expect(await contactNames(db)).toEqual(["Good One", "Multi\nLine", "Twin A"])
    }))

  it("checks without storing on --dry-run, and reads other headers through --map or a mapping file", () =>
    withDir(async (dir) => {
      const db = await withAcme(dir)
      const file = join(dir, "people.csv")
      writeFileSync(file, "Full name,Company,E-mail,Shoe size\nAna,acme,ana@acme.test,38\n")

      const unmapped = await cli(["import", "contacts", file, "-d", db])
      expect(unmapped.code).toBe(1)
      expect(unmapped.stderr).toContain('"Full name", "Company", "E-mail", "Shoe size" are not contacts fields')

      const dry = await cli(
        ["import", "contacts", file, "-d", db, "--dry-run"].concat([
          "--map",
          "Full name=name",
          "--map",
          "Company=clientId",
          "--map",
          "E-mail=email",
          "--map",
          "Shoe size="
        ])
      )
      expect(dry.code).toBe(0)
      expect(dry.stderr).toContain("contacts: 1 rows, 1 imported")
      expect(dry.stderr).toContain("dry run: nothing stored")
      expect(await contactNames(db)).toEqual([])

      const mapping = join(dir, "mapping.json")
      writeFileSync(
        mapping,
        JSON.stringify({ "Full name": "name", Company: "clientId", "E-mail": "email", "Shoe size": null })
      )
      const done = await cli(["import", "contacts", file, "-d", db, "--mapping", mapping])
      expect(done.code).toBe(0)
      expect(await contactNames(db)).toEqual(["Ana"])
      expect(existsSync(join(dir, "people.rejects.csv"))).toBe(false)
    }))

  it("refuses a file that is not CSV, an empty one, and a row set for a field only records have", () =>
    withDir(async (dir) => {
      const db = await withAcme(dir)
      const empty = join(dir, "empty.csv")
      writeFileSync(empty, "")
      expect((await cli(["import", "contacts", empty, "-d", db])).stderr).toContain("the file is empty")

      const broken = join(dir, "broken.csv")
      writeFileSync(broken, 'name,clientId\n"unclosed,Acme\n')
      const out = await cli(["import", "contacts", broken, "-d", db])
      expect(out.code).toBe(1)
      expect(out.stderr).toContain("not readable as CSV")

      const wide = join(dir, "wide.csv")
      writeFileSync(wide, `name,${Array.from({ length: 50 }, (_, i) => `extra${i}`).join(",")}\nAna\n`)
      const refused = await cli(["import", "contacts", wide, "-d", db])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('"extra9" and 40 more are not contacts fields')

      const status = join(dir, "tasks.csv")
      writeFileSync(status, "title,clientId,status\nCall back,Acme,done\n")
      const task = await cli(["import", "tasks", status, "-d", db])
      expect(task.code).toBe(1)
      const rejects = csvOf(readFileSync(join(dir, "tasks.rejects.csv"), "utf8"))
      expect(rejects[0]!["field"]).toBe("status")
    }))

  it("refuses a member record whose e-mail is not written as the API stores it, and takes it written so", () =>
    withDir(async (dir) => {
      const db = await withAcme(dir)
      const file = join(dir, "members.csv")
      const record = (email: string) =>
        "id,version,createdAt,updatedAt,name,email,title,role,active\n" +
        `01a24341-0000-7000-8000-000000000002,1,2026-12-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,Tom,${email},,viewer,true\n`
      writeFileSync(file, record("Tom@Agency.test"))
      const refused = await cli(["import", "members", file, "-d", db])
      expect(refused.code).toBe(1)
      expect(csvOf(readFileSync(join(dir, "members.rejects.csv"), "utf8"))).toEqual([
        { line: "2", field: "email", message: 'is stored as "tom@agency.test": write it so in a record' }
      ])

      writeFileSync(file, record("tom@agency.test"))
      const taken = await cli(["import", "members", file, "-d", db])
      expect(taken.stderr).toContain("members: 1 rows, 1 imported")
      const members = csvOf((await cli(["export", "members", "-d", db])).stdout)
      expect(members.map((m) => m["email"])).toContain("tom@agency.test")
    }))
})
