import {
  Actor,
  Interactions,
  type ProjectId,
  Search,
  type TaskId,
  Tasks,
  type TeamMemberId,
  Tracking
} from "@agency-crm/core"
import Database from "better-sqlite3"
import type { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { randomUUID } from "node:crypto"
import { join } from "node:path"
import { libraryRuntime, recordStatements, setUp } from "./libraryWorld.js"
import { fmt, measure, opsPerSecond, quantileUs, type Samples } from "./measure.js"
import { openRaw } from "./raw.js"

/** One row of the library-vs-raw table. */
export interface LibraryRow {
  readonly operation: string
  readonly library: Samples
  readonly raw: Samples
  readonly statements: number
}

const OPEN = "'todo', 'in_progress', 'in_review', 'blocked'"
const TASK_COLUMNS = [
  "id",
  "projectId",
  "clientId",
  "title",
  "titleKey",
  "description",
  "status",
  "priority",
  "priorityRank",
  "assigneeId",
  "dueDate",
  "estimateHours",
  "originInteractionId",
  "completedAt",
  "version",
  "createdAt",
  "updatedAt"
]
const INTERACTION_COLUMNS = [
  "id",
  "clientId",
  "contactId",
  "projectId",
  "kind",
  "direction",
  "occurredAt",
  "summary",
  "outcome",
  "nextStep",
  "satisfaction",
  "loggedById",
  "version",
  "createdAt",
  "updatedAt"
]
const EVENT_INSERT =
  "INSERT INTO events (occurredAt, actorId, type, entityType, entityId, clientId, projectId, assigneeId, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence"

/** The statements the library issues for each operation (read off its query spans), as prepared statements. */
const rawOperations = (db: Database.Database, w: { memberId: string; clientId: string; projectId: string }) => {
  const member = db.prepare("SELECT * FROM team_members WHERE id = ?")
  const project = db.prepare("SELECT * FROM projects WHERE id = ?")
  const client = db.prepare("SELECT * FROM clients WHERE id = ?")
  const task = db.prepare("SELECT * FROM tasks WHERE id = ?")
  const insertTask = db.prepare(
    `INSERT INTO tasks (${TASK_COLUMNS.join(", ")}) VALUES (${TASK_COLUMNS.map(() => "?").join(", ")})`
  )
  const updatable = TASK_COLUMNS.filter((c) => c !== "id")
  const updateTask = db.prepare(
    `UPDATE tasks SET ${updatable.map((c) => `${c} = ?`).join(", ")} WHERE id = ? AND version = ? RETURNING id`
  )
  const insertInteraction = db.prepare(
    `INSERT INTO interactions (${INTERACTION_COLUMNS.join(", ")}) VALUES (${INTERACTION_COLUMNS.map(() => "?").join(", ")})`
  )
  const event = db.prepare(EVENT_INSERT)
  const overdue = db.prepare(
    `SELECT * FROM tasks WHERE (status IN (${OPEN})) AND (dueDate < ?) ORDER BY dueDate ASC, id ASC LIMIT ?`
  )
  const search = db.prepare(
    `SELECT d.entityType, d.entityId, d.clientId, d.projectId, f.title AS title, -bm25(search_fts, 10.0, 1.0) AS score
      FROM search_fts AS f JOIN search_docs AS d ON d.docid = f.rowid WHERE (search_fts MATCH ?)
      ORDER BY score DESC, d.entityId ASC LIMIT ? OFFSET ?`
  )
  const begin = db.prepare("BEGIN IMMEDIATE")
  const commit = db.prepare("COMMIT")
  const today = new Date().toISOString().slice(0, 10)
  const write = <A>(body: () => A): A => {
    begin.run()
    try {
      const result = body()
      commit.run()
      return result
    } catch (error) {
      db.exec("ROLLBACK")
      throw error
    }
  }
  const change = (field: string, before: unknown, after: unknown) => JSON.stringify([{ field, before, after }])

  return {
    createTask: (i: number) =>
      write(() => {
        member.get(w.memberId)
        project.get(w.projectId)
        member.get(w.memberId)
        const now = Date.now()
        const id = randomUUID()
        const title = `Raw task ${i}`
        insertTask.run(
          id,
          w.projectId,
          w.clientId,
          title,
          title.toLowerCase(),
          null,
          "todo",
          "medium",
          2,
          w.memberId,
          null,
          null,
          null,
          null,
          1,
          now,
          now
        )
        event.get(
          now,
          w.memberId,
          "task.created",
          "task",
          id,
          w.clientId,
          w.projectId,
          w.memberId,
          change("title", null, title)
        )
        return id
      }),
    getTask: (id: string) => {
      member.get(w.memberId)
      return task.get(id)
    },
    moveTask: (id: string, to: string) =>
      write(() => {
        member.get(w.memberId)
        const row = task.get(id) as Record<string, unknown>
        project.get(w.projectId)
        const now = Date.now()
        const version = row.version as number
        updateTask.get(
          row.projectId,
          row.clientId,
          row.title,
          row.titleKey,
          row.description,
          to,
          row.priority,
          row.priorityRank,
          row.assigneeId,
          row.dueDate,
          row.estimateHours,
          row.originInteractionId,
          row.completedAt,
          version + 1,
          row.createdAt,
          now,
          id,
          version
        )
        event.get(
          now,
          w.memberId,
          "task.status_changed",
          "task",
          id,
          row.clientId,
          row.projectId,
          row.assigneeId,
          change("status", row.status, to)
        )
      }),
    overdue: () => {
      member.get(w.memberId)
      return overdue.all(today, 51)
    },
    logInteraction: (i: number) =>
      write(() => {
        member.get(w.memberId)
        client.get(w.clientId)
        const now = Date.now()
        const id = randomUUID()
        const summary = `Raw call ${i}`
        insertInteraction.run(
          id,
          w.clientId,
          null,
          null,
          "call",
          "outbound",
          now,
          summary,
          null,
          null,
          null,
          w.memberId,
          1,
          now,
          now
        )
        event.get(
          now,
          w.memberId,
          "interaction.logged",
          "interaction",
          id,
          w.clientId,
          null,
          null,
          change("summary", null, summary)
        )
      }),
    search: () => {
      member.get(w.memberId)
      return search.all('"audit"*', 21, 0)
    }
  }
}

/** Runs each operation through the core services on SQLite and as raw prepared statements, on copies of one
 * seeded database. */
export const libraryVsRaw = async (dir: string, quick: boolean): Promise<ReadonlyArray<LibraryRow>> => {
  const libFile = join(dir, "library.db")
  const runtime = libraryRuntime(libFile)
  const world = await runtime.runPromise(setUp(quick ? 200 : 1000))
  const rawFile = join(dir, "raw.db")
  new Database(libFile, { readonly: true }).exec(`VACUUM INTO '${rawFile}'`)
  const raw = rawOperations(openRaw(rawFile), {
    memberId: world.manager.id,
    clientId: world.client.id,
    projectId: world.project.id
  })

  const reads = { iterations: quick ? 3_000 : 30_000, warmup: 300, maxMs: quick ? 2_000 : 6_000 }
  const writes = { iterations: quick ? 400 : 3_000, warmup: 50, maxMs: quick ? 2_000 : 8_000 }
  const as = Effect.provideService(Actor, Actor.member(world.manager.id as TeamMemberId))
  const run = <A, E>(
    effect: Effect.Effect<A, E, Actor | Tasks | Tracking | Interactions | Search | SqlClient.SqlClient>
  ) => runtime.runPromise(as(effect))
  const ids = world.taskIds as ReadonlyArray<string> as ReadonlyArray<TaskId>
  const pick = (i: number) => ids[i % ids.length]!
  // Blocked and back: a legal lifecycle move in both directions; each database keeps its own states.
  const toggler = () => {
    const blocked = new Set<string>()
    return (id: string): "blocked" | "todo" => {
      if (blocked.delete(id)) return "todo"
      blocked.add(id)
      return "blocked"
    }
  }
  const libraryToggle = toggler()
  const rawToggle = toggler()

  const library = {
    createTask: (i: number) =>
      Effect.flatMap(Tasks, (t) =>
        t.create({ projectId: world.project.id as ProjectId, title: `Library task ${i}`, assigneeId: world.manager.id })
      ),
    getTask: (i: number) => Effect.flatMap(Tasks, (t) => t.get(pick(i))),
    moveTask: (i: number) => Effect.flatMap(Tasks, (t) => t.transition(pick(i), libraryToggle(pick(i)))),
    overdue: () => Effect.flatMap(Tracking, (t) => t.overdue({ limit: 50 })),
    logInteraction: (i: number) =>
      Effect.flatMap(Interactions, (s) =>
        s.log({ clientId: world.client.id, kind: "call", direction: "outbound", summary: `Library call ${i}` })
      ),
    search: () => Effect.flatMap(Search, (s) => s.search({ q: "audit", limit: 20 }))
  }
  const rawOps = {
    createTask: (i: number) => raw.createTask(i),
    getTask: (i: number) => raw.getTask(pick(i)),
    moveTask: (i: number) => raw.moveTask(pick(i), rawToggle(pick(i))),
    overdue: () => raw.overdue(),
    logInteraction: (i: number) => raw.logInteraction(i),
    search: () => raw.search()
  }
  const plan: ReadonlyArray<[string, keyof typeof library, typeof reads]> = [
    ["create task", "createTask", writes],
    ["get task", "getTask", reads],
    ["update task status", "moveTask", writes],
    ["list overdue (limit 50)", "overdue", reads],
    ["log interaction", "logInteraction", writes],
    ["search", "search", reads]
  ]
  const rows: Array<LibraryRow> = []
  for (const [label, key, options] of plan) {
    const op = library[key] as (
      i: number
    ) => Effect.Effect<unknown, unknown, Actor | Tasks | Tracking | Interactions | Search>
    const { statements } = await run(recordStatements(op(0)))
    // Each call is one runPromise on the runtime, as an embedding program makes it.
    const librarySamples = await measure(label, (i) => run(op(i)), options)
    const rawSamples = await measure(label, (i) => rawOps[key](i), options)
    rows.push({ operation: label, library: librarySamples, raw: rawSamples, statements: statements.length })
    process.stderr.write(`  ${label}: ${fmt(opsPerSecond(librarySamples))} vs ${fmt(opsPerSecond(rawSamples))} ops/s\n`)
  }
  await runtime.dispose()
  return rows
}

/** The Markdown table of the library-vs-raw run. */
export const libraryTable = (rows: ReadonlyArray<LibraryRow>): string =>
  [
    "| operation | library ops/s | raw ops/s | raw ÷ library | library p50 µs | raw p50 µs | library p99 µs | raw p99 µs | statements |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => {
      const lib = opsPerSecond(r.library)
      const raw = opsPerSecond(r.raw)
      return `| ${r.operation} | ${fmt(lib)} | ${fmt(raw)} | ${(raw / lib).toFixed(2)}× | ${fmt(quantileUs(r.library, 0.5))} | ${fmt(quantileUs(r.raw, 0.5))} | ${fmt(quantileUs(r.library, 0.99))} | ${fmt(quantileUs(r.raw, 0.99))} | ${r.statements} |`
    })
  ].join("\n")
