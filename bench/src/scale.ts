import {
  Actor,
  LocalDates,
  priorityRank,
  type ProjectId,
  Search,
  type TaskId,
  type TaskPriority,
  Tasks,
  type TaskStatus,
  type TeamMemberId,
  Tracking
} from "@agency-crm/core"
import { LATEST_MIGRATION, SqliteStore } from "@agency-crm/sqlite"
import Database from "better-sqlite3"
import { DateTime, Effect, Layer } from "effect"
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { finishBulkDatabase } from "./bulkDatabase.js"
import { libraryRuntime } from "./libraryWorld.js"
import { fmt, measure, mergeSamples, quantileUs, type Samples } from "./measure.js"

/** The ids a scale database was generated with. */
interface Generated {
  readonly managerId: TeamMemberId
  readonly projectIds: ReadonlyArray<ProjectId>
  readonly taskIds: ReadonlyArray<TaskId>
}

const STATUSES: ReadonlyArray<TaskStatus> = [
  "done",
  "done",
  "done",
  "done",
  "done",
  "done",
  "cancelled",
  "todo",
  "in_progress",
  "blocked"
]
const PRIORITIES: ReadonlyArray<TaskPriority> = ["low", "medium", "medium", "high", "urgent"]
/** A word in exactly 20 tasks and 20 interactions at every size, so search matches the same amount of data. */
const RARE_WORD = "zephyr"

/** Bumped when the generated data changes, so cached databases are rebuilt. */
const GENERATOR_VERSION = 2

// Deterministic ids (UUID-shaped, sortable by creation), so a cached database can be found again.
const id = (kind: number, n: number) =>
  `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`

/** Creates (or reuses from `cacheDir`) a database with `size` tasks and `size` interactions, written with bulk
 * inserts in large transactions; the schema is the adapter's own (migrated by `SqliteStore`). */
