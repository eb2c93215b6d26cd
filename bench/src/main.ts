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
import { importsBench, importsTable } from "./imports.js"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length)
// The imports section (a 1M-row import alone takes minutes) runs when asked for, so the default run stays short.
const optIn = new Set(["imports"])
const wants = (part: string) => (only === undefined ? !optIn.has(part) : only.split(",").includes(part))

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${process.platform}`
const sections: Array<string> = [
  `# Agency CRM benchmark (${quick ? "quick" : "full"})`,
  "",
  `Machine: ${machine}. Command: \`npx -y pnpm@10 bench${quick ? " --quick" : ""}\`. ${new Date().toISOString()}`
]

const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]

/** The sections in the order they run: the name `--only` takes, the progress line, the heading and the table. */
const plan: ReadonlyArray<readonly [string, string, string, (dir: string) => Promise<string>]> = [
  [
    "library",
    "library vs raw better-sqlite3",
    "Library vs raw prepared statements",
    async (dir) => libraryTable(await libraryVsRaw(dir, quick))
  ],
  [
    "scale",
    "reads at scale",
    "Indexed reads as the data grows",
    async () => scaleTable(await scale(cacheDirectory, sizes, quick))
  ],
  [
    "reports",
    "reports at scale",
    "Reports over a 90-day window as the history grows",
    async () => reportsTable(await reportsBench(cacheDirectory, sizes, quick))
  ],
  [
    "http",
    "HTTP: example server vs baselines",
    "HTTP: example server vs bare node:http and a minimal HttpApi",
    async (dir) => {
      const database = await scaleDatabase(cacheDirectory, 10_000)
      return httpTable(await httpBench(dir, database.file, database.taskId, quick))
    }
  ],
  [
    "streams",
    "live updates: writes and /health with open event streams",
    "Live updates: writes and /health with open event streams",
    async (dir) => streamsTable(await streamsBench(dir, quick))
  ],
  [
    "webhooks",
    "webhooks: deliveries and their latency with 1 and 50 subscriptions",
    "Webhooks: deliveries and their latency, 1 and 50 subscriptions",
    async (dir) => webhooksTable(await webhooksBench(dir, quick))
  ],
  [
    "postgres",
    "PostgreSQL: library vs driver, and one and two server processes",
    "PostgreSQL: library vs the driver, and one and two server processes",
    async () =>
      (await postgresReachable())
        ? postgresTable(await postgresBench(quick))
        : "Skipped: no PostgreSQL answers at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)."
  ],
  [
    "imports",
    "imports: the agency-crm command vs raw bulk inserts, and its memory as the file grows",
    "Imports: agency-crm import vs raw bulk inserts of the same rows",
    async (dir) => importsTable(await importsBench(dir, quick))
  ],
  [
    "hardening",
    "hardening probes",
    "Requests the server must survive",
    async (dir) => hardeningTable(await hardeningBench(dir, quick))
  ]
]

const dir = mkdtempSync(join(tmpdir(), "agency-crm-bench-"))
try {
  for (const [name, progress, heading, run] of plan) {
    if (!wants(name)) continue
    process.stderr.write(`${progress}…\n`)
    sections.push("", `## ${heading}`, "", await run(dir))
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const report = sections.join("\n") + "\n"
process.stdout.write(report)
const out = join(import.meta.dirname, "..", "results")
mkdirSync(out, { recursive: true })
writeFileSync(join(out, quick ? "latest-quick.md" : "latest.md"), report)
