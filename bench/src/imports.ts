import { parse } from "csv-parse"
import { execFileSync, spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import {
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync
} from "node:fs"
import { join } from "node:path"
import { openRaw } from "./raw.js"

// Imports through the agency-crm command (validation, events and search index included), against raw bulk inserts
// of the same rows (csv-parse and one prepared INSERT per row in one transaction, into the same schema and its
// search triggers), and the command's peak memory as the file grows.

const root = join(import.meta.dirname, "..", "..")
const CLI = join(root, "packages", "cli", "dist", "main.js")
const ORGANIZATIONS = 1_000

/** One measured import. */
export interface ImportRow {
  readonly kind: "contacts" | "opportunities"
  readonly rows: number
  readonly commandRowsPerSecond: number
  readonly rawRowsPerSecond: number
  readonly peakRssMb: number
}

/** Peak memory of the runs at each size. */
export interface RssRow {
  readonly rows: number
  readonly peakRssMb: number
}

const writeCsv = (file: string, header: string, rows: number, line: (i: number) => string) => {
  const fd = openSync(file, "w")
  let chunk = `${header}\n`
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk)
      chunk = ""
    }
  }
  writeSync(fd, chunk)
  closeSync(fd)
}

const contactLine = (i: number) =>
  `Person ${i},Org ${i % ORGANIZATIONS},person${i}@example.test,+34 600 ${String(i).padStart(6, "0")},"Met at fair ${i}, hall B"`
const opportunityLine = (i: number) =>
  `Deal ${i},Org ${i % ORGANIZATIONS},owner@agency.test,2027-0${1 + (i % 9)}-15,"Follow-up from fair ${i}"`

/** Runs the command; resolves with its peak RSS in MiB (reported by the process itself at exit). */
const command = (args: ReadonlyArray<string>, dir: string) =>
  new Promise<number>((resolve, reject) => {
    const report = join(dir, "rss.mjs")
    const out = join(dir, "rss.txt")
    writeFileSync(
      report,
      `import { writeFileSync } from "node:fs"\nprocess.on("exit", () => writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)))\n`
    )
    const child = spawn(process.execPath, ["--import", report, CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] })
    let err = ""
    child.stderr.on("data", (c: Buffer) => (err += c.toString()))
    child.once("exit", (code) =>
      code === 0
        ? resolve(Number(readFileSync(out, "utf8")) / 1024)
        : reject(new Error(`agency-crm ${args.join(" ")}: ${err}`))
    )
  })

/** A migrated database with one member and the organizations the rows name; copied for each run. */
const baseDatabase = async (dir: string) => {
  const db = join(dir, "import-base.db")
  const members = join(dir, "members.csv")
  const organizations = join(dir, "organizations.csv")
  writeCsv(members, "name,email", 1, () => "Owner,owner@agency.test")
  writeCsv(organizations, "name,kind", ORGANIZATIONS, (i) => `Org ${i},client`)
  await command(["migrate", "-d", db], dir)
  await command(["import", "members", members, "-d", db], dir)
  await command(["import", "organizations", organizations, "-d", db], dir)
  const raw = openRaw(db)
  raw.pragma("wal_checkpoint(TRUNCATE)")
  raw.close()
  return db
}

const fresh = (base: string, dir: string, name: string) => {
  const file = join(dir, name)
  copyFileSync(base, file)
  return file
}