const generate = async (cacheDir: string, size: number): Promise<{ file: string; seconds: number }> => {
  mkdirSync(cacheDir, { recursive: true })
  const file = join(cacheDir, `scale-${size}-m${LATEST_MIGRATION}-g${GENERATOR_VERSION}.db`)
  if (existsSync(file)) return { file, seconds: 0 }
  const started = performance.now()
  const building = `${file}.building`
  rmSync(building, { force: true })
  await Effect.runPromise(Effect.scoped(Layer.build(SqliteStore.layer({ filename: building }))))
  const db = new Database(building)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = OFF")
  const now = Date.now()
  const today = LocalDates.fromDateTime(DateTime.unsafeMake(now))
  const members = 20
  const clients = Math.max(10, size / 500)
  const projects = Math.max(20, size / 50)
  const insertMember = db.prepare(
    "INSERT INTO team_members (id, name, nameKey, email, title, role, active, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, NULL, ?, 1, 1, ?, ?)"
  )
  const insertClient = db.prepare(
    "INSERT INTO clients (id, name, nameKey, kind, industry, website, email, phone, notes, ownerId, archivedAt, version, createdAt, updatedAt) VALUES (?, ?, ?, 'client', NULL, NULL, NULL, NULL, NULL, ?, NULL, 1, ?, ?)"
  )
  const insertProject = db.prepare(
    "INSERT INTO projects (id, clientId, name, nameKey, campaignType, description, objectives, budget, startDate, dueDate, managerId, status, reportReference, deliveredOn, completedAt, closedAt, feedbackInteractionId, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'seo', NULL, '[]', NULL, NULL, NULL, ?, 'active', NULL, NULL, NULL, NULL, NULL, 1, ?, ?)"
  )
  const insertTask = db.prepare(
    "INSERT INTO tasks (id, projectId, clientId, title, titleKey, description, status, priority, priorityRank, assigneeId, dueDate, estimateHours, originInteractionId, completedAt, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, ?, 1, ?, ?)"
  )
  const insertInteraction = db.prepare(
    "INSERT INTO interactions (id, clientId, contactId, projectId, kind, direction, occurredAt, summary, outcome, nextStep, satisfaction, loggedById, version, createdAt, updatedAt) VALUES (?, ?, NULL, ?, 'call', 'outbound', ?, ?, NULL, NULL, NULL, ?, 1, ?, ?)"
  )
  const memberId = (n: number) => id(1, n)
  const clientOf = (project: number) => id(2, project % clients)
  db.transaction(() => {
    for (let m = 0; m < members; m++) {
      const name = m === 0 ? "Marta Manager" : `Member ${m}`
      insertMember.run(
        memberId(m),
        name,
        name.toLowerCase(),
        `m${m}@scale.test`,
        m === 0 ? "manager" : "member",
        now,
        now
      )
    }
    for (let c = 0; c < clients; c++) insertClient.run(id(2, c), `Client ${c}`, `client ${c}`, memberId(0), now, now)
    for (let p = 0; p < projects; p++)
      insertProject.run(id(3, p), clientOf(p), `Project ${p}`, `project ${p}`, memberId(0), now, now)
  })()
  const batch = 50_000
  for (let start = 0; start < size; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(size, start + batch); i++) {
        const project = i % projects
        const status = STATUSES[(i * 7) % STATUSES.length]!
        const priority = PRIORITIES[i % PRIORITIES.length]!
        const title = `Task ${i} ${i < 20 ? RARE_WORD : "landing page copy"}`
        const due = LocalDates.addDays(today, ((i * 13) % 730) - 365)
        const created = now - (size - i) * 1000
        insertTask.run(
          id(4, i),
          id(3, project),
          clientOf(project),
          title,
          title.toLowerCase(),
          status,
          priority,
          priorityRank[priority],
          memberId(i % members),
          due,
          status === "done" ? created : null,
          created,
          created
        )
        const summary = `Call ${i} ${i < 20 ? RARE_WORD : "about the weekly report"}`
        insertInteraction.run(
          id(5, i),
          clientOf(project),
          id(3, project),
          created,
          summary,
          memberId(i % members),
          created,
          created
        )
      }
    })()
  }
  await finishBulkDatabase(db, building, file)
  return { file, seconds: (performance.now() - started) / 1000 }
}

/** A generated database of `size` tasks (cached) and the id of one open task in it. */
/** Where generated databases are cached between runs (`bench/.cache`). */
export const cacheDirectory = join(import.meta.dirname, "..", ".cache")

export const scaleDatabase = async (cacheDir: string, size: number) => {
  const { file } = await generate(cacheDir, size)
  return { file, taskId: id(4, 7) }
}

/** Latencies of the indexed reads at one size. */
export interface ScaleRow {
  readonly size: number
  readonly generatedSeconds: number
  readonly reads: ReadonlyArray<Samples>
}

const ROUNDS = 5

/** Runs the library's reads on databases of each size. Sizes take turns, a fifth of each read's samples at a
 * time, so a slow spell of the machine (a shared VM) lands on every size instead of on one. */
