import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { cpus, totalmem, tmpdir } from "node:os"
import { join } from "node:path"
import { libraryTable, libraryVsRaw } from "./library.js"
import { httpBench, httpTable } from "./http.js"
import { cacheDirectory, scale, scaleTable, scaleDatabase } from "./scale.js"
import { hardeningBench, hardeningTable } from "./hardening.js"
import { reportsBench, reportsTable } from "./reports.js"
import { streamsBench, streamsTable } from "./streams.js"
import { webhooksBench, webhooksTable } from "./webhooks.js"
import { postgresBench, postgresReachable, postgresTable } from "./postgres.js"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length)
const wants = (part: string) => only === undefined || only.split(",").includes(part)

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${process.platform}`
const sections: Array<string> = [
  `# Agency CRM benchmark (${quick ? "quick" : "full"})`,
  "",
  `Machine: ${machine}. Command: \`npx -y pnpm@10 bench${quick ? " --quick" : ""}\`. ${new Date().toISOString()}`
]

const dir = mkdtempSync(join(tmpdir(), "agency-crm-bench-"))
try {
  if (wants("library")) {
    process.stderr.write("library vs raw better-sqlite3…\n")
    sections.push("", "## Library vs raw prepared statements", "", libraryTable(await libraryVsRaw(dir, quick)))
  }
  if (wants("scale")) {
    process.stderr.write("reads at scale…\n")
    const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
    sections.push("", "## Indexed reads as the data grows", "", scaleTable(await scale(cacheDirectory, sizes, quick)))
  }
  if (wants("reports")) {
    process.stderr.write("reports at scale…\n")
    const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
    sections.push(
      "",
      "## Reports over a 90-day window as the history grows",
      "",
      reportsTable(await reportsBench(cacheDirectory, sizes, quick))
    )
  }
  if (wants("http")) {
    process.stderr.write("HTTP: example server vs baselines…\n")
    const database = await scaleDatabase(cacheDirectory, 10_000)
    const results = await httpBench(dir, database.file, database.taskId, quick)
    sections.push("", "## HTTP: example server vs bare node:http and a minimal HttpApi", "", httpTable(results))
  }
  if (wants("streams")) {
    process.stderr.write("live updates: writes and /health with open event streams…\n")
    sections.push(
      "",
      "## Live updates: writes and /health with open event streams",
      "",
      streamsTable(await streamsBench(dir, quick))
    )
  }
  if (wants("webhooks")) {
    process.stderr.write("webhooks: deliveries and their latency with 1 and 50 subscriptions…\n")
    sections.push(
      "",
      "## Webhooks: deliveries and their latency, 1 and 50 subscriptions",
      "",
      webhooksTable(await webhooksBench(dir, quick))
    )
  }
  if (wants("postgres")) {
    process.stderr.write("PostgreSQL: library vs driver, and one and two server processes…\n")
    sections.push(
      "",
      "## PostgreSQL: library vs the driver, and one and two server processes",
      "",
      (await postgresReachable())
        ? postgresTable(await postgresBench(quick))
        : "Skipped: no PostgreSQL answers at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)."
    )
  }
  if (wants("hardening")) {
    process.stderr.write("hardening probes…\n")
    sections.push("", "## Requests the server must survive", "", hardeningTable(await hardeningBench(dir, quick)))
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const report = sections.join("\n") + "\n"
process.stdout.write(report)
const out = join(import.meta.dirname, "..", "results")
mkdirSync(out, { recursive: true })
writeFileSync(join(out, quick ? "latest-quick.md" : "latest.md"), report)