/** The same rows inserted raw: parsed with csv-parse, references looked up in a map, one prepared INSERT each. */
const rawImport = async (kind: ImportRow["kind"], file: string, db: string) => {
  const raw = openRaw(db)
  raw.pragma("secure_delete = ON")
  const organizations = new Map(
    (raw.prepare("SELECT id, name FROM clients").all() as Array<{ id: string; name: string }>).map((r) => [
      r.name,
      r.id
    ])
  )
  const owner = (raw.prepare("SELECT id FROM team_members").get() as { id: string }).id
  const started = performance.now()
  const now = Date.now()
  const insert =
    kind === "contacts"
      ? raw.prepare(
          `INSERT INTO contacts (id, clientId, name, nameKey, email, phone, position, positionId, isPrimary, notes,
            version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, 1, ?, ?)`
        )
      : raw.prepare(
          `INSERT INTO opportunities (id, name, nameKey, clientId, contactId, ownerId, stage, resumeStage, probability,
            amount, expectedCloseDate, originationId, marketId, originInteractionId, notes, stageChangedAt, closedAt,
            salesOrderNumber, salesOrderAmount, salesOrderDate, projectId, version, createdAt, updatedAt, reachedStages)
            VALUES (?, ?, ?, ?, NULL, ?, 'interest', NULL, 10, NULL, ?, NULL, NULL, NULL, ?, ?, NULL, NULL, NULL, NULL,
              NULL, 1, ?, ?, '["interest"]')`
        )
  const parser = createReadStream(file).pipe(parse({ columns: true }))
  let count = 0
  raw.exec("BEGIN IMMEDIATE")
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    const clientId = organizations.get(row["clientId"]!)
    if (kind === "contacts") {
      insert.run(
        randomUUID(),
        clientId,
        row["name"],
        row["name"]!.toLowerCase(),
        row["email"],
        row["phone"],
        row["notes"],
        now,
        now
      )
    } else {
      const name = row["name"]!
      insert.run(
        randomUUID(),
        name,
        name.toLowerCase(),
        clientId,
        owner,
        row["expectedCloseDate"],
        row["notes"],
        now,
        now,
        now
      )
    }
    count++
  }
  raw.exec("COMMIT")
  const seconds = (performance.now() - started) / 1000
  raw.close()
  return count / seconds
}

const files = (dir: string, rows: number) => {
  const contacts = join(dir, `contacts-${rows}.csv`)
  const opportunities = join(dir, `opportunities-${rows}.csv`)
  if (!existsSync(contacts)) writeCsv(contacts, "name,clientId,email,phone,notes", rows, contactLine)
  if (!existsSync(opportunities)) {
    writeCsv(opportunities, "name,clientId,ownerId,expectedCloseDate,notes", rows, opportunityLine)
  }
  return { contacts, opportunities }
}

/** Imports of `rows` contacts and opportunities by the command and raw; then the command's peak RSS per size. */
export const importsBench = async (dir: string, quick: boolean) => {
  if (!existsSync(CLI))
    execFileSync("npx", ["tsup", "--silent"], { cwd: join(root, "packages", "cli"), stdio: "inherit" })
  const base = await baseDatabase(dir)
  const rows = quick ? 20_000 : 100_000
  const measured: Array<ImportRow> = []
  for (const kind of ["contacts", "opportunities"] as const) {
    const file = files(dir, rows)[kind]
    const rawRowsPerSecond = await rawImport(kind, file, fresh(base, dir, `raw-${kind}.db`))
    const db = fresh(base, dir, `command-${kind}.db`)
    const started = performance.now()
    const peakRssMb = await command(["import", kind, file, "-d", db], dir)
    // The command's time includes starting Node and opening the database, as a user sees it.
    const commandRowsPerSecond = rows / ((performance.now() - started) / 1000)
    measured.push({ kind, rows, commandRowsPerSecond, rawRowsPerSecond, peakRssMb })
  }
  const rss: Array<RssRow> = []
  for (const size of quick ? [10_000, 100_000] : [100_000, 1_000_000]) {
    const file = files(dir, size).contacts
    rss.push({
      rows: size,
      peakRssMb: await command(["import", "contacts", file, "-d", fresh(base, dir, `rss-${size}.db`)], dir)
    })
  }
  return { measured, rss }
}

/** The imports as a markdown table. */
export const importsTable = ({ measured, rss }: Awaited<ReturnType<typeof importsBench>>): string =>
  [
    "| Import | Rows | agency-crm import (rows/s) | Raw bulk inserts (rows/s) | Ratio | Peak RSS (MB) |",
    "|---|---:|---:|---:|---:|---:|",
    ...measured.map(
      (m) =>
        `| ${m.kind} | ${m.rows.toLocaleString("en")} | ${Math.round(m.commandRowsPerSecond).toLocaleString("en")} | ${Math.round(m.rawRowsPerSecond).toLocaleString("en")} | ${(m.commandRowsPerSecond / m.rawRowsPerSecond).toFixed(2)}× | ${Math.round(m.peakRssMb)} |`
    ),
    "",
    "| Contacts imported | Peak RSS of the command (MB) |",
    "|---:|---:|",
    ...rss.map((r) => `| ${r.rows.toLocaleString("en")} | ${Math.round(r.peakRssMb)} |`),
    "",
    `Growth from the smaller to the larger file: ${Math.round(rss[rss.length - 1]!.peakRssMb - rss[0]!.peakRssMb)} MB.`
  ].join("\n")