export const scale = async (
  cacheDir: string,
  sizes: ReadonlyArray<number>,
  quick: boolean
): Promise<ReadonlyArray<ScaleRow>> => {
  const stores: Array<{
    readonly size: number
    readonly seconds: number
    readonly runtime: ReturnType<typeof libraryRuntime>
    readonly generated: Generated
  }> = []
  for (const size of sizes) {
    process.stderr.write(`  ${size.toLocaleString("en-US")} tasks: generating or reusing…\n`)
    const { file, seconds } = await generate(cacheDir, size)
    const generated: Generated = {
      managerId: id(1, 0) as TeamMemberId,
      projectIds: Array.from({ length: 200 }, (_, p) => id(3, p) as ProjectId),
      taskIds: Array.from({ length: 2000 }, (_, k) => id(4, Math.floor((k * size) / 2000)) as TaskId)
    }
    stores.push({ size, seconds, runtime: libraryRuntime(file), generated })
  }
  const reads: ReadonlyArray<{
    readonly name: string
    readonly warmup: number
    readonly op: (g: Generated, i: number) => Effect.Effect<unknown, unknown, Actor | Tasks | Tracking | Search>
  }> = [
    // The warm-up reads every one of the 2000 tasks once: measured is the steady state of a store whose file
    // is in the OS page cache (2.6 GB at 1M), not the disk's first reads of pages nobody read yet.
    { name: "get task", warmup: 2000, op: (g, i) => Effect.flatMap(Tasks, (t) => t.get(g.taskIds[i % 2000]!)) },
    {
      name: "list overdue (limit 50)",
      warmup: 200,
      op: () => Effect.flatMap(Tracking, (t) => t.overdue({ limit: 50 }))
    },
    {
      name: "list a project's tasks by due date (limit 50)",
      warmup: 200,
      op: (g, i) =>
        Effect.flatMap(Tasks, (t) => t.list({ projectId: g.projectIds[i % 200]!, sortBy: "dueDate", limit: 50 }))
    },
    {
      name: "search a rare word",
      warmup: 200,
      op: () => Effect.flatMap(Search, (s) => s.search({ q: RARE_WORD, limit: 20 }))
    }
  ]
  const chunk = { iterations: (quick ? 1_000 : 5_000) / ROUNDS, warmup: 0, maxMs: (quick ? 2_000 : 5_000) / ROUNDS }
  const samples = stores.map(() => reads.map(() => [] as Array<Samples>))
  for (const [k, read] of reads.entries()) {
    const runs = stores.map(({ generated, runtime }) => {
      const as = Effect.provideService(Actor, Actor.member(generated.managerId))
      return (i: number) => runtime.runPromise(as(read.op(generated, i)))
    })
    for (const run of runs) for (let i = 0; i < read.warmup; i++) await run(i)
    for (let round = 0; round < ROUNDS; round++) {
      for (const [s, run] of runs.entries()) {
        samples[s]![k]!.push(await measure(read.name, (i) => run(round * chunk.iterations + i), chunk))
      }
    }
  }
  await Promise.all(stores.map(({ runtime }) => runtime.dispose()))
  return stores.map(({ size, seconds }, s) => ({
    size,
    generatedSeconds: seconds,
    reads: samples[s]!.map(mergeSamples)
  }))
}

/** The Markdown table of the scale run: p50/p99 per size, and the largest size's p50 over the smallest's. */
export const scaleTable = (rows: ReadonlyArray<ScaleRow>): string => {
  const first = rows[0]!
  const last = rows[rows.length - 1]!
  const header = [
    "| read | " +
      rows.map((r) => `${r.size.toLocaleString("en-US")}: p50 / p99 µs`).join(" | ") +
      ` | p50 ${last.size.toLocaleString("en-US")} ÷ ${first.size.toLocaleString("en-US")} |`,
    "| --- | " + rows.map(() => "---:").join(" | ") + " | ---: |"
  ]
  const lines = first.reads.map((read, k) => {
    const cells = rows.map((r) => `${fmt(quantileUs(r.reads[k]!, 0.5))} / ${fmt(quantileUs(r.reads[k]!, 0.99))}`)
    const growth = quantileUs(last.reads[k]!, 0.5) / quantileUs(first.reads[k]!, 0.5)
    return `| ${read.name} | ${cells.join(" | ")} | ${growth.toFixed(2)}× |`
  })
  const generated = rows
    .filter((r) => r.generatedSeconds > 0)
    .map((r) => `${r.size.toLocaleString("en-US")} in ${r.generatedSeconds.toFixed(1)} s`)
  return [
    ...header,
    ...lines,
    "",
    `Each size has that many tasks and as many interactions (30% of tasks open, due dates ±1 year). ` +
      (generated.length > 0 ? `Generated this run: ${generated.join(", ")}.` : "All sizes came from the cache.")
  ].join("\n")
}
